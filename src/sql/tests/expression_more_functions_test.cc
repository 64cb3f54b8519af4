// The rest of Flink's built-in scalar functions: math (LOG2, LOG, trigonometry, DEGREES,
// RADIANS, PI, E, BIN, HEX), string (REPEAT, REGEXP, OVERLAY, base64, ASCII, CHR, LEFT,
// RIGHT, LOCATE, INSTR, TRANSLATE, ELT), SIMILAR TO, IFNULL / GREATEST / LEAST, OVERLAPS,
// TO_TIMESTAMP_LTZ and CONVERT_TZ; each with NULL inputs.
#include <gtest/gtest.h>

#include "eddy/types/data_types.h"
#include "eddy/types/row.h"
#include "sql/tests/expression_test_util.h"

namespace eddy::sql {
namespace {

using types::DataTypes;
using types::Row;
using types::Value;

types::LogicalType schema() {
  return DataTypes::ROW({DataTypes::FIELD("s", DataTypes::STRING()), DataTypes::FIELD("n", DataTypes::INT()),
                         DataTypes::FIELD("d", DataTypes::DOUBLE())});
}

// One row of values and one of NULLs.
std::vector<Row> rows() {
  return {Row::of(std::string("abcb"), int32_t{2}, 0.5), Row::withPositions(types::RowKind::INSERT, 3)};
}

std::string eval(std::string_view sql) { return testing::evaluateJoined(sql, schema(), rows()); }
std::string one(std::string_view sql) { return testing::evaluateJoined(sql, schema(), {rows()[0]}); }

TEST(ExpressionMoreFunctionsTest, Logarithms) {
  EXPECT_EQ(one("LOG2(8)"), "3.0");
  EXPECT_EQ(one("LOG(2, 8)"), "3.0");
  EXPECT_EQ(one("LOG(1)"), "0.0");
  EXPECT_EQ(eval("LOG2(n)"), "1.0 | null");
  EXPECT_EQ(eval("LOG(n, 4)"), "2.0 | null");
}

TEST(ExpressionMoreFunctionsTest, Trigonometry) {
  EXPECT_EQ(one("SIN(0)"), "0.0");
  EXPECT_EQ(one("COS(0)"), "1.0");
  EXPECT_EQ(one("TAN(0)"), "0.0");
  EXPECT_EQ(one("COT(1)"), "0.6420926159343306");
  EXPECT_EQ(one("ASIN(1)"), "1.5707963267948966");
  EXPECT_EQ(one("ACOS(1)"), "0.0");
  EXPECT_EQ(one("ATAN(1)"), "0.7853981633974483");
  EXPECT_EQ(one("ATAN2(1, 1)"), "0.7853981633974483");
  EXPECT_EQ(one("SINH(0)"), "0.0");
  EXPECT_EQ(one("COSH(0)"), "1.0");
  EXPECT_EQ(one("TANH(0)"), "0.0");
  EXPECT_EQ(eval("SIN(d)"), "0.479425538604203 | null");
  EXPECT_EQ(eval("ATAN2(d, n)"), "0.24497866312686414 | null");
}

TEST(ExpressionMoreFunctionsTest, ConstantsAndConversions) {
  EXPECT_EQ(one("PI()"), "3.141592653589793");
  EXPECT_EQ(one("E()"), "2.718281828459045");
  EXPECT_EQ(one("DEGREES(PI())"), "180.0");
  EXPECT_EQ(one("RADIANS(180)"), "3.141592653589793");
  EXPECT_EQ(eval("DEGREES(d)"), "28.64788975654116 | null");
  EXPECT_EQ(one("BIN(12)"), "1100");
  EXPECT_EQ(one("BIN(-1)"), "1111111111111111111111111111111111111111111111111111111111111111");
  EXPECT_EQ(one("HEX(255)"), "FF");
  EXPECT_EQ(one("HEX('ab')"), "6162");
  EXPECT_EQ(eval("BIN(n)"), "10 | null");
}

TEST(ExpressionMoreFunctionsTest, RepeatOverlayLeftRight) {
  EXPECT_EQ(one("REPEAT('ab', 3)"), "ababab");
  EXPECT_EQ(one("REPEAT('ab', -1)"), "");
  EXPECT_EQ(eval("REPEAT(s, n)"), "abcbabcb | null");
  EXPECT_EQ(one("OVERLAY('This is an old string' PLACING ' new' FROM 10 FOR 5)"), "This is a new string");
  EXPECT_EQ(one("OVERLAY('abcdef' PLACING 'XY' FROM 2)"), "aXYdef");
  EXPECT_EQ(eval("OVERLAY(s PLACING 'Z' FROM n)"), "aZcb | null");
  EXPECT_EQ(one("LEFT('hello', 2)"), "he");
  EXPECT_EQ(one("LEFT('hello', -1)"), "");
  EXPECT_EQ(one("RIGHT('hello', 2)"), "lo");
  EXPECT_EQ(one("RIGHT('hello', 9)"), "hello");
  EXPECT_EQ(eval("RIGHT(s, n)"), "cb | null");
}

TEST(ExpressionMoreFunctionsTest, Base64AsciiChr) {
  EXPECT_EQ(one("TO_BASE64('hello world')"), "aGVsbG8gd29ybGQ=");
  EXPECT_EQ(one("TO_BASE64('ab')"), "YWI=");
  EXPECT_EQ(one("FROM_BASE64('aGVsbG8gd29ybGQ=')"), "hello world");
  EXPECT_EQ(one("FROM_BASE64('YWI=')"), "ab");
  EXPECT_EQ(one("FROM_BASE64('!!')"), "null");
  EXPECT_EQ(eval("FROM_BASE64(TO_BASE64(s))"), "abcb | null");
  EXPECT_EQ(one("ASCII('abc')"), "97");
  EXPECT_EQ(one("ASCII('')"), "0");
  EXPECT_EQ(eval("ASCII(s)"), "97 | null");
  EXPECT_EQ(one("CHR(97)"), "a");
  EXPECT_EQ(one("CHR(353)"), "a");
  EXPECT_EQ(eval("CHR(n + 63)"), "A | null");
}

TEST(ExpressionMoreFunctionsTest, LocateInstrRegexp) {
  EXPECT_EQ(one("LOCATE('b', 'abcb')"), "2");
  EXPECT_EQ(one("LOCATE('b', 'abcb', 3)"), "4");
  EXPECT_EQ(one("LOCATE('z', 'abcb')"), "0");
  EXPECT_EQ(one("LOCATE('b', 'abcb', 0)"), "0");
  EXPECT_EQ(eval("LOCATE('c', s, n)"), "3 | null");
  EXPECT_EQ(one("INSTR('abcb', 'b')"), "2");
  EXPECT_EQ(eval("INSTR(s, 'cb')"), "3 | null");
  EXPECT_EQ(one("REGEXP('abc', 'b.')"), "true");
  EXPECT_EQ(one("REGEXP('abc', '^b')"), "false");
  EXPECT_EQ(eval("REGEXP(s, 'c')"), "true | null");
}

TEST(ExpressionMoreFunctionsTest, TranslateElt) {
  EXPECT_EQ(one("TRANSLATE('AaBbCc', 'abc', '123')"), "A1B2C3");
  EXPECT_EQ(one("TRANSLATE('abc', 'abc', 'x')"), "x");
  EXPECT_EQ(eval("TRANSLATE(s, 'b', 'B')"), "aBcB | null");
  EXPECT_EQ(one("ELT(2, 'a', 'b', 'c')"), "b");
  EXPECT_EQ(one("ELT(4, 'a', 'b', 'c')"), "null");
  EXPECT_EQ(eval("ELT(n, 'x', s)"), "abcb | null");
}

TEST(ExpressionMoreFunctionsTest, SimilarTo) {
  EXPECT_EQ(one("'abc' SIMILAR TO 'a(b|c)c'"), "true");
  EXPECT_EQ(one("'abd' SIMILAR TO 'a(b|c)c'"), "false");
  EXPECT_EQ(one("'abc' SIMILAR TO 'a%'"), "true");
  EXPECT_EQ(one("'abc' SIMILAR TO '_b'"), "false");
  EXPECT_EQ(one("'a.c' SIMILAR TO 'a.c'"), "true");
  EXPECT_EQ(one("'abc' SIMILAR TO 'a.c'"), "false");
  EXPECT_EQ(one("'a%' SIMILAR TO 'a!%' ESCAPE '!'"), "true");
  EXPECT_EQ(one("'abc' NOT SIMILAR TO 'a%'"), "false");
  EXPECT_EQ(eval("s SIMILAR TO '(a|b|c)+'"), "true | null");
}

TEST(ExpressionMoreFunctionsTest, IfNullGreatestLeast) {
  EXPECT_EQ(one("IFNULL(CAST(NULL AS INT), 5)"), "5");
  EXPECT_EQ(eval("IFNULL(n, 7)"), "2 | 7");
  EXPECT_EQ(eval("IFNULL(s, 'x')"), "abcb | x");
  EXPECT_EQ(one("GREATEST(1, 5, 3)"), "5");
  EXPECT_EQ(one("LEAST(1, 5, 3)"), "1");
  EXPECT_EQ(one("GREATEST(1, 2.5)"), "2.5");
  EXPECT_EQ(one("GREATEST('apple', 'banana')"), "banana");
  EXPECT_EQ(eval("GREATEST(n, 1)"), "2 | null");
  EXPECT_EQ(eval("LEAST(d, n)"), "0.5 | null");
}

TEST(ExpressionMoreFunctionsTest, IfNullTypeIsNotNullWithANotNullReplacement) {
  Result<std::vector<Value>> values = evaluateRows("IFNULL(n, 7)", schema(), {rows()[1]});
  ASSERT_TRUE(values.ok());
  EXPECT_EQ((*values)[0].toString(), "7");
}

TEST(ExpressionMoreFunctionsTest, Overlaps) {
  EXPECT_EQ(one("(DATE '2024-01-01', DATE '2024-01-10') OVERLAPS (DATE '2024-01-05', DATE '2024-01-20')"), "true");
  EXPECT_EQ(one("(DATE '2024-01-01', DATE '2024-01-04') OVERLAPS (DATE '2024-01-05', DATE '2024-01-20')"), "false");
  EXPECT_EQ(one("(DATE '2024-01-10', DATE '2024-01-01') OVERLAPS (DATE '2024-01-05', DATE '2024-01-20')"), "true");
  EXPECT_EQ(one("(TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-01 01:00:00') OVERLAPS "
                "(TIMESTAMP '2024-01-01 01:00:00', TIMESTAMP '2024-01-01 02:00:00')"),
            "true");
  EXPECT_EQ(one("(DATE '2024-01-01', CAST(NULL AS DATE)) OVERLAPS (DATE '2024-01-05', DATE '2024-01-20')"), "null");
}

TEST(ExpressionMoreFunctionsTest, ToTimestampLtz) {
  EXPECT_EQ(one("TO_TIMESTAMP_LTZ(0, 3)"), "1970-01-01T00:00:00Z");
  EXPECT_EQ(one("TO_TIMESTAMP_LTZ(1704067200, 0)"), "2024-01-01T00:00:00Z");
  EXPECT_EQ(one("TO_TIMESTAMP_LTZ(1704067200123)"), "2024-01-01T00:00:00.123Z");
  EXPECT_EQ(eval("TO_TIMESTAMP_LTZ(n, 0)"), "1970-01-01T00:00:02Z | null");
  EXPECT_EQ(one("TO_TIMESTAMP_LTZ(1, 6)"),
            "ERROR: From line 1, column 1 to line 1, column 22: The precision value '6' for function "
            "TO_TIMESTAMP_LTZ(numeric, precision) is unsupported, the supported value is '0' for second or '3' for "
            "millisecond.");
}

TEST(ExpressionMoreFunctionsTest, ConvertTz) {
  EXPECT_EQ(one("CONVERT_TZ('1970-01-01 00:00:00', 'UTC', 'America/Los_Angeles')"), "1969-12-31 16:00:00");
  EXPECT_EQ(one("CONVERT_TZ('2024-07-01 12:00:00', 'UTC', 'America/Los_Angeles')"), "2024-07-01 05:00:00");
  EXPECT_EQ(one("CONVERT_TZ('2024-07-01 05:00:00', 'America/Los_Angeles', 'Asia/Shanghai')"), "2024-07-01 20:00:00");
  EXPECT_EQ(one("CONVERT_TZ('2024-01-01 00:00:00', '+08:00', 'UTC')"), "2023-12-31 16:00:00");
  EXPECT_EQ(one("CONVERT_TZ('not a time', 'UTC', 'UTC')"), "null");
  EXPECT_EQ(eval("CONVERT_TZ(s, 'UTC', 'UTC')"), "null | null");
  EXPECT_EQ(one("CONVERT_TZ('2024-01-01 00:00:00', 'UTC', 'Mars/Olympus')"),
            "ERROR: Unknown time zone 'Mars/Olympus': Eddy supports UTC, fixed offsets such as '+08:00' and the region "
            "ids of /usr/share/zoneinfo");
}

}  // namespace
}  // namespace eddy::sql
