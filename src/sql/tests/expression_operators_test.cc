// Operators over a batch with NULLs, compared with Flink's answers as Row#toString prints
// them: arithmetic, comparison, logic, conditional expressions and casts.
#include <gtest/gtest.h>

#include "eddy/types/data_types.h"
#include "eddy/types/row.h"
#include "sql/expression/evaluate_rows.h"
#include "sql/tests/expression_test_util.h"

namespace eddy::sql {
namespace {

using types::DataTypes;
using types::Decimal;
using types::Row;
using types::TimestampData;
using types::Value;

types::LogicalType schema() {
  return DataTypes::ROW({DataTypes::FIELD("i", DataTypes::INT()), DataTypes::FIELD("j", DataTypes::INT()),
                         DataTypes::FIELD("b", DataTypes::BIGINT()), DataTypes::FIELD("d", DataTypes::DECIMAL(10, 2)),
                         DataTypes::FIELD("f", DataTypes::DOUBLE()), DataTypes::FIELD("s", DataTypes::STRING()),
                         DataTypes::FIELD("flag", DataTypes::BOOLEAN())});
}

// Three rows: ordinary values, edge values, all NULL.
std::vector<Row> rows() {
  return {Row::of(int32_t{7}, int32_t{2}, int64_t{10000000000}, Decimal::fromUnscaled(1234, 10, 2), 2.5,
                  std::string("Hello"), true),
          Row::of(int32_t{-7}, int32_t{0}, int64_t{-1}, Decimal::fromUnscaled(-50, 10, 2), -0.5, std::string(""),
                  false),
          Row::withPositions(types::RowKind::INSERT, 7)};
}

std::string eval(std::string_view sql) { return testing::evaluateJoined(sql, schema(), rows()); }

// The expression's value on the first row only (for constant expressions).
std::string one(std::string_view sql) { return testing::evaluateJoined(sql, schema(), {rows()[0]}); }

TEST(ExpressionOperatorsTest, IntegerArithmetic) {
  EXPECT_EQ(eval("i + j"), "9 | -7 | null");
  EXPECT_EQ(eval("i - j"), "5 | -7 | null");
  EXPECT_EQ(eval("i * j"), "14 | 0 | null");
  EXPECT_EQ(eval("-i"), "-7 | 7 | null");
  EXPECT_EQ(eval("+i"), "7 | -7 | null");
  EXPECT_EQ(eval("i % 4"), "3 | -3 | null");
  EXPECT_EQ(eval("MOD(i, 4)"), "3 | -3 | null");
  EXPECT_EQ(eval("i + b"), "10000000007 | -8 | null");
}

TEST(ExpressionOperatorsTest, IntegerDivisionTruncates) {
  EXPECT_EQ(one("1 / 2"), "0");
  EXPECT_EQ(one("7 / 2"), "3");
  EXPECT_EQ(one("-7 / 2"), "-3");
  EXPECT_EQ(eval("i / 2"), "3 | -3 | null");
}

TEST(ExpressionOperatorsTest, IntegerDivisionByZeroFails) {
  EXPECT_EQ(eval("i / j"), "ERROR: java.lang.ArithmeticException: / by zero");
  EXPECT_EQ(eval("i % j"), "ERROR: java.lang.ArithmeticException: / by zero");
}

TEST(ExpressionOperatorsTest, IntegerOverflowWrapsAsJava) {
  EXPECT_EQ(one("2147483647 + 1"), "-2147483648");
  EXPECT_EQ(one("CAST(-2147483648 AS INT) - 1"), "2147483647");
  // 2147483648 is a BIGINT literal, so its negation is too.
  EXPECT_EQ(one("-2147483648 - 1"), "-2147483649");
  EXPECT_EQ(one("9223372036854775807 + 1"), "-9223372036854775808");
  EXPECT_EQ(one("CAST(127 AS TINYINT) + CAST(1 AS TINYINT)"), "-128");
  EXPECT_EQ(one("CAST(-2147483648 AS INT) / -1"), "-2147483648");
}

TEST(ExpressionOperatorsTest, DoubleArithmetic) {
  EXPECT_EQ(eval("f * 2"), "5.0 | -1.0 | null");
  EXPECT_EQ(eval("i + f"), "9.5 | -7.5 | null");
  EXPECT_EQ(one("1.0E0 / 0"), "Infinity");
  EXPECT_EQ(one("0.1E0 + 0.2E0"), "0.30000000000000004");
  EXPECT_EQ(one("1 / 2.0E0"), "0.5");
}

TEST(ExpressionOperatorsTest, DecimalArithmeticIsExact) {
  EXPECT_EQ(one("0.1 + 0.2"), "0.3");
  EXPECT_EQ(eval("d + 1"), "13.34 | 0.50 | null");
  EXPECT_EQ(eval("d * d"), "152.2756 | 0.2500 | null");
  EXPECT_EQ(eval("d - 0.005"), "12.335 | -0.505 | null");
  EXPECT_EQ(one("1.5 * 3"), "4.5");
  EXPECT_EQ(one("10.00 % 3"), "1.00");
}

TEST(ExpressionOperatorsTest, DecimalDivisionScale) {
  // DECIMAL(2, 1) / DECIMAL(10, 0): scale max(6, 1 + 10 + 1) = 12.
  EXPECT_EQ(one("1.0 / 3"), "0.333333333333");
  EXPECT_EQ(one("2.00 / 3.0"), "0.666667");
  EXPECT_EQ(eval("d / 4"), "3.0850000000000 | -0.1250000000000 | null");
  EXPECT_EQ(one("1.0 / 0"), "ERROR: java.lang.ArithmeticException: Division by zero");
}

TEST(ExpressionOperatorsTest, DecimalOverflowIsNull) {
  EXPECT_EQ(one("CAST(99999999999999999999999999999999999999 AS DECIMAL(38, 0)) + 1"), "null");
  EXPECT_EQ(one("CAST(12345.678 AS DECIMAL(5, 2))"), "null");
}

TEST(ExpressionOperatorsTest, DecimalWithDouble) { EXPECT_EQ(eval("d + f"), "14.84 | -1.0 | null"); }

TEST(ExpressionOperatorsTest, Comparisons) {
  EXPECT_EQ(eval("i > j"), "true | false | null");
  EXPECT_EQ(eval("i = 7"), "true | false | null");
  EXPECT_EQ(eval("i <> 7"), "false | true | null");
  EXPECT_EQ(eval("i <= -7"), "false | true | null");
  EXPECT_EQ(eval("i >= -7"), "true | true | null");
  EXPECT_EQ(eval("i < b"), "true | true | null");
  EXPECT_EQ(eval("d > 12.3"), "true | false | null");
  EXPECT_EQ(eval("f = 2.5"), "true | false | null");
  EXPECT_EQ(eval("s = 'Hello'"), "true | false | null");
  EXPECT_EQ(eval("s < 'Hz'"), "true | true | null");
  EXPECT_EQ(one("'abc' < 'abd'"), "true");
  EXPECT_EQ(one("TRUE > FALSE"), "true");
  EXPECT_EQ(one("DATE '2024-01-01' < DATE '2024-01-02'"), "true");
  EXPECT_EQ(one("TIMESTAMP '2024-01-01 00:00:00' = TIMESTAMP '2024-01-01 00:00:00.000'"), "true");
}

TEST(ExpressionOperatorsTest, ComparisonWithNullIsNull) {
  EXPECT_EQ(one("1 = NULL"), "null");
  EXPECT_EQ(one("NULL <> 'a'"), "null");
}

TEST(ExpressionOperatorsTest, IsDistinctFrom) {
  EXPECT_EQ(eval("i IS DISTINCT FROM 7"), "false | true | true");
  EXPECT_EQ(eval("i IS NOT DISTINCT FROM NULL"), "false | false | true");
  EXPECT_EQ(eval("s IS DISTINCT FROM s"), "false | false | false");
}

TEST(ExpressionOperatorsTest, ThreeValuedAnd) {
  EXPECT_EQ(one("NULL AND FALSE"), "false");
  EXPECT_EQ(one("NULL AND TRUE"), "null");
  EXPECT_EQ(one("TRUE AND TRUE"), "true");
  EXPECT_EQ(eval("flag AND i > 0"), "true | false | null");
  EXPECT_EQ(eval("flag AND FALSE"), "false | false | false");
}

TEST(ExpressionOperatorsTest, ThreeValuedOr) {
  EXPECT_EQ(one("NULL OR TRUE"), "true");
  EXPECT_EQ(one("NULL OR FALSE"), "null");
  EXPECT_EQ(eval("flag OR i < 0"), "true | true | null");
  EXPECT_EQ(eval("flag OR TRUE"), "true | true | true");
}

TEST(ExpressionOperatorsTest, Not) {
  EXPECT_EQ(eval("NOT flag"), "false | true | null");
  EXPECT_EQ(one("NOT NULL"), "null");
}

TEST(ExpressionOperatorsTest, IsPredicates) {
  EXPECT_EQ(eval("i IS NULL"), "false | false | true");
  EXPECT_EQ(eval("s IS NOT NULL"), "true | true | false");
  EXPECT_EQ(eval("flag IS TRUE"), "true | false | false");
  EXPECT_EQ(eval("flag IS NOT TRUE"), "false | true | true");
  EXPECT_EQ(eval("flag IS FALSE"), "false | true | false");
  EXPECT_EQ(eval("flag IS NOT FALSE"), "true | false | true");
  EXPECT_EQ(eval("flag IS UNKNOWN"), "false | false | true");
  EXPECT_EQ(eval("(i > 0) IS NOT UNKNOWN"), "true | true | false");
}

TEST(ExpressionOperatorsTest, Between) {
  EXPECT_EQ(eval("i BETWEEN 0 AND 10"), "true | false | null");
  EXPECT_EQ(eval("i NOT BETWEEN 0 AND 10"), "false | true | null");
  EXPECT_EQ(eval("i BETWEEN 10 AND 0"), "false | false | null");
  EXPECT_EQ(eval("i BETWEEN SYMMETRIC 10 AND 0"), "true | false | null");
  EXPECT_EQ(one("2.5 BETWEEN 2 AND 3"), "true");
}

TEST(ExpressionOperatorsTest, InList) {
  EXPECT_EQ(eval("i IN (1, 7, 9)"), "true | false | null");
  EXPECT_EQ(eval("i NOT IN (1, 7, 9)"), "false | true | null");
  EXPECT_EQ(eval("s IN ('Hello', 'World')"), "true | false | null");
  // No match and a NULL in the list: NULL; a match wins over the NULL.
  EXPECT_EQ(eval("i IN (1, NULL)"), "null | null | null");
  EXPECT_EQ(eval("i IN (7, NULL)"), "true | null | null");
  EXPECT_EQ(eval("i NOT IN (1, NULL)"), "null | null | null");
}

TEST(ExpressionOperatorsTest, Like) {
  EXPECT_EQ(eval("s LIKE 'H%'"), "true | false | null");
  EXPECT_EQ(eval("s LIKE '_ello'"), "true | false | null");
  EXPECT_EQ(eval("s NOT LIKE '%l%'"), "false | true | null");
  EXPECT_EQ(eval("s LIKE '%'"), "true | true | null");
  EXPECT_EQ(one("'abc' LIKE 'a%c'"), "true");
  EXPECT_EQ(one("'abc' LIKE 'a_'"), "false");
  EXPECT_EQ(one("'a%c' LIKE 'a\\%c' ESCAPE '\\'"), "true");
  EXPECT_EQ(one("'abc' LIKE 'a\\%c' ESCAPE '\\'"), "false");
  EXPECT_EQ(one("'a_c' LIKE 'a!_c' ESCAPE '!'"), "true");
  EXPECT_EQ(one("'abab' LIKE '%ab'"), "true");
  EXPECT_EQ(one("'über' LIKE '_ber'"), "true");
  EXPECT_EQ(one("'abc' LIKE 'a!c' ESCAPE '!'"), "ERROR: Invalid escape sequence 'a!c', 1");
}

TEST(ExpressionOperatorsTest, Concat) {
  EXPECT_EQ(eval("s || '!'"), "Hello! | ! | null");
  EXPECT_EQ(one("'a' || NULL"), "null");
  EXPECT_EQ(one("'a' || 'b' || 'c'"), "abc");
}

TEST(ExpressionOperatorsTest, SearchedCase) {
  EXPECT_EQ(eval("CASE WHEN i > 0 THEN 'pos' WHEN i < 0 THEN 'neg' ELSE 'none' END"), "pos | neg | none");
  EXPECT_EQ(eval("CASE WHEN i > 0 THEN i END"), "7 | null | null");
  EXPECT_EQ(eval("CASE WHEN flag THEN d ELSE 0 END"), "12.34 | 0.00 | 0.00");
}

TEST(ExpressionOperatorsTest, SimpleCase) {
  EXPECT_EQ(eval("CASE i WHEN 7 THEN 'seven' WHEN -7 THEN 'minus seven' END"), "seven | minus seven | null");
  EXPECT_EQ(eval("CASE s WHEN '' THEN 'empty' ELSE s END"), "Hello | empty | null");
}

TEST(ExpressionOperatorsTest, CaseEvaluatesOnlyTheTakenBranch) {
  EXPECT_EQ(eval("CASE WHEN j = 0 THEN -1 ELSE i / j END"), "3 | -1 | null");
}

TEST(ExpressionOperatorsTest, AndShortCircuits) {
  EXPECT_EQ(eval("j <> 0 AND i / j > 1"), "true | false | null");
  EXPECT_EQ(eval("j = 0 OR i / j > 1"), "true | true | null");
}

TEST(ExpressionOperatorsTest, Coalesce) {
  EXPECT_EQ(eval("COALESCE(i, j, 0)"), "7 | -7 | 0");
  EXPECT_EQ(eval("COALESCE(s, 'none')"), "Hello |  | none");
  EXPECT_EQ(one("COALESCE(NULL, 2)"), "2");
}

TEST(ExpressionOperatorsTest, NullIf) {
  EXPECT_EQ(eval("NULLIF(i, 7)"), "null | -7 | null");
  EXPECT_EQ(eval("NULLIF(s, '')"), "Hello | null | null");
}

TEST(ExpressionOperatorsTest, If) {
  EXPECT_EQ(eval("IF(flag, 'yes', 'no')"), "yes | no | no");
  EXPECT_EQ(eval("IF(i > 0, i, -i)"), "7 | 7 | null");
}

TEST(ExpressionOperatorsTest, CastNumbers) {
  EXPECT_EQ(eval("CAST(i AS BIGINT)"), "7 | -7 | null");
  EXPECT_EQ(eval("CAST(d AS INT)"), "12 | 0 | null");
  EXPECT_EQ(eval("CAST(f AS INT)"), "2 | 0 | null");
  EXPECT_EQ(eval("CAST(i AS DOUBLE)"), "7.0 | -7.0 | null");
  EXPECT_EQ(eval("CAST(d AS DOUBLE)"), "12.34 | -0.5 | null");
  EXPECT_EQ(eval("CAST(f AS DECIMAL(5, 1))"), "2.5 | -0.5 | null");
  EXPECT_EQ(one("CAST(2.345 AS DECIMAL(4, 2))"), "2.35");
  EXPECT_EQ(one("CAST(-2.345 AS DECIMAL(4, 2))"), "-2.35");
  EXPECT_EQ(one("CAST(300 AS TINYINT)"), "44");
  EXPECT_EQ(one("CAST(1.0E10 AS INT)"), "2147483647");
  EXPECT_EQ(one("CAST(0.1E0 AS DECIMAL(10, 5))"), "0.10000");
  EXPECT_EQ(one("CAST(TRUE AS INT)"), "1");
  EXPECT_EQ(one("CAST(0 AS BOOLEAN)"), "false");
}

TEST(ExpressionOperatorsTest, CastToString) {
  EXPECT_EQ(eval("CAST(i AS STRING)"), "7 | -7 | null");
  EXPECT_EQ(eval("CAST(d AS STRING)"), "12.34 | -0.50 | null");
  EXPECT_EQ(eval("CAST(f AS STRING)"), "2.5 | -0.5 | null");
  EXPECT_EQ(eval("CAST(flag AS STRING)"), "TRUE | FALSE | null");
  EXPECT_EQ(one("CAST(1.0E10 AS STRING)"), "1.0E10");
  EXPECT_EQ(one("CAST(DATE '2024-03-05' AS STRING)"), "2024-03-05");
  EXPECT_EQ(one("CAST(TIMESTAMP '2024-03-05 01:02:03.5' AS STRING)"), "2024-03-05 01:02:03.5");
  EXPECT_EQ(one("CAST(CAST('2024-03-05 01:02:03' AS TIMESTAMP(3)) AS STRING)"), "2024-03-05 01:02:03.000");
  EXPECT_EQ(one("CAST(TIME '10:11:12' AS STRING)"), "10:11:12");
  EXPECT_EQ(one("CAST('abcdef' AS VARCHAR(3))"), "abc");
  EXPECT_EQ(one("CAST('ab' AS CHAR(4)) || '|'"), "ab  |");
  EXPECT_EQ(one("CAST(INTERVAL '1' DAY AS STRING)"), "+1 00:00:00.000");
}

TEST(ExpressionOperatorsTest, CastFromString) {
  EXPECT_EQ(one("CAST(' 42 ' AS INT)"), "42");
  EXPECT_EQ(one("CAST('-17' AS BIGINT)"), "-17");
  EXPECT_EQ(one("CAST('1.5' AS DOUBLE)"), "1.5");
  EXPECT_EQ(one("CAST('1.255' AS DECIMAL(4, 2))"), "1.26");
  EXPECT_EQ(one("CAST('true' AS BOOLEAN)"), "true");
  EXPECT_EQ(one("CAST(' YES' AS BOOLEAN)"), "true");
  EXPECT_EQ(one("CAST('0' AS BOOLEAN)"), "false");
  EXPECT_EQ(one("CAST('+1.5e2' AS DOUBLE)"), "150.0");
  EXPECT_EQ(one("CAST('-Infinity' AS DOUBLE)"), "-Infinity");
  EXPECT_EQ(one("CAST('1.9' AS INT)"), "1");
  EXPECT_EQ(one("CAST('2024-02-29' AS DATE)"), "2024-02-29");
  EXPECT_EQ(one("CAST('10:20:30' AS TIME)"), "10:20:30");
  EXPECT_EQ(one("CAST('2024-02-29 10:20:30.123' AS TIMESTAMP(3))"), "2024-02-29T10:20:30.123");
  EXPECT_EQ(one("CAST('2024-02-29T10:20' AS TIMESTAMP(0))"), "2024-02-29T10:20");
}

TEST(ExpressionOperatorsTest, CastOfMalformedStringFails) {
  EXPECT_EQ(one("CAST('abc' AS INT)"), "ERROR: java.lang.NumberFormatException: For input string: \"abc\"");
  EXPECT_EQ(one("CAST('2024-13-01' AS DATE)"), "ERROR: Cannot cast '2024-13-01' to type DATE");
  EXPECT_EQ(one("CAST('maybe' AS BOOLEAN)"), "ERROR: Cannot cast 'maybe' to type BOOLEAN");
  EXPECT_EQ(one("CAST('inf' AS DOUBLE)"), "ERROR: java.lang.NumberFormatException: For input string: \"inf\"");
  EXPECT_EQ(one("CAST('99999999999' AS INT)"), "ERROR: java.lang.NumberFormatException: For input string: \"99999999999\"");
}

TEST(ExpressionOperatorsTest, TryCastGivesNull) {
  EXPECT_EQ(one("TRY_CAST('abc' AS INT)"), "null");
  EXPECT_EQ(one("TRY_CAST('12' AS INT)"), "12");
  EXPECT_EQ(one("TRY_CAST('2024-13-01' AS DATE)"), "null");
  EXPECT_EQ(eval("TRY_CAST(s AS INT)"), "null | null | null");
  EXPECT_EQ(one("TRY_CAST(NULL AS INT)"), "null");
}

TEST(ExpressionOperatorsTest, CastTemporal) {
  EXPECT_EQ(one("CAST(TIMESTAMP '2024-03-05 23:59:59.999' AS DATE)"), "2024-03-05");
  EXPECT_EQ(one("CAST(DATE '2024-03-05' AS TIMESTAMP(3))"), "2024-03-05T00:00");
  EXPECT_EQ(one("CAST(TIMESTAMP '2024-03-05 10:20:30.999' AS TIMESTAMP(0))"), "2024-03-05T10:20:30");
  EXPECT_EQ(one("CAST(TIMESTAMP '2024-03-05 10:20:30.123' AS TIME(0))"), "10:20:30");
  EXPECT_EQ(one("CAST(TIMESTAMP '2024-03-05 10:20:30' AS TIMESTAMP_LTZ(3))"), "2024-03-05T10:20:30Z");
  EXPECT_EQ(one("CAST(CAST(86400 AS BIGINT) AS TIMESTAMP_LTZ(0))"), "1970-01-02T00:00:00Z");
}

TEST(ExpressionOperatorsTest, DateTimeIntervalArithmetic) {
  EXPECT_EQ(one("DATE '2024-01-31' + INTERVAL '1' MONTH"), "2024-02-29");
  EXPECT_EQ(one("DATE '2024-03-01' - INTERVAL '1' DAY"), "2024-02-29");
  EXPECT_EQ(one("TIMESTAMP '2024-03-01 10:00:00' + INTERVAL '90' MINUTE"), "2024-03-01T11:30");
  EXPECT_EQ(one("TIMESTAMP '2024-03-01 10:00:00' - INTERVAL '1-2' YEAR TO MONTH"), "2023-01-01T10:00");
  EXPECT_EQ(one("INTERVAL '2' HOUR + TIMESTAMP '2024-03-01 23:00:00'"), "2024-03-02T01:00");
  EXPECT_EQ(one("TIME '23:30:00' + INTERVAL '1' HOUR"), "00:30");
  EXPECT_EQ(one("INTERVAL '1' DAY + INTERVAL '3 04:05:06.5' DAY TO SECOND"), "PT100H5M6.5S");
  EXPECT_EQ(one("-INTERVAL '1' YEAR"), "P-1Y");
}

TEST(ExpressionOperatorsTest, Literals) {
  EXPECT_EQ(one("2147483648"), "2147483648");
  EXPECT_EQ(one("1.50"), "1.50");
  EXPECT_EQ(one("1.5E3"), "1500.0");
  EXPECT_EQ(one("X'0AFF'"), "[10, -1]");
  EXPECT_EQ(one("TIMESTAMP '2024-01-02 03:04:05.678'"), "2024-01-02T03:04:05.678");
  EXPECT_EQ(one("INTERVAL '3' DAY"), "PT72H");
  EXPECT_EQ(one("INTERVAL '1-6' YEAR TO MONTH"), "P1Y6M");
  EXPECT_EQ(one("NULL"), "null");
  EXPECT_EQ(one("UNKNOWN"), "null");
}

}  // namespace
}  // namespace eddy::sql
