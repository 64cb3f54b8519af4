#include "eddy/common/checksum.h"

#include <gtest/gtest.h>

#include <string>

namespace eddy::crc32c {
namespace {

// The check value of the CRC-32C catalogue entry, and the test vectors of RFC 3720 (iSCSI),
// appendix B.4.
TEST(Crc32cTest, StandardVectors) {
  EXPECT_EQ(value("123456789"), 0xE3069283u);
  EXPECT_EQ(value(std::string(32, '\0')), 0x8A9136AAu);
  EXPECT_EQ(value(std::string(32, '\xFF')), 0x62A8AB43u);
  std::string ascending;
  std::string descending;
  for (int i = 0; i < 32; ++i) {
    ascending.push_back(static_cast<char>(i));
    descending.push_back(static_cast<char>(31 - i));
  }
  EXPECT_EQ(value(ascending), 0x46DD794Eu);
  EXPECT_EQ(value(descending), 0x113FDB5Cu);
  EXPECT_EQ(value(""), 0u);
}

TEST(Crc32cTest, ExtendEqualsWholeForEverySplit) {
  std::string data;
  for (int i = 0; i < 100; ++i) data.push_back(static_cast<char>(i * 37 + 11));
  const uint32_t whole = value(data);
  for (size_t split = 0; split <= data.size(); ++split) {
    std::string_view all(data);
    EXPECT_EQ(extend(value(all.substr(0, split)), all.substr(split)), whole) << split;
  }
}

TEST(Crc32cTest, PortableMatchesDefaultOnEveryLengthAndAlignment) {
  std::string data;
  for (int i = 0; i < 300; ++i) data.push_back(static_cast<char>((i * 131) ^ (i >> 3)));
  std::string_view all(data);
  for (size_t offset = 0; offset < 8; ++offset) {
    for (size_t length = 0; offset + length <= all.size(); length += 7) {
      std::string_view part = all.substr(offset, length);
      EXPECT_EQ(extendPortable(0x12345678u, part), extend(0x12345678u, part)) << offset << " " << length;
    }
  }
  EXPECT_EQ(extendPortable(0, "123456789"), 0xE3069283u);
}

}  // namespace
}  // namespace eddy::crc32c
