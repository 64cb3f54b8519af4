#include <gtest/gtest.h>

#include "sql/tests/table_test_util.h"

// EXPLAIN as Flink prints it: the abstract syntax tree (Calcite's logical tree of the query
// before optimization), the optimized physical plan with changelogMode=[...] per node, and
// the optimized execution plan, each drawn as Calcite's RelTreeWriter draws a tree. Each
// abstract syntax tree follows the one Flink's planner tests expect for the same query
// shape (flink-table-planner/src/test/resources/org/apache/flink/table/planner/plan/stream/sql/...).

namespace eddy::sql {
namespace {

class SqlExplainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    for (const char* ddl : {
             "CREATE TABLE MyTable (a INT, b BIGINT, c STRING, rowtime TIMESTAMP(3), "
             "WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND) WITH ('connector' = 'values')",
             "CREATE TABLE T (a INT, b BIGINT, c STRING) WITH ('connector' = 'values')",
             "CREATE TABLE T2 (a INT, b BIGINT, c STRING) WITH ('connector' = 'values')",
             "CREATE TABLE orders (oid INT, uid INT, item STRING) WITH ('connector' = 'values')",
             "CREATE TABLE users (uid INT, name STRING) WITH ('connector' = 'values')",
             "CREATE TABLE s (a INT, cnt BIGINT) WITH ('connector' = 'values', 'sink-insert-only' = 'false')",
             "CREATE TABLE names (oid INT, name STRING) WITH ('connector' = 'blackhole')",
         }) {
      ASSERT_EQ(runSql(*env_, ddl), "[OK]\n") << ddl;
    }
  }

  std::string explain(std::string_view sql, bool changelog_mode = true) {
    Result<std::string> plan = env_->explainSql(sql, changelog_mode);
    return plan.ok() ? *plan : "ERROR: " + plan.status().message();
  }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

// The abstract syntax tree follows CalcTest.xml.
TEST_F(SqlExplainTest, ProjectAndFilter) {
  EXPECT_EQ(explain("SELECT a, a + 1 AS d FROM T WHERE a > 10", false),
            "== Abstract Syntax Tree ==\n"
            "LogicalProject(a=[$0], d=[+($0, 1)])\n"
            "+- LogicalFilter(condition=[>($0, 10)])\n"
            "   +- LogicalTableScan(table=[[default_catalog, default_database, T]])\n"
            "\n== Optimized Physical Plan ==\n"
            "Calc(select=[a, +(a, 1) AS d], where=[>(a, 10)])\n"
            "+- TableSourceScan(table=[[default_catalog, default_database, T]], fields=[a, b, c])\n"
            "\n== Optimized Execution Plan ==\n"
            "Calc(select=[a, +(a, 1) AS d], where=[>(a, 10)])\n"
            "+- TableSourceScan(table=[[default_catalog, default_database, T]], fields=[a, b, c])\n");
}

// The abstract syntax tree follows agg/AggregateTest.xml.
TEST_F(SqlExplainTest, GroupByWithHaving) {
  EXPECT_EQ(explain("SELECT a, COUNT(*) AS cnt FROM T GROUP BY a HAVING COUNT(*) > 1"),
            "== Abstract Syntax Tree ==\n"
            "LogicalFilter(condition=[>($1, 1)])\n"
            "+- LogicalAggregate(group=[{0}], cnt=[COUNT()])\n"
            "   +- LogicalProject(a=[$0])\n"
            "      +- LogicalTableScan(table=[[default_catalog, default_database, T]])\n"
            "\n== Optimized Physical Plan ==\n"
            "Calc(select=[a, cnt], where=[>(cnt, CAST(1):BIGINT NOT NULL)], changelogMode=[I,UB,UA])\n"
            "+- GroupAggregate(groupBy=[a], select=[a, COUNT(*) AS cnt], changelogMode=[I,UB,UA])\n"
            "   +- Exchange(distribution=[hash[a]], changelogMode=[I])\n"
            "      +- Calc(select=[a], changelogMode=[I])\n"
            "         +- TableSourceScan(table=[[default_catalog, default_database, T]], fields=[a, b, c], changelogMode=[I])\n"
            "\n== Optimized Execution Plan ==\n"
            "Calc(select=[a, cnt], where=[>(cnt, CAST(1):BIGINT NOT NULL)])\n"
            "+- GroupAggregate(groupBy=[a], select=[a, COUNT(*) AS cnt])\n"
            "   +- Exchange(distribution=[hash[a]])\n"
            "      +- Calc(select=[a])\n"
            "         +- TableSourceScan(table=[[default_catalog, default_database, T]], fields=[a, b, c])\n");
}

// The abstract syntax tree follows join/JoinTest.xml.
TEST_F(SqlExplainTest, InsertOfAJoin) {
  EXPECT_EQ(explain("INSERT INTO names SELECT o.oid, u.name FROM orders AS o JOIN users AS u ON o.uid = u.uid"),
            "== Abstract Syntax Tree ==\n"
            "LogicalSink(table=[default_catalog.default_database.names], fields=[oid, name])\n"
            "+- LogicalProject(oid=[$0], name=[$4])\n"
            "   +- LogicalJoin(condition=[=($1, $3)], joinType=[inner])\n"
            "      :- LogicalTableScan(table=[[default_catalog, default_database, orders]])\n"
            "      +- LogicalTableScan(table=[[default_catalog, default_database, users]])\n"
            "\n== Optimized Physical Plan ==\n"
            "Sink(table=[default_catalog.default_database.names], fields=[oid, name], changelogMode=[I])\n"
            "+- Calc(select=[oid, name], changelogMode=[I])\n"
            "   +- Join(joinType=[InnerJoin], where=[=(uid, uid0)], select=[oid, uid, item, uid0, name], leftInputSpec=[NoUniqueKey], rightInputSpec=[NoUniqueKey], changelogMode=[I])\n"
            "      :- Exchange(distribution=[hash[uid]], changelogMode=[I])\n"
            "      :  +- TableSourceScan(table=[[default_catalog, default_database, orders]], fields=[oid, uid, item], changelogMode=[I])\n"
            "      +- Exchange(distribution=[hash[uid]], changelogMode=[I])\n"
            "         +- TableSourceScan(table=[[default_catalog, default_database, users]], fields=[uid, name], changelogMode=[I])\n"
            "\n== Optimized Execution Plan ==\n"
            "Sink(table=[default_catalog.default_database.names], fields=[oid, name])\n"
            "+- Calc(select=[oid, name])\n"
            "   +- Join(joinType=[InnerJoin], where=[=(uid, uid0)], select=[oid, uid, item, uid0, name], leftInputSpec=[NoUniqueKey], rightInputSpec=[NoUniqueKey])\n"
            "      :- Exchange(distribution=[hash[uid]])\n"
            "      :  +- TableSourceScan(table=[[default_catalog, default_database, orders]], fields=[oid, uid, item])\n"
            "      +- Exchange(distribution=[hash[uid]])\n"
            "         +- TableSourceScan(table=[[default_catalog, default_database, users]], fields=[uid, name])\n");
}

// The abstract syntax tree follows UnionTest.xml.
TEST_F(SqlExplainTest, UnionAll) {
  EXPECT_EQ(explain("SELECT a, b FROM T UNION ALL SELECT a, b FROM T2", false),
            "== Abstract Syntax Tree ==\n"
            "LogicalUnion(all=[true])\n"
            ":- LogicalProject(a=[$0], b=[$1])\n"
            ":  +- LogicalTableScan(table=[[default_catalog, default_database, T]])\n"
            "+- LogicalProject(a=[$0], b=[$1])\n"
            "   +- LogicalTableScan(table=[[default_catalog, default_database, T2]])\n"
            "\n== Optimized Physical Plan ==\n"
            "Union(all=[true], union=[a, b])\n"
            ":- Calc(select=[a, b])\n"
            ":  +- TableSourceScan(table=[[default_catalog, default_database, T]], fields=[a, b, c])\n"
            "+- Calc(select=[a, b])\n"
            "   +- TableSourceScan(table=[[default_catalog, default_database, T2]], fields=[a, b, c])\n"
            "\n== Optimized Execution Plan ==\n"
            "Union(all=[true], union=[a, b])\n"
            ":- Calc(select=[a, b])\n"
            ":  +- TableSourceScan(table=[[default_catalog, default_database, T]], fields=[a, b, c])\n"
            "+- Calc(select=[a, b])\n"
            "   +- TableSourceScan(table=[[default_catalog, default_database, T2]], fields=[a, b, c])\n");
}

// The abstract syntax tree follows ValuesTest.xml.
TEST_F(SqlExplainTest, Values) {
  EXPECT_EQ(explain("SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS t(x, y)", false),
            "== Abstract Syntax Tree ==\n"
            "LogicalProject(x=[$0], y=[$1])\n"
            "+- LogicalValues(tuples=[[{ 1, _UTF-16LE'a' }, { 2, _UTF-16LE'b' }]])\n"
            "\n== Optimized Physical Plan ==\n"
            "Calc(select=[EXPR$0 AS x, EXPR$1 AS y])\n"
            "+- Values(tuples=[[{ 1, a }, { 2, b }]], values=[EXPR$0, EXPR$1])\n"
            "\n== Optimized Execution Plan ==\n"
            "Calc(select=[EXPR$0 AS x, EXPR$1 AS y])\n"
            "+- Values(tuples=[[{ 1, a }, { 2, b }]], values=[EXPR$0, EXPR$1])\n");
}

// The abstract syntax tree follows agg/WindowAggregateTest.xml.
TEST_F(SqlExplainTest, WindowTableFunctionAggregate) {
  EXPECT_EQ(explain("SELECT window_start, window_end, COUNT(*) AS cnt FROM TABLE(TUMBLE(TABLE MyTable, DESCRIPTOR(rowtime), INTERVAL '15' MINUTE)) GROUP BY window_start, window_end"),
            "== Abstract Syntax Tree ==\n"
            "LogicalAggregate(group=[{0, 1}], cnt=[COUNT()])\n"
            "+- LogicalProject(window_start=[$4], window_end=[$5])\n"
            "   +- LogicalTableFunctionScan(invocation=[TUMBLE(DESCRIPTOR($3), 900000:INTERVAL MINUTE)], rowType=[RecordType(INTEGER a, BIGINT b, VARCHAR(2147483647) c, TIMESTAMP(3) *ROWTIME* rowtime, TIMESTAMP(3) window_start, TIMESTAMP(3) window_end, TIMESTAMP(3) *ROWTIME* window_time)])\n"
            "      +- LogicalProject(a=[$0], b=[$1], c=[$2], rowtime=[$3])\n"
            "         +- LogicalWatermarkAssigner(rowtime=[rowtime], watermark=[-($3, 1000:INTERVAL SECOND)])\n"
            "            +- LogicalTableScan(table=[[default_catalog, default_database, MyTable]])\n"
            "\n== Optimized Physical Plan ==\n"
            "Calc(select=[window_start, window_end, cnt], changelogMode=[I])\n"
            "+- WindowAggregate(window=[TUMBLE(win_start=[window_start], win_end=[window_end], size=[15 min])], select=[COUNT(*) AS cnt, start('w$) AS window_start, end('w$) AS window_end, rowtime('w$) AS window_time], changelogMode=[I])\n"
            "   +- Exchange(distribution=[single], changelogMode=[I])\n"
            "      +- Calc(select=[window_start, window_end], changelogMode=[I])\n"
            "         +- WindowTableFunction(window=[TUMBLE(time_col=[rowtime], size=[15 min])], changelogMode=[I])\n"
            "            +- WatermarkAssigner(rowtime=[rowtime], watermark=[-(rowtime, PT1S)], changelogMode=[I])\n"
            "               +- TableSourceScan(table=[[default_catalog, default_database, MyTable]], fields=[a, b, c, rowtime], changelogMode=[I])\n"
            "\n== Optimized Execution Plan ==\n"
            "Calc(select=[window_start, window_end, cnt])\n"
            "+- WindowAggregate(window=[TUMBLE(win_start=[window_start], win_end=[window_end], size=[15 min])], select=[COUNT(*) AS cnt, start('w$) AS window_start, end('w$) AS window_end, rowtime('w$) AS window_time])\n"
            "   +- Exchange(distribution=[single])\n"
            "      +- Calc(select=[window_start, window_end])\n"
            "         +- WindowTableFunction(window=[TUMBLE(time_col=[rowtime], size=[15 min])])\n"
            "            +- WatermarkAssigner(rowtime=[rowtime], watermark=[-(rowtime, PT1S)])\n"
            "               +- TableSourceScan(table=[[default_catalog, default_database, MyTable]], fields=[a, b, c, rowtime])\n");
}

// The abstract syntax tree follows agg/OverAggregateTest.xml.
TEST_F(SqlExplainTest, OverAggregate) {
  EXPECT_EQ(explain("SELECT a, COUNT(c) OVER (PARTITION BY a ORDER BY rowtime ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS cnt FROM MyTable"),
            "== Abstract Syntax Tree ==\n"
            "LogicalProject(a=[$0], cnt=[COUNT($2) OVER (PARTITION BY $0 ORDER BY $3 NULLS FIRST ROWS 2 PRECEDING)])\n"
            "+- LogicalWatermarkAssigner(rowtime=[rowtime], watermark=[-($3, 1000:INTERVAL SECOND)])\n"
            "   +- LogicalTableScan(table=[[default_catalog, default_database, MyTable]])\n"
            "\n== Optimized Physical Plan ==\n"
            "Calc(select=[a, w0$o0 AS cnt], changelogMode=[I])\n"
            "+- OverAggregate(partitionBy=[a], orderBy=[rowtime ASC], window=[ ROWS BETWEEN 2 PRECEDING AND CURRENT ROW], select=[a, b, c, rowtime, COUNT(c) AS w0$o0], changelogMode=[I])\n"
            "   +- Exchange(distribution=[hash[a]], changelogMode=[I])\n"
            "      +- WatermarkAssigner(rowtime=[rowtime], watermark=[-(rowtime, PT1S)], changelogMode=[I])\n"
            "         +- TableSourceScan(table=[[default_catalog, default_database, MyTable]], fields=[a, b, c, rowtime], changelogMode=[I])\n"
            "\n== Optimized Execution Plan ==\n"
            "Calc(select=[a, w0$o0 AS cnt])\n"
            "+- OverAggregate(partitionBy=[a], orderBy=[rowtime ASC], window=[ ROWS BETWEEN 2 PRECEDING AND CURRENT ROW], select=[a, b, c, rowtime, COUNT(c) AS w0$o0])\n"
            "   +- Exchange(distribution=[hash[a]])\n"
            "      +- WatermarkAssigner(rowtime=[rowtime], watermark=[-(rowtime, PT1S)])\n"
            "         +- TableSourceScan(table=[[default_catalog, default_database, MyTable]], fields=[a, b, c, rowtime])\n");
}

// The abstract syntax tree follows RankTest.xml.
TEST_F(SqlExplainTest, TopN) {
  EXPECT_EQ(explain("SELECT * FROM (SELECT a, b, ROW_NUMBER() OVER (PARTITION BY a ORDER BY b DESC) AS rn FROM T) WHERE rn <= 3"),
            "== Abstract Syntax Tree ==\n"
            "LogicalProject(a=[$0], b=[$1], rn=[$2])\n"
            "+- LogicalFilter(condition=[<=($2, 3)])\n"
            "   +- LogicalProject(a=[$0], b=[$1], rn=[ROW_NUMBER() OVER (PARTITION BY $0 ORDER BY $1 DESC NULLS LAST)])\n"
            "      +- LogicalTableScan(table=[[default_catalog, default_database, T]])\n"
            "\n== Optimized Physical Plan ==\n"
            "Calc(select=[a, b, w0$o0 AS rn], changelogMode=[I,UB,UA,D])\n"
            "+- Rank(strategy=[AppendFastStrategy], rankType=[ROW_NUMBER], rankRange=[rankStart=1, rankEnd=3], partitionBy=[a], orderBy=[b DESC], select=[a, b, c, w0$o0], changelogMode=[I,UB,UA,D])\n"
            "   +- Exchange(distribution=[hash[a]], changelogMode=[I])\n"
            "      +- TableSourceScan(table=[[default_catalog, default_database, T]], fields=[a, b, c], changelogMode=[I])\n"
            "\n== Optimized Execution Plan ==\n"
            "Calc(select=[a, b, w0$o0 AS rn])\n"
            "+- Rank(strategy=[AppendFastStrategy], rankType=[ROW_NUMBER], rankRange=[rankStart=1, rankEnd=3], partitionBy=[a], orderBy=[b DESC], select=[a, b, c, w0$o0])\n"
            "   +- Exchange(distribution=[hash[a]])\n"
            "      +- TableSourceScan(table=[[default_catalog, default_database, T]], fields=[a, b, c])\n");
}

// The abstract syntax tree follows SortLimitTest.xml.
TEST_F(SqlExplainTest, OrderByLimit) {
  EXPECT_EQ(explain("SELECT a, b FROM T ORDER BY b DESC LIMIT 3"),
            "== Abstract Syntax Tree ==\n"
            "LogicalSort(sort0=[$1], dir0=[DESC-nulls-last], fetch=[3])\n"
            "+- LogicalProject(a=[$0], b=[$1])\n"
            "   +- LogicalTableScan(table=[[default_catalog, default_database, T]])\n"
            "\n== Optimized Physical Plan ==\n"
            "SortLimit(orderBy=[b DESC], offset=[0], fetch=[3], strategy=[AppendFastStrategy], changelogMode=[I,UB,UA,D])\n"
            "+- Exchange(distribution=[single], changelogMode=[I])\n"
            "   +- Calc(select=[a, b], changelogMode=[I])\n"
            "      +- TableSourceScan(table=[[default_catalog, default_database, T]], fields=[a, b, c], changelogMode=[I])\n"
            "\n== Optimized Execution Plan ==\n"
            "SortLimit(orderBy=[b DESC], offset=[0], fetch=[3], strategy=[AppendFastStrategy])\n"
            "+- Exchange(distribution=[single])\n"
            "   +- Calc(select=[a, b])\n"
            "      +- TableSourceScan(table=[[default_catalog, default_database, T]], fields=[a, b, c])\n");
}

// The abstract syntax tree follows CalcTest.xml (SELECT without FROM reads Calcite's VALUES ((0))).
TEST_F(SqlExplainTest, SelectWithoutFrom) {
  EXPECT_EQ(explain("SELECT 1 AS x", false),
            "== Abstract Syntax Tree ==\n"
            "LogicalProject(x=[1])\n"
            "+- LogicalValues(tuples=[[{ 0 }]])\n"
            "\n== Optimized Physical Plan ==\n"
            "Calc(select=[1 AS x])\n"
            "+- Values(tuples=[[{ 0 }]], values=[ZERO])\n"
            "\n== Optimized Execution Plan ==\n"
            "Calc(select=[1 AS x])\n"
            "+- Values(tuples=[[{ 0 }]], values=[ZERO])\n");
}

// The abstract syntax tree follows TableSinkTest.xml.
TEST_F(SqlExplainTest, InsertOfAnAggregate) {
  EXPECT_EQ(explain("INSERT INTO s SELECT a, COUNT(*) AS cnt FROM T GROUP BY a"),
            "== Abstract Syntax Tree ==\n"
            "LogicalSink(table=[default_catalog.default_database.s], fields=[a, cnt])\n"
            "+- LogicalAggregate(group=[{0}], cnt=[COUNT()])\n"
            "   +- LogicalProject(a=[$0])\n"
            "      +- LogicalTableScan(table=[[default_catalog, default_database, T]])\n"
            "\n== Optimized Physical Plan ==\n"
            "Sink(table=[default_catalog.default_database.s], fields=[a, cnt], changelogMode=[I,UB,UA])\n"
            "+- GroupAggregate(groupBy=[a], select=[a, COUNT(*) AS cnt], changelogMode=[I,UB,UA])\n"
            "   +- Exchange(distribution=[hash[a]], changelogMode=[I])\n"
            "      +- Calc(select=[a], changelogMode=[I])\n"
            "         +- TableSourceScan(table=[[default_catalog, default_database, T]], fields=[a, b, c], changelogMode=[I])\n"
            "\n== Optimized Execution Plan ==\n"
            "Sink(table=[default_catalog.default_database.s], fields=[a, cnt])\n"
            "+- GroupAggregate(groupBy=[a], select=[a, COUNT(*) AS cnt])\n"
            "   +- Exchange(distribution=[hash[a]])\n"
            "      +- Calc(select=[a])\n"
            "         +- TableSourceScan(table=[[default_catalog, default_database, T]], fields=[a, b, c])\n");
}

}  // namespace
}  // namespace eddy::sql
