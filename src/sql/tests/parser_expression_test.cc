#include <gtest/gtest.h>

#include "sql/tests/parser_test_util.h"

namespace eddy::sql {
namespace {

using testing::expr;

TEST(ParserExpressionTest, ArithmeticPrecedence) {
  EXPECT_EQ(expr("a + b * c - d / e % f"),
            "((`a` + (`b` * `c`)) - ((`d` / `e`) % `f`))");
}

TEST(ParserExpressionTest, ConcatenationBindsLikeMultiplication) {
  EXPECT_EQ(expr("a || b + c"),
            "((`a` || `b`) + `c`)");
}

TEST(ParserExpressionTest, UnaryMinusAndPlus) {
  EXPECT_EQ(expr("-a * +b - -1"),
            "(((-`a`) * (+`b`)) - (-1))");
}

TEST(ParserExpressionTest, ParenthesesOverridePrecedence) {
  EXPECT_EQ(expr("(a + b) * c"),
            "((`a` + `b`) * `c`)");
}

TEST(ParserExpressionTest, OrAndNotPrecedence) {
  EXPECT_EQ(expr("a OR b AND NOT c"),
            "(`a` OR (`b` AND (NOT `c`)))");
}

TEST(ParserExpressionTest, ComparisonOperators) {
  EXPECT_EQ(expr("a = 1 AND b <> 2 AND c != 3 AND d < 4 AND e <= 5 AND f > 6 AND g >= 7"),
            "(((((((`a` = 1) AND (`b` <> 2)) AND (`c` <> 3)) AND (`d` < 4)) AND (`e` <= 5)) AND (`f` > 6)) AND (`g` >= 7))");
}

TEST(ParserExpressionTest, IsPredicates) {
  EXPECT_EQ(expr("a IS NULL OR b IS NOT NULL OR c IS TRUE OR d IS NOT FALSE OR e IS UNKNOWN OR f IS NOT UNKNOWN"),
            "((((((`a` IS NULL) OR (`b` IS NOT NULL)) OR (`c` IS TRUE)) OR (`d` IS NOT FALSE)) OR (`e` IS UNKNOWN)) OR (`f` IS NOT UNKNOWN))");
}

TEST(ParserExpressionTest, IsBindsLooserThanComparison) {
  EXPECT_EQ(expr("a = b IS NOT TRUE"),
            "((`a` = `b`) IS NOT TRUE)");
}

TEST(ParserExpressionTest, IsDistinctFrom) {
  EXPECT_EQ(expr("a IS DISTINCT FROM b AND c IS NOT DISTINCT FROM d"),
            "((`a` IS DISTINCT FROM `b`) AND (`c` IS NOT DISTINCT FROM `d`))");
}

TEST(ParserExpressionTest, Between) {
  EXPECT_EQ(expr("a BETWEEN 1 AND 2 AND b NOT BETWEEN SYMMETRIC x + 1 AND y"),
            "((`a` BETWEEN 1 AND 2) AND (`b` NOT BETWEEN SYMMETRIC (`x` + 1) AND `y`))");
}

TEST(ParserExpressionTest, LikeWithEscape) {
  EXPECT_EQ(expr(R"sql(name LIKE 'a\_%' ESCAPE '\' AND name NOT LIKE '%z')sql"),
            R"sql(((`name` LIKE 'a\_%' ESCAPE '\') AND (`name` NOT LIKE '%z')))sql");
}

TEST(ParserExpressionTest, SimilarTo) {
  EXPECT_EQ(expr("a SIMILAR TO '(a|b)+' OR a NOT SIMILAR TO 'c'"),
            "((`a` SIMILAR TO '(a|b)+') OR (`a` NOT SIMILAR TO 'c'))");
}

TEST(ParserExpressionTest, InList) {
  EXPECT_EQ(expr("a IN (1, 2, 3) AND b NOT IN ('x')"),
            "((`a` IN (1, 2, 3)) AND (`b` NOT IN ('x')))");
}

TEST(ParserExpressionTest, InSubquery) {
  EXPECT_EQ(expr("a IN (SELECT id FROM t WHERE x > 0)"),
            R"sql((`a` IN (SELECT `id`
FROM `t`
WHERE (`x` > 0))))sql");
}

TEST(ParserExpressionTest, ExistsAndNotExists) {
  EXPECT_EQ(expr("EXISTS (SELECT 1 FROM t) AND NOT EXISTS (SELECT 1 FROM u)"),
            R"sql(((EXISTS (SELECT 1
FROM `t`)) AND (NOT (EXISTS (SELECT 1
FROM `u`)))))sql");
}

TEST(ParserExpressionTest, ScalarSubquery) {
  EXPECT_EQ(expr("(SELECT MAX(x) FROM t) + 1"),
            R"sql(((SELECT MAX(`x`)
FROM `t`) + 1))sql");
}

TEST(ParserExpressionTest, SearchedCase) {
  EXPECT_EQ(expr("CASE WHEN a > 1 THEN 'big' WHEN a > 0 THEN 'small' ELSE 'none' END"),
            "CASE WHEN (`a` > 1) THEN 'big' WHEN (`a` > 0) THEN 'small' ELSE 'none' END");
}

TEST(ParserExpressionTest, SimpleCase) {
  EXPECT_EQ(expr("case status when 1 then 'on' when 0 then 'off' end"),
            "CASE `status` WHEN 1 THEN 'on' WHEN 0 THEN 'off' END");
}

TEST(ParserExpressionTest, CastAndTryCast) {
  EXPECT_EQ(expr("CAST(a AS DECIMAL(10, 2)) + TRY_CAST(b AS INT NOT NULL)"),
            "(CAST(`a` AS DECIMAL(10, 2)) + TRY_CAST(`b` AS INT NOT NULL))");
}

TEST(ParserExpressionTest, CastToTimestampLtz) {
  EXPECT_EQ(expr("CAST(ts AS TIMESTAMP_LTZ(3))"),
            "CAST(`ts` AS TIMESTAMP(3) WITH LOCAL TIME ZONE)");
}

TEST(ParserExpressionTest, CastToNestedType) {
  EXPECT_EQ(expr("CAST(x AS ROW<a INT, b ARRAY<STRING>>)"),
            "CAST(`x` AS ROW<`a` INT, `b` ARRAY<VARCHAR(2147483647)>>)");
}

TEST(ParserExpressionTest, Extract) {
  EXPECT_EQ(expr("EXTRACT(YEAR FROM ts) + EXTRACT(DOW FROM ts) + EXTRACT(EPOCH FROM ts)"),
            "((EXTRACT(YEAR FROM `ts`) + EXTRACT(DOW FROM `ts`)) + EXTRACT(EPOCH FROM `ts`))");
}

TEST(ParserExpressionTest, TimestampAddAndDiff) {
  EXPECT_EQ(expr("TIMESTAMPADD(DAY, 1, ts) > TIMESTAMPDIFF(SQL_TSI_HOUR, a, b)"),
            "(TIMESTAMPADD(DAY, 1, `ts`) > TIMESTAMPDIFF(HOUR, `a`, `b`))");
}

TEST(ParserExpressionTest, FloorAndCeilToUnit) {
  EXPECT_EQ(expr("FLOOR(ts TO HOUR) = CEIL(ts TO DAY) AND FLOOR(x) = CEILING(y)"),
            "((FLOOR(`ts` TO HOUR) = CEIL(`ts` TO DAY)) AND (FLOOR(`x`) = CEILING(`y`)))");
}

TEST(ParserExpressionTest, Position) {
  EXPECT_EQ(expr("POSITION('a' IN s) + 1"),
            "(POSITION('a' IN `s`) + 1)");
}

TEST(ParserExpressionTest, TrimForms) {
  EXPECT_EQ(expr("TRIM(BOTH 'x' FROM s) || TRIM(LEADING FROM s) || TRIM(TRAILING 'y' FROM s) || TRIM(s) || TRIM('z' FROM s)"),
            "((((TRIM(BOTH 'x' FROM `s`) || TRIM(LEADING ' ' FROM `s`)) || TRIM(TRAILING 'y' FROM `s`)) || TRIM(BOTH ' ' FROM `s`)) || TRIM(BOTH 'z' FROM `s`))");
}

TEST(ParserExpressionTest, SubstringForms) {
  EXPECT_EQ(expr("SUBSTRING(s FROM 2 FOR 3) || SUBSTRING(s FROM 2) || SUBSTRING(s, 1, 2)"),
            "((SUBSTRING(`s` FROM 2 FOR 3) || SUBSTRING(`s` FROM 2)) || SUBSTRING(`s` FROM 1 FOR 2))");
}

TEST(ParserExpressionTest, Overlay) {
  EXPECT_EQ(expr("OVERLAY(s PLACING 'x' FROM 2 FOR 3)"),
            "OVERLAY(`s` PLACING 'x' FROM 2 FOR 3)");
}

TEST(ParserExpressionTest, FunctionCallsWithDistinctAndStar) {
  EXPECT_EQ(expr("COUNT(*) + COUNT(DISTINCT a) + COUNT(ALL b) + my_func() + `MyFunc`(1)"),
            "((((COUNT(*) + COUNT(DISTINCT `a`)) + COUNT(`b`)) + MY_FUNC()) + `MyFunc`(1))");
}

TEST(ParserExpressionTest, QualifiedFunctionName) {
  EXPECT_EQ(expr("cat.db.my_func(1, 'a')"),
            "`cat`.`db`.`my_func`(1, 'a')");
}

TEST(ParserExpressionTest, FilterClause) {
  EXPECT_EQ(expr("SUM(price) FILTER (WHERE price > 10)"),
            "SUM(`price`) FILTER (WHERE (`price` > 10))");
}

TEST(ParserExpressionTest, OverWithPartitionOrderAndRowsFrame) {
  EXPECT_EQ(expr("SUM(a) OVER (PARTITION BY b, c ORDER BY ts ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)"),
            "SUM(`a`) OVER (PARTITION BY `b`, `c` ORDER BY `ts` ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)");
}

TEST(ParserExpressionTest, OverNamedWindow) {
  EXPECT_EQ(expr("COUNT(*) OVER w"),
            "COUNT(*) OVER `w`");
}

TEST(ParserExpressionTest, RowConstructors) {
  EXPECT_EQ(expr("ROW(1, 'a') = (1, 'a')"),
            "(ROW(1, 'a') = (1, 'a'))");
}

TEST(ParserExpressionTest, ArrayAndMapConstructorsWithItems) {
  EXPECT_EQ(expr("ARRAY[1, 2][1] + MAP['a', 1]['a']"),
            "(ARRAY[1, 2][1] + MAP['a', 1]['a'])");
}

TEST(ParserExpressionTest, FieldAccess) {
  EXPECT_EQ(expr("t.r.f + f(x).a.b + (ARRAY[x])[1].c"),
            "((`t`.`r`.`f` + F(`x`).`a`.`b`) + ARRAY[`x`][1].`c`)");
}

TEST(ParserExpressionTest, NumericLiterals) {
  EXPECT_EQ(expr("1 + 1.5 + .5 + 1.5e3 + 2E-2 + 12345678901234567890"),
            "(((((1 + 1.5) + .5) + 1.5E3) + 2E-2) + 12345678901234567890)");
}

TEST(ParserExpressionTest, StringLiteralsWithEscapes) {
  EXPECT_EQ(expr("'it''s' || '' || X'0aFF'"),
            "(('it''s' || '') || X'0AFF')");
}

TEST(ParserExpressionTest, BooleanAndNullLiterals) {
  EXPECT_EQ(expr("TRUE AND FALSE OR UNKNOWN IS NULL AND NULL IS NULL"),
            "((TRUE AND FALSE) OR ((UNKNOWN IS NULL) AND (NULL IS NULL)))");
}

TEST(ParserExpressionTest, DateTimeLiterals) {
  EXPECT_EQ(expr("DATE '2020-01-01' < TIMESTAMP '2020-01-01 00:00:00' AND TIME '12:00:00' IS NOT NULL"),
            "((DATE '2020-01-01' < TIMESTAMP '2020-01-01 00:00:00') AND (TIME '12:00:00' IS NOT NULL))");
}

TEST(ParserExpressionTest, IntervalLiterals) {
  EXPECT_EQ(expr("INTERVAL '5' SECOND + INTERVAL '1-2' YEAR TO MONTH + INTERVAL '1 02:03:04.5' DAY TO SECOND(3) + INTERVAL -'5' MINUTE"),
            "(((INTERVAL '5' SECOND + INTERVAL '1-2' YEAR TO MONTH) + INTERVAL '1 02:03:04.5' DAY TO SECOND(3)) + INTERVAL -'5' MINUTE)");
}

TEST(ParserExpressionTest, IntervalPluralUnits) {
  EXPECT_EQ(expr("INTERVAL '10' MINUTES + INTERVAL '2' HOURS + INTERVAL '1' DAYS + INTERVAL '3' SECONDS"),
            "(((INTERVAL '10' MINUTE + INTERVAL '2' HOUR) + INTERVAL '1' DAY) + INTERVAL '3' SECOND)");
}

TEST(ParserExpressionTest, IntervalWithPrecision) {
  EXPECT_EQ(expr("INTERVAL '100' DAY(3) + INTERVAL '10:20' HOUR TO MINUTE"),
            "(INTERVAL '100' DAY(3) + INTERVAL '10:20' HOUR TO MINUTE)");
}

TEST(ParserExpressionTest, NiladicDateTimeFunctions) {
  EXPECT_EQ(expr("CURRENT_TIMESTAMP > LOCALTIMESTAMP AND CURRENT_DATE = CURRENT_DATE AND CURRENT_TIME IS NOT NULL AND LOCALTIME IS NOT NULL"),
            "((((CURRENT_TIMESTAMP > LOCALTIMESTAMP) AND (CURRENT_DATE = CURRENT_DATE)) AND (CURRENT_TIME IS NOT NULL)) AND (LOCALTIME IS NOT NULL))");
}

TEST(ParserExpressionTest, TimeAttributeFunctions) {
  EXPECT_EQ(expr("PROCTIME() IS NOT NULL AND CURRENT_WATERMARK(ts) IS NULL AND CURRENT_ROW_TIMESTAMP() IS NOT NULL"),
            "(((PROCTIME() IS NOT NULL) AND (CURRENT_WATERMARK(`ts`) IS NULL)) AND (CURRENT_ROW_TIMESTAMP() IS NOT NULL))");
}

TEST(ParserExpressionTest, ReservedWordsAsFunctionNames) {
  EXPECT_EQ(expr("LEFT(s, 2) || RIGHT(s, 2) || GROUPING(a)"),
            "((LEFT(`s`, 2) || RIGHT(`s`, 2)) || GROUPING(`a`))");
}

TEST(ParserExpressionTest, KeywordLikeNamesAsIdentifiers) {
  EXPECT_EQ(expr("position + value + data + `timestamp`"),
            "(((`position` + `value`) + `data`) + `timestamp`)");
}

TEST(ParserExpressionTest, CommentsAreSkipped) {
  EXPECT_EQ(expr(R"sql(a -- line comment
 + /* block
 comment */ b)sql"),
            "(`a` + `b`)");
}

TEST(ParserExpressionTest, JsonFunctions) {
  EXPECT_EQ(expr("JSON_VALUE(j, '$.a') || JSON_QUERY(j, '$.b')"),
            "(JSON_VALUE(`j`, '$.a') || JSON_QUERY(`j`, '$.b'))");
}

}  // namespace
}  // namespace eddy::sql
