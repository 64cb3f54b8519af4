#include "eddy/connectors/random_generator.h"

#include <gtest/gtest.h>

#include <set>

namespace eddy::connectors {
namespace {

TEST(RandomGeneratorTest, SameSeedAndIndexGiveSameValues) {
  auto a = RandomGenerator::forIndex(7, 12345);
  auto b = RandomGenerator::forIndex(7, 12345);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.nextBits(), b.nextBits());
  EXPECT_NE(RandomGenerator::forIndex(7, 1).nextBits(), RandomGenerator::forIndex(7, 2).nextBits());
  EXPECT_NE(RandomGenerator::forIndex(7, 1).nextBits(), RandomGenerator::forIndex(8, 1).nextBits());
}

TEST(RandomGeneratorTest, ValuesStayInRangeAndCoverIt) {
  std::set<int64_t> seen;
  for (int64_t i = 0; i < 2000; ++i) {
    auto r = RandomGenerator::forIndex(1, i);
    int64_t v = r.nextLong(-3, 3);
    ASSERT_GE(v, -3);
    ASSERT_LE(v, 3);
    seen.insert(v);
    int32_t n = r.nextInt(10, 12);
    ASSERT_GE(n, 10);
    ASSERT_LE(n, 12);
    double d = r.nextDouble(0.5, 1.5);
    ASSERT_GE(d, 0.5);
    ASSERT_LT(d, 1.5);
  }
  EXPECT_EQ(seen, (std::set<int64_t>{-3, -2, -1, 0, 1, 2, 3}));
  auto r = RandomGenerator::forIndex(1, 0);
  EXPECT_EQ(r.nextLong(5, 5), 5);
  r.nextLong(INT64_MIN, INT64_MAX);  // the full range must not divide by zero
}

TEST(RandomGeneratorTest, StringsAreLowercaseHexOfTheLength) {
  auto r = RandomGenerator::forIndex(3, 9);
  std::string s = r.nextString(40);
  ASSERT_EQ(s.size(), 40u);
  EXPECT_EQ(s.find_first_not_of("0123456789abcdef"), std::string::npos) << s;
  EXPECT_EQ(RandomGenerator::forIndex(3, 9).nextString(40), s);
  EXPECT_EQ(r.nextString(0), "");
}

}  // namespace
}  // namespace eddy::connectors
