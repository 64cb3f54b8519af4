// Flink's built-in string, math and temporal functions, compared with Flink's answers.
#include <gtest/gtest.h>

#include "eddy/types/data_types.h"
#include "eddy/types/row.h"
#include "sql/expression/evaluate_rows.h"
#include "sql/tests/expression_test_util.h"

namespace eddy::sql {
namespace {

using types::DataTypes;
using types::Row;
using types::TimestampData;
using types::Value;

types::LogicalType schema() {
  return DataTypes::ROW({DataTypes::FIELD("s", DataTypes::STRING()), DataTypes::FIELD("n", DataTypes::INT()),
                         DataTypes::FIELD("ts", DataTypes::TIMESTAMP(3)), DataTypes::FIELD("dt", DataTypes::DATE()),
                         DataTypes::FIELD("ltz", DataTypes::TIMESTAMP_LTZ(3))});
}

// 2024-03-15 10:20:30.123 as epoch millis.
constexpr int64_t kTimestamp = 1710498030123;

std::vector<Row> rows() {
  return {Row::of(std::string("Hello World"), int32_t{3}, Value::timestamp(TimestampData::fromEpochMillis(kTimestamp)),
                  Value::date(19797), Value::timestampLtz(TimestampData::fromEpochMillis(kTimestamp))),
          Row::withPositions(types::RowKind::INSERT, 5)};
}

std::string eval(std::string_view sql, const EvaluationContext& context = {}) {
  return testing::evaluateJoined(sql, schema(), rows(), context);
}

// The expression's value on the first row only (for constant expressions).
std::string one(std::string_view sql) { return testing::evaluateJoined(sql, schema(), {rows()[0]}); }

TEST(ExpressionFunctionsTest, CharLength) {
  EXPECT_EQ(eval("CHAR_LENGTH(s)"), "11 | null");
  EXPECT_EQ(one("CHARACTER_LENGTH('über')"), "4");
  EXPECT_EQ(one("CHAR_LENGTH('')"), "0");
}

TEST(ExpressionFunctionsTest, UpperLowerInitcap) {
  EXPECT_EQ(eval("UPPER(s)"), "HELLO WORLD | null");
  EXPECT_EQ(eval("LOWER(s)"), "hello world | null");
  EXPECT_EQ(one("INITCAP('hello wORLD-foo bar1x')"), "Hello World-Foo Bar1x");
}

TEST(ExpressionFunctionsTest, Trim) {
  EXPECT_EQ(one("TRIM('  ab  ') || '|'"), "ab|");
  EXPECT_EQ(one("TRIM(LEADING FROM '  ab  ') || '|'"), "ab  |");
  EXPECT_EQ(one("TRIM(TRAILING FROM '  ab  ') || '|'"), "  ab|");
  EXPECT_EQ(one("TRIM(BOTH 'xy' FROM 'xyaxbyx')"), "axb");
  EXPECT_EQ(one("LTRIM('  ab  ') || '|'"), "ab  |");
  EXPECT_EQ(one("RTRIM('  ab  ') || '|'"), "  ab|");
  EXPECT_EQ(eval("TRIM(s)"), "Hello World | null");
}

TEST(ExpressionFunctionsTest, Substring) {
  EXPECT_EQ(eval("SUBSTRING(s FROM 7)"), "World | null");
  EXPECT_EQ(eval("SUBSTRING(s, 1, 5)"), "Hello | null");
  EXPECT_EQ(one("SUBSTRING('Hello', 0, 2)"), "He");
  EXPECT_EQ(one("SUBSTRING('Hello', -3)"), "llo");
  EXPECT_EQ(one("SUBSTRING('Hello', -3, 2)"), "ll");
  EXPECT_EQ(one("SUBSTRING('Hello', 10)"), "");
  EXPECT_EQ(one("SUBSTRING('Hello', 2, -1)"), "null");
  EXPECT_EQ(one("SUBSTR('Hello', 2, 3)"), "ell");
  EXPECT_EQ(one("SUBSTRING('äöü', 2, 1)"), "ö");
}

TEST(ExpressionFunctionsTest, Position) {
  EXPECT_EQ(eval("POSITION('World' IN s)"), "7 | null");
  EXPECT_EQ(one("POSITION('z' IN 'abc')"), "0");
  EXPECT_EQ(one("POSITION('' IN 'abc')"), "1");
  EXPECT_EQ(one("POSITION('c' IN 'äbc')"), "3");
}

TEST(ExpressionFunctionsTest, Replace) {
  EXPECT_EQ(eval("REPLACE(s, 'l', 'L')"), "HeLLo WorLd | null");
  EXPECT_EQ(one("REPLACE('aaa', 'aa', 'b')"), "ba");
  EXPECT_EQ(one("REPLACE('ab', '', '-')"), "-a-b-");
}

TEST(ExpressionFunctionsTest, ConcatAndConcatWs) {
  EXPECT_EQ(eval("CONCAT(s, '!', '?')"), "Hello World!? | null");
  EXPECT_EQ(one("CONCAT('a', NULL, 'b')"), "null");
  EXPECT_EQ(eval("CONCAT_WS('-', 'a', s, 'b')"), "a-Hello World-b | a-b");
  EXPECT_EQ(one("CONCAT_WS(NULL, 'a', 'b')"), "null");
}

TEST(ExpressionFunctionsTest, Pad) {
  EXPECT_EQ(one("LPAD('hi', 5, '?!')"), "?!?hi");
  EXPECT_EQ(one("LPAD('hi', 1, '?!')"), "h");
  EXPECT_EQ(one("RPAD('hi', 5, 'ab')"), "hiaba");
  EXPECT_EQ(one("RPAD('hello', 3, 'x')"), "hel");
  EXPECT_EQ(one("LPAD('hi', -1, 'x')"), "null");
  EXPECT_EQ(one("LPAD('hi', 4, '')"), "null");
}

TEST(ExpressionFunctionsTest, RegexpExtract) {
  EXPECT_EQ(one("REGEXP_EXTRACT('foothebar', 'foo(.*?)(bar)', 2)"), "bar");
  // Without an index the whole match, as Flink's ScalarFunctionsTest.
  EXPECT_EQ(one("REGEXP_EXTRACT('foothebar', 'foo(.*?)(bar)')"), "foothebar");
  EXPECT_EQ(one("REGEXP_EXTRACT('foothebar', 'foo(.*?)(bar)', 0)"), "foothebar");
  EXPECT_EQ(one("REGEXP_EXTRACT('abc', 'x(y)')"), "null");
  EXPECT_EQ(one("REGEXP_EXTRACT('abc', '(')"), "null");
  EXPECT_EQ(eval("REGEXP_EXTRACT(s, '(\\w+) (\\w+)', 2)"), "World | null");
  EXPECT_EQ(one("REGEXP_EXTRACT('100-200', '(\\d+)-(\\d+)', 1)"), "100");
  EXPECT_EQ(one("REGEXP_EXTRACT('100-200', '(\\d+)-(\\d+)', 3)"), "null");
  EXPECT_EQ(one("REGEXP_EXTRACT('100-200', '(\\d+)-(\\d+)', -1)"), "null");
  EXPECT_EQ(one("REGEXP_EXTRACT('ab', 'a(x)?b', 1)"), "null");
  EXPECT_EQ(one("REGEXP_EXTRACT('ab', 'a(x?)b', 1)") + "|", "|");
  EXPECT_EQ(one("REGEXP_EXTRACT('äöü', '(ö)', 1)"), "ö");
  EXPECT_EQ(one("REGEXP_EXTRACT(NULL, 'a')"), "null");
  // RE2 has no backreferences: such a pattern is invalid and gives NULL.
  EXPECT_EQ(one("REGEXP_EXTRACT('aa', '(a)\\1')"), "null");
}

TEST(ExpressionFunctionsTest, Hashes) {
  EXPECT_EQ(one("MD5('')"), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(one("MD5('abc')"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(one("SHA1('abc')"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(one("SHA224('abc')"), "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
  EXPECT_EQ(one("SHA256('abc')"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(one("SHA384('abc')"),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
  EXPECT_EQ(one("SHA512('abc')"),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
            "454d4423643ce80e2a9ac94fa54ca49f");
  EXPECT_EQ(one("SHA2('abc', 256)"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(one("SHA2('abc', 224)"), "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
  EXPECT_EQ(eval("MD5(s)"), "b10a8db164e0754105b7a99be72e3fe5 | null");
  EXPECT_EQ(eval("SHA2(s, n * 128)"),
            "99514329186b2f6ae4a1329e7ee6c610a729636335174ac6b740f9028396fcc803d0e93863a7c3d90f86beee782f4f3f | null");
  EXPECT_EQ(one("SHA2('abc', NULL)"), "null");
  EXPECT_EQ(one("MD5(NULL)"), "null");
}

TEST(ExpressionFunctionsTest, Sha2RejectsUnknownLength) {
  EXPECT_EQ(one("SHA2('abc', 100)"), "ERROR: Unsupported algorithm: SHA-100");
}

TEST(ExpressionFunctionsTest, RegexpReplace) {
  EXPECT_EQ(one("REGEXP_REPLACE('foobar', 'oo|ar', '')"), "fb");
  // Flink quotes the replacement (Matcher.quoteReplacement): "$1" and "\" are literal.
  EXPECT_EQ(one("REGEXP_REPLACE('2024-03-15', '(\\d+)-(\\d+)-(\\d+)', '$3.$2.$1')"), "$3.$2.$1");
  EXPECT_EQ(one("REGEXP_REPLACE('a.b', '\\.', '\\')"), "a\\b");
  EXPECT_EQ(one("REGEXP_REPLACE('abc', 'x*', '-')"), "-a-b-c-");
  EXPECT_EQ(one("REGEXP_REPLACE('a', 'a*', '-')"), "--");
  EXPECT_EQ(one("REGEXP_REPLACE('äö', '', '-')"), "-ä-ö-");
  EXPECT_EQ(one("REGEXP_REPLACE('abc', '(', 'x')"), "null");
  EXPECT_EQ(one("REGEXP_REPLACE('abc', 'b', NULL)"), "null");
  EXPECT_EQ(eval("REGEXP_REPLACE(s, 'o', '0')"), "Hell0 W0rld | null");
}

TEST(ExpressionFunctionsTest, SplitIndex) {
  EXPECT_EQ(one("SPLIT_INDEX('Jack,John,Mary', ',', 2)"), "Mary");
  EXPECT_EQ(one("SPLIT_INDEX('Jack,John,Mary', ',', 3)"), "null");
  EXPECT_EQ(one("SPLIT_INDEX('a,,b', ',', 1)"), "");
  EXPECT_EQ(one("SPLIT_INDEX('a::b', '::', 1)"), "b");
  EXPECT_EQ(eval("SPLIT_INDEX(s, ' ', 0)"), "Hello | null");
}

TEST(ExpressionFunctionsTest, Reverse) {
  EXPECT_EQ(eval("REVERSE(s)"), "dlroW olleH | null");
  EXPECT_EQ(one("REVERSE('aüb')"), "büa");
}

TEST(ExpressionFunctionsTest, AbsSignMod) {
  EXPECT_EQ(one("ABS(-5)"), "5");
  EXPECT_EQ(one("ABS(-2.50)"), "2.50");
  EXPECT_EQ(one("ABS(-1.5E0)"), "1.5");
  EXPECT_EQ(eval("ABS(n - 10)"), "7 | null");
  EXPECT_EQ(one("SIGN(-3)"), "-1");
  EXPECT_EQ(one("SIGN(2.50)"), "1.00");
  EXPECT_EQ(one("SIGN(0.0E0)"), "0.0");
  EXPECT_EQ(one("MOD(17, 5)"), "2");
  EXPECT_EQ(one("MOD(-17, 5)"), "-2");
  EXPECT_EQ(one("MOD(CAST(17 AS BIGINT), 5)"), "2");
}

TEST(ExpressionFunctionsTest, PowerSqrtLogExp) {
  EXPECT_EQ(one("POWER(2, 10)"), "1024.0");
  EXPECT_EQ(one("POWER(2.0, -1)"), "0.5");
  EXPECT_EQ(one("SQRT(16)"), "4.0");
  EXPECT_EQ(one("SQRT(-1)"), "NaN");
  EXPECT_EQ(one("LN(1)"), "0.0");
  EXPECT_EQ(one("LN(0)"), "-Infinity");
  EXPECT_EQ(one("LOG10(1000)"), "3.0");
  EXPECT_EQ(one("EXP(0)"), "1.0");
  EXPECT_EQ(eval("POWER(n, 2)"), "9.0 | null");
}

TEST(ExpressionFunctionsTest, FloorCeil) {
  EXPECT_EQ(one("FLOOR(2.7)"), "2");
  EXPECT_EQ(one("FLOOR(-2.1)"), "-3");
  EXPECT_EQ(one("CEIL(2.1)"), "3");
  EXPECT_EQ(one("CEILING(-2.7)"), "-2");
  EXPECT_EQ(one("FLOOR(2.5E0)"), "2.0");
  EXPECT_EQ(one("CEIL(7)"), "7");
}

TEST(ExpressionFunctionsTest, RoundTruncate) {
  EXPECT_EQ(one("ROUND(2.345, 2)"), "2.35");
  EXPECT_EQ(one("ROUND(-2.345, 2)"), "-2.35");
  EXPECT_EQ(one("ROUND(2.5)"), "3");
  EXPECT_EQ(one("ROUND(1234, -2)"), "1200");
  EXPECT_EQ(one("ROUND(1250, -2)"), "1300");
  EXPECT_EQ(one("ROUND(2.675E0, 2)"), "2.68");
  EXPECT_EQ(one("ROUND(125.5, -1)"), "130");
  EXPECT_EQ(one("TRUNCATE(2.789, 1)"), "2.7");
  EXPECT_EQ(one("TRUNCATE(-2.789, 2)"), "-2.78");
  EXPECT_EQ(one("TRUNCATE(1299, -2)"), "1200");
  EXPECT_EQ(one("TRUNCATE(2.789E0, 2)"), "2.78");
}

TEST(ExpressionFunctionsTest, Extract) {
  EXPECT_EQ(eval("EXTRACT(YEAR FROM ts)"), "2024 | null");
  EXPECT_EQ(one("EXTRACT(MONTH FROM ts)"), "3");
  EXPECT_EQ(one("EXTRACT(DAY FROM dt)"), "15");
  EXPECT_EQ(one("EXTRACT(HOUR FROM ts)"), "10");
  EXPECT_EQ(one("EXTRACT(MINUTE FROM ts)"), "20");
  EXPECT_EQ(one("EXTRACT(SECOND FROM ts)"), "30");
  EXPECT_EQ(one("EXTRACT(MILLISECOND FROM ts)"), "30123");
  EXPECT_EQ(one("EXTRACT(QUARTER FROM ts)"), "1");
  EXPECT_EQ(one("EXTRACT(WEEK FROM DATE '2024-01-01')"), "1");
  EXPECT_EQ(one("EXTRACT(WEEK FROM DATE '2023-01-01')"), "52");
  EXPECT_EQ(one("EXTRACT(DOW FROM DATE '2024-03-17')"), "1");
  EXPECT_EQ(one("EXTRACT(DOY FROM DATE '2024-03-15')"), "75");
  EXPECT_EQ(one("EXTRACT(EPOCH FROM TIMESTAMP '1970-01-02 00:00:00')"), "86400");
  EXPECT_EQ(one("EXTRACT(CENTURY FROM DATE '2000-12-31')"), "20");
  EXPECT_EQ(one("EXTRACT(HOUR FROM TIME '13:14:15')"), "13");
}

TEST(ExpressionFunctionsTest, DatePartFunctions) {
  EXPECT_EQ(eval("YEAR(dt)"), "2024 | null");
  EXPECT_EQ(one("MONTH(ts)"), "3");
  EXPECT_EQ(one("DAYOFMONTH(ts)"), "15");
  EXPECT_EQ(one("HOUR(ts)"), "10");
  EXPECT_EQ(one("MINUTE(ts)"), "20");
  EXPECT_EQ(one("SECOND(ts)"), "30");
  EXPECT_EQ(one("QUARTER(dt)"), "1");
  EXPECT_EQ(one("DAYOFYEAR(dt)"), "75");
  EXPECT_EQ(one("DAYOFWEEK(dt)"), "6");
}

TEST(ExpressionFunctionsTest, FloorCeilToUnit) {
  EXPECT_EQ(eval("FLOOR(ts TO HOUR)"), "2024-03-15T10:00 | null");
  EXPECT_EQ(one("FLOOR(ts TO DAY)"), "2024-03-15T00:00");
  EXPECT_EQ(one("FLOOR(ts TO MONTH)"), "2024-03-01T00:00");
  EXPECT_EQ(one("FLOOR(ts TO YEAR)"), "2024-01-01T00:00");
  EXPECT_EQ(one("FLOOR(ts TO MINUTE)"), "2024-03-15T10:20");
  EXPECT_EQ(one("FLOOR(ts TO SECOND)"), "2024-03-15T10:20:30");
  EXPECT_EQ(one("FLOOR(ts TO WEEK)"), "2024-03-10T00:00");
  EXPECT_EQ(one("CEIL(ts TO HOUR)"), "2024-03-15T11:00");
  EXPECT_EQ(one("CEIL(ts TO MONTH)"), "2024-04-01T00:00");
  EXPECT_EQ(one("CEIL(TIMESTAMP '2024-03-15 10:00:00' TO HOUR)"), "2024-03-15T10:00");
  EXPECT_EQ(one("FLOOR(dt TO MONTH)"), "2024-03-01");
}

TEST(ExpressionFunctionsTest, DateFormat) {
  EXPECT_EQ(eval("DATE_FORMAT(ts, 'yyyy-MM-dd HH:mm:ss')"), "2024-03-15 10:20:30 | null");
  EXPECT_EQ(one("DATE_FORMAT(ts, 'yyyyMMdd')"), "20240315");
  EXPECT_EQ(one("DATE_FORMAT(ts, 'dd/MM/yy HH:mm:ss.SSS')"), "15/03/24 10:20:30.123");
  EXPECT_EQ(one("DATE_FORMAT(ts, 'EEE, d MMM yyyy hh:mm a')"), "Fri, 15 Mar 2024 10:20 AM");
  EXPECT_EQ(one("DATE_FORMAT(ts, 'EEEE MMMM')"), "Friday March");
  EXPECT_EQ(one("DATE_FORMAT(ts, '''at'' HH''h''')"), "at 10h");
  EXPECT_EQ(one("DATE_FORMAT('2024-03-15 10:20:30', 'HH:mm')"), "10:20");
  EXPECT_EQ(one("DATE_FORMAT('not a time', 'HH:mm')"), "null");
}

TEST(ExpressionFunctionsTest, ToTimestampAndToDate) {
  EXPECT_EQ(one("TO_TIMESTAMP('2024-03-15 10:20:30')"), "2024-03-15T10:20:30");
  EXPECT_EQ(one("TO_TIMESTAMP('2024-03-15 10:20:30.5')"), "2024-03-15T10:20:30.500");
  EXPECT_EQ(one("TO_TIMESTAMP('15.03.2024 10:20', 'dd.MM.yyyy HH:mm')"), "2024-03-15T10:20");
  EXPECT_EQ(one("TO_TIMESTAMP('garbage')"), "null");
  EXPECT_EQ(one("TO_DATE('2024-03-15')"), "2024-03-15");
  EXPECT_EQ(one("TO_DATE('20240315', 'yyyyMMdd')"), "2024-03-15");
  EXPECT_EQ(one("TO_DATE('2024-02-30')"), "null");
}

TEST(ExpressionFunctionsTest, UnixTimestamp) {
  EXPECT_EQ(one("UNIX_TIMESTAMP('1970-01-01 00:01:40')"), "100");
  EXPECT_EQ(one("UNIX_TIMESTAMP('1970/01/02', 'yyyy/MM/dd')"), "86400");
  EXPECT_EQ(one("UNIX_TIMESTAMP('oops')"), "-9223372036854775808");
}

TEST(ExpressionFunctionsTest, FromUnixtime) {
  EXPECT_EQ(one("FROM_UNIXTIME(1710498030)"), "2024-03-15 10:20:30");
  EXPECT_EQ(one("FROM_UNIXTIME(0, 'yyyy-MM-dd')"), "1970-01-01");
}

TEST(ExpressionFunctionsTest, SessionTimeZone) {
  EvaluationContext shanghai;
  shanghai.time_zone = *temporal::SessionTimeZone::of("+08:00");
  EXPECT_EQ(eval("FROM_UNIXTIME(0)", shanghai), "1970-01-01 08:00:00 | 1970-01-01 08:00:00");
  EXPECT_EQ(eval("UNIX_TIMESTAMP('1970-01-01 08:00:00')", shanghai), "0 | 0");
  EXPECT_EQ(eval("HOUR(ltz)", shanghai), "18 | null");
  EXPECT_EQ(eval("CAST(ltz AS STRING)", shanghai), "2024-03-15 18:20:30.123 | null");
  EXPECT_EQ(eval("CAST(ltz AS TIMESTAMP(3))", shanghai), "2024-03-15T18:20:30.123 | null");
  EXPECT_EQ(temporal::SessionTimeZone::of("Europe/Berlin").status().message(),
            "time zone 'Europe/Berlin': Eddy supports UTC and fixed offsets such as '+08:00'");
  EXPECT_EQ(temporal::SessionTimeZone::of("UTC-03:30")->offset_seconds, -12600);
}

TEST(ExpressionFunctionsTest, TimestampAdd) {
  EXPECT_EQ(eval("TIMESTAMPADD(DAY, 2, ts)"), "2024-03-17T10:20:30.123 | null");
  EXPECT_EQ(one("TIMESTAMPADD(MONTH, 1, DATE '2024-01-31')"), "2024-02-29");
  EXPECT_EQ(one("TIMESTAMPADD(HOUR, -3, TIMESTAMP '2024-03-15 01:00:00')"), "2024-03-14T22:00");
  EXPECT_EQ(one("TIMESTAMPADD(WEEK, 1, DATE '2024-03-15')"), "2024-03-22");
  EXPECT_EQ(one("TIMESTAMPADD(HOUR, 1, DATE '2024-03-15')"), "2024-03-15T01:00");
}

TEST(ExpressionFunctionsTest, TimestampDiff) {
  EXPECT_EQ(one("TIMESTAMPDIFF(DAY, TIMESTAMP '2024-03-01 00:00:00', TIMESTAMP '2024-03-15 12:00:00')"), "14");
  EXPECT_EQ(one("TIMESTAMPDIFF(HOUR, TIMESTAMP '2024-03-15 12:00:00', TIMESTAMP '2024-03-15 09:30:00')"), "-2");
  // As Avatica's subtractMonths: Jan 31 plus one month is Feb 29, so a month has passed.
  EXPECT_EQ(one("TIMESTAMPDIFF(MONTH, DATE '2024-01-31', DATE '2024-02-29')"), "1");
  EXPECT_EQ(one("TIMESTAMPDIFF(MONTH, DATE '2024-01-15', DATE '2024-03-15')"), "2");
  EXPECT_EQ(one("TIMESTAMPDIFF(YEAR, DATE '2020-02-29', DATE '2024-02-28')"), "3");
  EXPECT_EQ(one("TIMESTAMPDIFF(SECOND, ts, TIMESTAMPADD(MINUTE, 2, ts))"), "120");
}

}  // namespace
}  // namespace eddy::sql
