#include "eddy/types/decimal.h"

#include <gtest/gtest.h>

namespace eddy::types {
namespace {

std::string parsedString(std::string_view text, int precision, int scale) {
  Result<Decimal> d = Decimal::fromString(text, precision, scale);
  return d.ok() ? d->toString() : d.status().toString();
}

TEST(DecimalTest, ToStringIsPlainWithScaleDigits) {
  EXPECT_EQ(Decimal::fromUnscaled(1230, 10, 2).toString(), "12.30");
  EXPECT_EQ(Decimal::fromUnscaled(-5, 4, 2).toString(), "-0.05");
  EXPECT_EQ(Decimal::fromUnscaled(0, 4, 2).toString(), "0.00");
  EXPECT_EQ(Decimal::fromUnscaled(0, 4, 0).toString(), "0");
  EXPECT_EQ(Decimal::fromUnscaled(-123, 3, 0).toString(), "-123");
  EXPECT_EQ(Decimal::fromUnscaled(1, 38, 38).toString(), "0.00000000000000000000000000000000000001");
  __int128 max = 1;
  for (int i = 0; i < 38; ++i) max *= 10;
  EXPECT_EQ(Decimal::fromUnscaled(max - 1, 38, 0).toString(), "99999999999999999999999999999999999999");
  EXPECT_EQ(Decimal::fromUnscaled(-(max - 1), 38, 2).toString(), "-999999999999999999999999999999999999.99");
}

TEST(DecimalTest, FromStringRoundsHalfUp) {
  EXPECT_EQ(parsedString("12.3", 10, 2), "12.30");
  EXPECT_EQ(parsedString("12.345", 10, 2), "12.35");
  EXPECT_EQ(parsedString("12.344", 10, 2), "12.34");
  EXPECT_EQ(parsedString("-12.345", 10, 2), "-12.35");
  EXPECT_EQ(parsedString("0.005", 4, 2), "0.01");
  EXPECT_EQ(parsedString("0.0049", 4, 2), "0.00");
  EXPECT_EQ(parsedString("+7", 3, 0), "7");
  EXPECT_EQ(parsedString("1.5E3", 10, 1), "1500.0");
  EXPECT_EQ(parsedString("15e-3", 10, 3), "0.015");
  EXPECT_EQ(parsedString(".5", 2, 1), "0.5");
  EXPECT_EQ(parsedString("000123.4", 4, 1), "123.4");
}

TEST(DecimalTest, FromStringRejectsBadInput) {
  EXPECT_EQ(parsedString("abc", 10, 2), "InvalidArgument: 'abc' is not a decimal number.");
  EXPECT_EQ(parsedString("1.2.3", 10, 2), "InvalidArgument: '1.2.3' is not a decimal number.");
  EXPECT_EQ(parsedString("1e", 10, 2), "InvalidArgument: '1e' is not a decimal number.");
  EXPECT_EQ(parsedString("", 10, 2), "InvalidArgument: '' is not a decimal number.");
  EXPECT_EQ(parsedString("123.45", 4, 2), "InvalidArgument: '123.45' does not fit DECIMAL(4, 2).");
  EXPECT_EQ(parsedString("99.995", 4, 2), "InvalidArgument: '99.995' does not fit DECIMAL(4, 2).");
}

TEST(DecimalTest, EqualityComparesScaleAndUnscaledValue) {
  EXPECT_EQ(Decimal::fromUnscaled(1230, 10, 2), *Decimal::fromString("12.3", 10, 2));
  EXPECT_NE(Decimal::fromUnscaled(1230, 10, 2), Decimal::fromUnscaled(123, 10, 1));
  EXPECT_EQ(Decimal::fromUnscaled(-5, 4, 2).toUnscaled(), -5);
  EXPECT_EQ(Decimal::fromUnscaled(-5, 4, 2).precision(), 4);
  EXPECT_EQ(Decimal::fromUnscaled(-5, 4, 2).scale(), 2);
}

}  // namespace
}  // namespace eddy::types
