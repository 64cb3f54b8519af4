#include <gtest/gtest.h>

#include "sql/tests/parser_test_util.h"

namespace eddy::sql {
namespace {

using testing::roundTrip;

TEST(ParserQueryTest, SelectWithoutFrom) {
  EXPECT_EQ(roundTrip("SELECT 1, 'a'"),
            "SELECT 1, 'a'");
}

TEST(ParserQueryTest, SelectStarAndQualifiedStar) {
  EXPECT_EQ(roundTrip("SELECT *, t.* FROM t"),
            R"sql(SELECT *, `t`.*
FROM `t`)sql");
}

TEST(ParserQueryTest, SelectDistinct) {
  EXPECT_EQ(roundTrip("SELECT DISTINCT a FROM t"),
            R"sql(SELECT DISTINCT `a`
FROM `t`)sql");
}

TEST(ParserQueryTest, SelectAllIsDefault) {
  EXPECT_EQ(roundTrip("SELECT ALL a FROM t"),
            R"sql(SELECT `a`
FROM `t`)sql");
}

TEST(ParserQueryTest, AliasesWithAndWithoutAs) {
  EXPECT_EQ(roundTrip("SELECT a AS x, b y, c `Z z` FROM t"),
            R"sql(SELECT `a` AS `x`, `b` AS `y`, `c` AS `Z z`
FROM `t`)sql");
}

TEST(ParserQueryTest, KeywordsAreCaseInsensitive) {
  EXPECT_EQ(roundTrip("select A from T where B = 1 group by A"),
            R"sql(SELECT `A`
FROM `T`
WHERE (`B` = 1)
GROUP BY `A`)sql");
}

TEST(ParserQueryTest, QuotedIdentifierKeepsCaseAndEscapes) {
  EXPECT_EQ(roundTrip("SELECT `select`, `a``b`, `Mixed Case` FROM `from`"),
            R"sql(SELECT `select`, `a``b`, `Mixed Case`
FROM `from`)sql");
}

TEST(ParserQueryTest, TableAliasWithColumnAliases) {
  EXPECT_EQ(roundTrip("SELECT x FROM t AS u (x, y)"),
            R"sql(SELECT `x`
FROM `t` AS `u` (`x`, `y`))sql");
}

TEST(ParserQueryTest, Where) {
  EXPECT_EQ(roundTrip("SELECT a FROM t WHERE a > 1 AND b IS NOT NULL"),
            R"sql(SELECT `a`
FROM `t`
WHERE ((`a` > 1) AND (`b` IS NOT NULL)))sql");
}

TEST(ParserQueryTest, GroupByHaving) {
  EXPECT_EQ(roundTrip("SELECT a, COUNT(*) FROM t GROUP BY a HAVING COUNT(*) > 1"),
            R"sql(SELECT `a`, COUNT(*)
FROM `t`
GROUP BY `a`
HAVING (COUNT(*) > 1))sql");
}

TEST(ParserQueryTest, GroupingSetsRollupCube) {
  EXPECT_EQ(roundTrip("SELECT a, b FROM t GROUP BY GROUPING SETS ((a, b), (a), ()), ROLLUP (a, b), CUBE (c)"),
            R"sql(SELECT `a`, `b`
FROM `t`
GROUP BY GROUPING SETS((`a`, `b`), `a`, ()), ROLLUP(`a`, `b`), CUBE(`c`))sql");
}

TEST(ParserQueryTest, GroupWindowFunctionsAsCalls) {
  EXPECT_EQ(roundTrip("SELECT HOP_START(ts, INTERVAL '1' MINUTE, INTERVAL '5' MINUTE), SESSION_END(ts, INTERVAL '10' SECOND) FROM t GROUP BY HOP(ts, INTERVAL '1' MINUTE, INTERVAL '5' MINUTE), SESSION(ts, INTERVAL '10' SECOND)"),
            R"sql(SELECT HOP_START(`ts`, INTERVAL '1' MINUTE, INTERVAL '5' MINUTE), SESSION_END(`ts`, INTERVAL '10' SECOND)
FROM `t`
GROUP BY HOP(`ts`, INTERVAL '1' MINUTE, INTERVAL '5' MINUTE), SESSION(`ts`, INTERVAL '10' SECOND))sql");
}

TEST(ParserQueryTest, OrderByDirectionsAndNulls) {
  EXPECT_EQ(roundTrip("SELECT a FROM t ORDER BY a DESC NULLS LAST, b ASC, c NULLS FIRST"),
            R"sql(SELECT `a`
FROM `t`
ORDER BY `a` DESC NULLS LAST, `b` ASC, `c` NULLS FIRST)sql");
}

TEST(ParserQueryTest, LimitBecomesFetch) {
  EXPECT_EQ(roundTrip("SELECT a FROM t ORDER BY ts LIMIT 10"),
            R"sql(SELECT `a`
FROM `t`
ORDER BY `ts`
FETCH NEXT 10 ROWS ONLY)sql");
}

TEST(ParserQueryTest, OffsetAndFetchFirst) {
  EXPECT_EQ(roundTrip("SELECT a FROM t OFFSET 5 ROWS FETCH FIRST 10 ROWS ONLY"),
            R"sql(SELECT `a`
FROM `t`
OFFSET 5 ROWS
FETCH NEXT 10 ROWS ONLY)sql");
}

TEST(ParserQueryTest, FetchFirstRowOnly) {
  EXPECT_EQ(roundTrip("SELECT a FROM t FETCH FIRST ROW ONLY"),
            R"sql(SELECT `a`
FROM `t`
FETCH NEXT 1 ROWS ONLY)sql");
}

TEST(ParserQueryTest, WithCommonTableExpressions) {
  EXPECT_EQ(roundTrip("WITH a AS (SELECT 1 AS x), b (y) AS (SELECT x FROM a) SELECT y FROM b"),
            R"sql(WITH `a` AS (SELECT 1 AS `x`), `b` (`y`) AS (SELECT `x`
FROM `a`)
SELECT `y`
FROM `b`)sql");
}

TEST(ParserQueryTest, UnionAllLeftAssociative) {
  EXPECT_EQ(roundTrip("SELECT a FROM t UNION ALL SELECT a FROM u UNION SELECT a FROM v"),
            R"sql((SELECT `a`
FROM `t`
UNION ALL
SELECT `a`
FROM `u`)
UNION
SELECT `a`
FROM `v`)sql");
}

TEST(ParserQueryTest, IntersectBindsTighterThanExcept) {
  EXPECT_EQ(roundTrip("SELECT a FROM t EXCEPT SELECT a FROM u INTERSECT ALL SELECT a FROM v"),
            R"sql(SELECT `a`
FROM `t`
EXCEPT
(SELECT `a`
FROM `u`
INTERSECT ALL
SELECT `a`
FROM `v`))sql");
}

TEST(ParserQueryTest, ExceptAllAndDistinct) {
  EXPECT_EQ(roundTrip("SELECT a FROM t EXCEPT ALL SELECT a FROM u UNION DISTINCT SELECT a FROM v"),
            R"sql((SELECT `a`
FROM `t`
EXCEPT ALL
SELECT `a`
FROM `u`)
UNION
SELECT `a`
FROM `v`)sql");
}

TEST(ParserQueryTest, ParenthesizedOperandWithOrderBy) {
  EXPECT_EQ(roundTrip("(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL SELECT a FROM u"),
            R"sql((SELECT `a`
FROM `t`
ORDER BY `a`
FETCH NEXT 1 ROWS ONLY)
UNION ALL
SELECT `a`
FROM `u`)sql");
}

TEST(ParserQueryTest, OrderByOnSetOperation) {
  EXPECT_EQ(roundTrip("SELECT a FROM t UNION SELECT a FROM u ORDER BY a"),
            R"sql(SELECT `a`
FROM `t`
UNION
SELECT `a`
FROM `u`
ORDER BY `a`)sql");
}

TEST(ParserQueryTest, Values) {
  EXPECT_EQ(roundTrip("VALUES (1, 'a'), (2, 'b')"),
            R"sql(VALUES (1, 'a'),
(2, 'b'))sql");
}

TEST(ParserQueryTest, ValuesOfSingleValues) {
  EXPECT_EQ(roundTrip("VALUES 1, 2"),
            R"sql(VALUES (1),
(2))sql");
}

TEST(ParserQueryTest, InnerJoinOn) {
  EXPECT_EQ(roundTrip("SELECT * FROM a JOIN b ON a.id = b.id"),
            R"sql(SELECT *
FROM `a`
INNER JOIN `b` ON (`a`.`id` = `b`.`id`))sql");
}

TEST(ParserQueryTest, OuterJoinsAndUsing) {
  EXPECT_EQ(roundTrip("SELECT * FROM a LEFT OUTER JOIN b USING (id) RIGHT JOIN c ON TRUE FULL OUTER JOIN d ON a.x = d.x"),
            R"sql(SELECT *
FROM `a`
LEFT JOIN `b` USING (`id`)
RIGHT JOIN `c` ON TRUE
FULL JOIN `d` ON (`a`.`x` = `d`.`x`))sql");
}

TEST(ParserQueryTest, CrossAndNaturalJoin) {
  EXPECT_EQ(roundTrip("SELECT * FROM a CROSS JOIN b NATURAL JOIN c"),
            R"sql(SELECT *
FROM `a`
CROSS JOIN `b`
NATURAL INNER JOIN `c`)sql");
}

TEST(ParserQueryTest, CommaJoin) {
  EXPECT_EQ(roundTrip("SELECT * FROM a, b, c WHERE a.x = b.x"),
            R"sql(SELECT *
FROM `a`,
`b`,
`c`
WHERE (`a`.`x` = `b`.`x`))sql");
}

TEST(ParserQueryTest, ParenthesizedJoinOnTheRight) {
  EXPECT_EQ(roundTrip("SELECT * FROM a JOIN (b JOIN c ON b.x = c.x) ON a.x = b.x"),
            R"sql(SELECT *
FROM `a`
INNER JOIN (`b`
INNER JOIN `c` ON (`b`.`x` = `c`.`x`)) ON (`a`.`x` = `b`.`x`))sql");
}

TEST(ParserQueryTest, SubqueryInFrom) {
  EXPECT_EQ(roundTrip("SELECT * FROM (SELECT a, ROW_NUMBER() OVER (PARTITION BY a ORDER BY ts DESC) AS rn FROM t) AS s WHERE rn = 1"),
            R"sql(SELECT *
FROM (SELECT `a`, ROW_NUMBER() OVER (PARTITION BY `a` ORDER BY `ts` DESC) AS `rn`
FROM `t`) AS `s`
WHERE (`rn` = 1))sql");
}

TEST(ParserQueryTest, TemporalJoin) {
  EXPECT_EQ(roundTrip("SELECT o.id, r.rate FROM orders AS o JOIN rates FOR SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency"),
            R"sql(SELECT `o`.`id`, `r`.`rate`
FROM `orders` AS `o`
INNER JOIN `rates` FOR SYSTEM_TIME AS OF `o`.`order_time` AS `r` ON (`o`.`currency` = `r`.`currency`))sql");
}

TEST(ParserQueryTest, TemporalJoinWithoutAlias) {
  EXPECT_EQ(roundTrip("SELECT * FROM orders LEFT JOIN rates FOR SYSTEM_TIME AS OF orders.proc_time ON orders.c = rates.c"),
            R"sql(SELECT *
FROM `orders`
LEFT JOIN `rates` FOR SYSTEM_TIME AS OF `orders`.`proc_time` ON (`orders`.`c` = `rates`.`c`))sql");
}

TEST(ParserQueryTest, CrossJoinUnnest) {
  EXPECT_EQ(roundTrip("SELECT o.id, t.tag FROM orders o CROSS JOIN UNNEST(o.tags) AS t (tag)"),
            R"sql(SELECT `o`.`id`, `t`.`tag`
FROM `orders` AS `o`
CROSS JOIN UNNEST(`o`.`tags`) AS `t` (`tag`))sql");
}

TEST(ParserQueryTest, UnnestWithOrdinality) {
  EXPECT_EQ(roundTrip("SELECT * FROM t, UNNEST(t.arr) WITH ORDINALITY AS u (v, pos)"),
            R"sql(SELECT *
FROM `t`,
UNNEST(`t`.`arr`) WITH ORDINALITY AS `u` (`v`, `pos`))sql");
}

TEST(ParserQueryTest, LateralTableCommaJoin) {
  EXPECT_EQ(roundTrip("SELECT s, w FROM t, LATERAL TABLE(split(s, ' ')) AS u (w)"),
            R"sql(SELECT `s`, `w`
FROM `t`,
LATERAL TABLE(SPLIT(`s`, ' ')) AS `u` (`w`))sql");
}

TEST(ParserQueryTest, LateralTableLeftJoinOnTrue) {
  EXPECT_EQ(roundTrip("SELECT s, w FROM t LEFT JOIN LATERAL TABLE(split(s)) AS u (w) ON TRUE"),
            R"sql(SELECT `s`, `w`
FROM `t`
LEFT JOIN LATERAL TABLE(SPLIT(`s`)) AS `u` (`w`) ON TRUE)sql");
}

TEST(ParserQueryTest, LateralSubquery) {
  EXPECT_EQ(roundTrip("SELECT * FROM t, LATERAL (SELECT * FROM u WHERE u.x = t.x)"),
            R"sql(SELECT *
FROM `t`,
LATERAL (SELECT *
FROM `u`
WHERE (`u`.`x` = `t`.`x`)))sql");
}

TEST(ParserQueryTest, TumbleWindowTvf) {
  EXPECT_EQ(roundTrip("SELECT window_start, window_end, SUM(price) FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end"),
            R"sql(SELECT `window_start`, `window_end`, SUM(`price`)
FROM TABLE(TUMBLE(TABLE `Bid`, DESCRIPTOR(`bidtime`), INTERVAL '10' MINUTE))
GROUP BY `window_start`, `window_end`)sql");
}

TEST(ParserQueryTest, TumbleWindowTvfNamedArguments) {
  EXPECT_EQ(roundTrip("SELECT * FROM TABLE(TUMBLE(DATA => TABLE Bid, TIMECOL => DESCRIPTOR(bidtime), SIZE => INTERVAL '10' MINUTES))"),
            R"sql(SELECT *
FROM TABLE(TUMBLE(`DATA` => TABLE `Bid`, `TIMECOL` => DESCRIPTOR(`bidtime`), `SIZE` => INTERVAL '10' MINUTE)))sql");
}

TEST(ParserQueryTest, HopWindowTvf) {
  EXPECT_EQ(roundTrip("SELECT * FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))"),
            R"sql(SELECT *
FROM TABLE(HOP(TABLE `Bid`, DESCRIPTOR(`bidtime`), INTERVAL '5' MINUTE, INTERVAL '10' MINUTE)))sql");
}

TEST(ParserQueryTest, CumulateWindowTvf) {
  EXPECT_EQ(roundTrip("SELECT * FROM TABLE(CUMULATE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES))"),
            R"sql(SELECT *
FROM TABLE(CUMULATE(TABLE `Bid`, DESCRIPTOR(`bidtime`), INTERVAL '2' MINUTE, INTERVAL '10' MINUTE)))sql");
}

TEST(ParserQueryTest, SessionWindowTvfPartitionBy) {
  EXPECT_EQ(roundTrip("SELECT * FROM TABLE(SESSION(TABLE Bid PARTITION BY item, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES))"),
            R"sql(SELECT *
FROM TABLE(SESSION(TABLE `Bid` PARTITION BY `item`, DESCRIPTOR(`bidtime`), INTERVAL '5' MINUTE)))sql");
}

TEST(ParserQueryTest, SessionWindowTvfPartitionByList) {
  EXPECT_EQ(roundTrip("SELECT * FROM TABLE(SESSION(TABLE Bid PARTITION BY (item, supplier), DESCRIPTOR(bidtime), INTERVAL '5' MINUTES))"),
            R"sql(SELECT *
FROM TABLE(SESSION(TABLE `Bid` PARTITION BY (`item`, `supplier`), DESCRIPTOR(`bidtime`), INTERVAL '5' MINUTE)))sql");
}

TEST(ParserQueryTest, OverAggregationRange) {
  EXPECT_EQ(roundTrip("SELECT product, SUM(amount) OVER (PARTITION BY product ORDER BY order_time RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) AS s FROM orders"),
            R"sql(SELECT `product`, SUM(`amount`) OVER (PARTITION BY `product` ORDER BY `order_time` RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) AS `s`
FROM `orders`)sql");
}

TEST(ParserQueryTest, OverAggregationRowsWithWindowClause) {
  EXPECT_EQ(roundTrip("SELECT SUM(a) OVER w, MAX(a) OVER w FROM t WINDOW w AS (PARTITION BY b ORDER BY ts ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)"),
            R"sql(SELECT SUM(`a`) OVER `w`, MAX(`a`) OVER `w`
FROM `t`
WINDOW `w` AS (PARTITION BY `b` ORDER BY `ts` ROWS BETWEEN 10 PRECEDING AND CURRENT ROW))sql");
}

TEST(ParserQueryTest, OverUnboundedFrames) {
  EXPECT_EQ(roundTrip("SELECT COUNT(*) OVER (ORDER BY ts ROWS UNBOUNDED PRECEDING), SUM(a) OVER (ORDER BY ts RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM t"),
            R"sql(SELECT COUNT(*) OVER (ORDER BY `ts` ROWS UNBOUNDED PRECEDING), SUM(`a`) OVER (ORDER BY `ts` RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
FROM `t`)sql");
}

TEST(ParserQueryTest, WindowTopN) {
  EXPECT_EQ(roundTrip("SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC) AS rownum FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))) WHERE rownum <= 3"),
            R"sql(SELECT *
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY `window_start`, `window_end` ORDER BY `price` DESC) AS `rownum`
FROM TABLE(TUMBLE(TABLE `Bid`, DESCRIPTOR(`bidtime`), INTERVAL '10' MINUTE)))
WHERE (`rownum` <= 3))sql");
}

}  // namespace
}  // namespace eddy::sql
