#include "connectors/kafka/kafka_wire_format.h"

#include <gtest/gtest.h>

#include <string>

namespace eddy::connectors::kafka {
namespace {

std::string hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

TEST(KafkaWireFormatTest, EndTxnRequestBytes) {
  KafkaRequestWriter request(26, 1, 7, false);
  request.writeString("t");
  request.writeInt64(258);
  request.writeInt16(3);
  request.writeInt8(1);
  // size 59 | api key 26 | version 1 | correlation 7 | client id (35 bytes) | "t" | 258 | 3 | true
  EXPECT_EQ(hex(request.finish()),
            "0000003b" "001a" "0001" "00000007" "0023" + hex("eddy-transaction-coordinator-client") + "000174" +
                "0000000000000102" "0003" "01");
}

TEST(KafkaWireFormatTest, FlexibleRequestsUseCompactFieldsAndTaggedFields) {
  KafkaRequestWriter request(65, 0, 1, true);
  request.writeCompactArrayLength(1);
  request.writeCompactString("ab");
  request.writeEmptyTaggedFields();
  request.writeUnsignedVarint(300);
  const std::string bytes = request.finish();
  // Header v2 ends with an empty tagged-field section; then [1 element] "ab" {} 300.
  EXPECT_EQ(hex(bytes.substr(bytes.size() - 8)), "00" "02" "03" "6162" "00" "ac02");
}

TEST(KafkaWireFormatTest, ReaderReadsWhatTheProtocolWrites) {
  const std::string bytes = std::string("\xff\xfe", 2) + std::string("\x00\x00\x01\x00", 4) +
                            std::string("\x00\x02hi", 4) + std::string("\xff\xff", 2) + std::string("\x03xy", 3) +
                            std::string("\x02", 1) + std::string("\x01\x05\x02zz", 5) + std::string("\xac\x02", 2);
  KafkaResponseReader reader(bytes);
  EXPECT_EQ(*reader.readInt16(), -2);
  EXPECT_EQ(*reader.readInt32(), 256);
  EXPECT_EQ(*reader.readString(), "hi");
  EXPECT_EQ(*reader.readNullableString(), "");
  EXPECT_EQ(*reader.readCompactString(), "xy");
  EXPECT_EQ(*reader.readCompactArrayLength(), 1u);
  EXPECT_TRUE(reader.skipTaggedFields().ok());  // one field, tag 5, two bytes
  EXPECT_EQ(*reader.readUnsignedVarint(), 300u);
  EXPECT_EQ(reader.readInt8().status().message(), "Kafka response ended early: 1 more bytes expected, 0 left");
}

}  // namespace
}  // namespace eddy::connectors::kafka
