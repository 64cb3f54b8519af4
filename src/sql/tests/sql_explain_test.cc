#include <gtest/gtest.h>

#include <memory>
#include <span>
#include <vector>

#include "eddy/table/functions/table_function.h"
#include "eddy/types/data_types.h"
#include "sql/tests/table_test_util.h"

// EXPLAIN as Flink prints it: the abstract syntax tree (Calcite's logical tree of the query
// before optimization), the optimized physical plan with changelogMode=[...] per node, and
// the optimized execution plan, each drawn as Calcite's RelTreeWriter draws a tree. Each
// abstract syntax tree follows the one Flink's planner tests expect for the same query
// shape (flink-table-planner/src/test/resources/org/apache/flink/table/planner/plan/stream/sql/...).

namespace eddy::sql {
namespace {

// Table functions of CorrelateTest.xml's shapes, for plans only: func1(STRING) returns
// STRING rows, split(STRING) ROW<word STRING, length INT> rows.
class TableFunctionOf final : public table::TableFunction {
 public:
  explicit TableFunctionOf(types::LogicalType result) : result_(std::move(result)) {}
  std::vector<table::FunctionSignature> signatures() const override { return {{{types::DataTypes::STRING()}, result_}}; }
  Status eval(size_t, std::span<const types::ColumnVector* const>, size_t, table::TableFunctionOutput&) const override {
    return Status::OK();
  }

 private:
  types::LogicalType result_;
};

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

  // The "== Abstract Syntax Tree ==" section of EXPLAIN, without its heading.
  std::string abstractSyntaxTree(std::string_view sql) {
    const std::string plan = explain(sql, false);
    const std::string heading = "== Abstract Syntax Tree ==\n";
    if (!plan.starts_with(heading)) return plan;
    return plan.substr(heading.size(), plan.find("\n== Optimized Physical Plan ==") - heading.size());
  }

  void enableMiniBatch() {
    for (const char* set : {"SET 'table.exec.mini-batch.enabled' = 'true'",
                            "SET 'table.exec.mini-batch.allow-latency' = '1 s'", "SET 'table.exec.mini-batch.size' = '100'"}) {
      ASSERT_EQ(runSql(*env_, set), "[OK]\n") << set;
    }
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
            "Calc(select=[a, cnt], where=[>(cnt, 1)], changelogMode=[I,UB,UA])\n"
            "+- GroupAggregate(groupBy=[a], select=[a, COUNT(*) AS cnt], changelogMode=[I,UB,UA])\n"
            "   +- Exchange(distribution=[hash[a]], changelogMode=[I])\n"
            "      +- Calc(select=[a], changelogMode=[I])\n"
            "         +- TableSourceScan(table=[[default_catalog, default_database, T]], fields=[a, b, c], changelogMode=[I])\n"
            "\n== Optimized Execution Plan ==\n"
            "Calc(select=[a, cnt], where=[>(cnt, 1)])\n"
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

// The abstract syntax tree follows CorrelateTest.xml (testCrossJoin): the table function
// reads the left row's c as $cor0.c; AS t1(s) renames its EXPR$0 without a node.
TEST_F(SqlExplainTest, LateralTableFunction) {
  ASSERT_TRUE(env_->createTemporarySystemFunction("func1", std::make_shared<TableFunctionOf>(types::DataTypes::STRING())).ok());
  EXPECT_EQ(abstractSyntaxTree("SELECT c, s FROM T, LATERAL TABLE(func1(c)) AS t1(s)"),
            "LogicalProject(c=[$2], s=[$3])\n"
            "+- LogicalCorrelate(correlation=[$cor0], joinType=[inner], requiredColumns=[{2}])\n"
            "   :- LogicalTableScan(table=[[default_catalog, default_database, T]])\n"
            "   +- LogicalTableFunctionScan(invocation=[func1($cor0.c)], rowType=[RecordType(VARCHAR(2147483647) EXPR$0)])\n");
}

// The abstract syntax tree follows CorrelateTest.xml (testLeftOuterJoinWithLiteralTrue) with
// a ROW result, which Calcite prints as a peek_no_expand record.
TEST_F(SqlExplainTest, LeftJoinLateralTableFunction) {
  ASSERT_TRUE(env_->createTemporarySystemFunction(
                      "split", std::make_shared<TableFunctionOf>(types::DataTypes::ROW(
                                   {types::DataTypes::FIELD("word", types::DataTypes::STRING()),
                                    types::DataTypes::FIELD("length", types::DataTypes::INT())})))
                  .ok());
  EXPECT_EQ(abstractSyntaxTree("SELECT c, word, length FROM T LEFT JOIN LATERAL TABLE(split(c)) ON TRUE"),
            "LogicalProject(c=[$2], word=[$3], length=[$4])\n"
            "+- LogicalCorrelate(correlation=[$cor0], joinType=[left], requiredColumns=[{2}])\n"
            "   :- LogicalTableScan(table=[[default_catalog, default_database, T]])\n"
            "   +- LogicalTableFunctionScan(invocation=[split($cor0.c)], "
            "rowType=[RecordType:peek_no_expand(VARCHAR(2147483647) word, INTEGER length)])\n");
}

// The abstract syntax tree follows UnnestTest.xml (testCrossWithUnnest); WITH ORDINALITY
// adds Calcite's withOrdinality to the Uncollect.
TEST_F(SqlExplainTest, CrossJoinUnnest) {
  ASSERT_EQ(runSql(*env_, "CREATE TABLE arrays (a INT, b BIGINT, c ARRAY<STRING>) WITH ('connector' = 'values')"),
            "[OK]\n");
  EXPECT_EQ(abstractSyntaxTree("SELECT a, s FROM arrays, UNNEST(arrays.c) AS A (s)"),
            "LogicalProject(a=[$0], s=[$3])\n"
            "+- LogicalCorrelate(correlation=[$cor0], joinType=[inner], requiredColumns=[{2}])\n"
            "   :- LogicalTableScan(table=[[default_catalog, default_database, arrays]])\n"
            "   +- LogicalProject(s=[$0])\n"
            "      +- Uncollect\n"
            "         +- LogicalProject(c=[$cor0.c])\n"
            "            +- LogicalValues(tuples=[[{ 0 }]])\n");
  EXPECT_EQ(abstractSyntaxTree("SELECT a, s, o FROM arrays CROSS JOIN UNNEST(c) WITH ORDINALITY AS A (s, o)"),
            "LogicalProject(a=[$0], s=[$3], o=[$4])\n"
            "+- LogicalCorrelate(correlation=[$cor0], joinType=[inner], requiredColumns=[{2}])\n"
            "   :- LogicalTableScan(table=[[default_catalog, default_database, arrays]])\n"
            "   +- LogicalProject(s=[$0], o=[$1])\n"
            "      +- Uncollect(withOrdinality=[true])\n"
            "         +- LogicalProject(c=[$cor0.c])\n"
            "            +- LogicalValues(tuples=[[{ 0 }]])\n");
}

// The abstract syntax tree follows TemporalJoinTest.xml (testEventTimeTemporalJoin and
// testEventTimeLeftTemporalJoinWithViewWithPredicates): the ON condition filters the
// snapshot of the versioned table, reading the probe side through $cor0.
TEST_F(SqlExplainTest, EventTimeTemporalJoin) {
  ASSERT_EQ(runSql(*env_, "CREATE TABLE Orders (amount BIGINT, currency STRING, rowtime TIMESTAMP(3), "
                          "WATERMARK FOR rowtime AS rowtime) WITH ('connector' = 'values')"),
            "[OK]\n");
  ASSERT_EQ(runSql(*env_, "CREATE TABLE RatesHistoryWithPK (currency STRING, rate BIGINT, rowtime TIMESTAMP(3), "
                          "WATERMARK FOR rowtime AS rowtime, PRIMARY KEY (currency) NOT ENFORCED) "
                          "WITH ('connector' = 'values', 'changelog-mode' = 'I,UA,D')"),
            "[OK]\n");
  EXPECT_EQ(abstractSyntaxTree("SELECT * FROM Orders AS o JOIN RatesHistoryWithPK FOR SYSTEM_TIME AS OF o.rowtime AS r "
                               "ON o.currency = r.currency"),
            "LogicalProject(amount=[$0], currency=[$1], rowtime=[$2], currency0=[$3], rate=[$4], rowtime0=[$5])\n"
            "+- LogicalCorrelate(correlation=[$cor0], joinType=[inner], requiredColumns=[{1, 2}])\n"
            "   :- LogicalWatermarkAssigner(rowtime=[rowtime], watermark=[$2])\n"
            "   :  +- LogicalTableScan(table=[[default_catalog, default_database, Orders]])\n"
            "   +- LogicalFilter(condition=[=($cor0.currency, $0)])\n"
            "      +- LogicalSnapshot(period=[$cor0.rowtime])\n"
            "         +- LogicalWatermarkAssigner(rowtime=[rowtime], watermark=[$2])\n"
            "            +- LogicalTableScan(table=[[default_catalog, default_database, RatesHistoryWithPK]])\n");
  EXPECT_EQ(abstractSyntaxTree("SELECT * FROM Orders AS o LEFT JOIN RatesHistoryWithPK FOR SYSTEM_TIME AS OF o.rowtime "
                               "AS r ON o.currency = r.currency AND amount > 10 AND r.rate < 100"),
            "LogicalProject(amount=[$0], currency=[$1], rowtime=[$2], currency0=[$3], rate=[$4], rowtime0=[$5])\n"
            "+- LogicalCorrelate(correlation=[$cor0], joinType=[left], requiredColumns=[{0, 1, 2}])\n"
            "   :- LogicalWatermarkAssigner(rowtime=[rowtime], watermark=[$2])\n"
            "   :  +- LogicalTableScan(table=[[default_catalog, default_database, Orders]])\n"
            "   +- LogicalFilter(condition=[AND(=($cor0.currency, $0), >($cor0.amount, 10), <($1, 100))])\n"
            "      +- LogicalSnapshot(period=[$cor0.rowtime])\n"
            "         +- LogicalWatermarkAssigner(rowtime=[rowtime], watermark=[$2])\n"
            "            +- LogicalTableScan(table=[[default_catalog, default_database, RatesHistoryWithPK]])\n");
}

// The abstract syntax tree follows GroupingSetsTest.xml (testCube, without GROUP_ID()); the
// identity projection above the aggregate is left out.
TEST_F(SqlExplainTest, Cube) {
  EXPECT_EQ(abstractSyntaxTree("SELECT b, c, AVG(a) AS a, GROUPING(b) AS gb, GROUPING(c) AS gc, GROUPING_ID(b) AS gib, "
                               "GROUPING_ID(c) AS gic, GROUPING_ID(b, c) AS gid FROM T GROUP BY CUBE (b, c)"),
            "LogicalAggregate(group=[{0, 1}], groups=[[{0, 1}, {0}, {1}, {}]], a=[AVG($2)], gb=[GROUPING($0)], "
            "gc=[GROUPING($1)], gib=[GROUPING_ID($0)], gic=[GROUPING_ID($1)], gid=[GROUPING_ID($0, $1)])\n"
            "+- LogicalProject(b=[$1], c=[$2], a=[$0])\n"
            "   +- LogicalTableScan(table=[[default_catalog, default_database, T]])\n");
}

// The abstract syntax tree follows GroupingSetsTest.xml (testAllowExpressionInRollup2): the
// grouped expressions take the names of the select items that are the same expressions.
TEST_F(SqlExplainTest, RollupOfExpressions) {
  EXPECT_EQ(abstractSyntaxTree("SELECT MOD(a, 20) AS d, COUNT(*) AS c, b AS g FROM T GROUP BY ROLLUP(MOD(a, 20), b)"),
            "LogicalProject(d=[$0], c=[$2], g=[$1])\n"
            "+- LogicalAggregate(group=[{0, 1}], groups=[[{0, 1}, {0}, {}]], c=[COUNT()])\n"
            "   +- LogicalProject(d=[MOD($0, 20)], g=[$1])\n"
            "      +- LogicalTableScan(table=[[default_catalog, default_database, T]])\n");
}

// RankTest.xml (testNestedTopN): over the update-only output of a two-phase aggregation,
// partitioned inside its grouping keys and sorted by a count, the Rank takes
// UpdateFastStrategy as over a one-phase GroupAggregate, and the aggregation sends no -U.
TEST_F(SqlExplainTest, TopNOverTwoPhaseAggregateUpdatesFast) {
  enableMiniBatch();
  const std::string plan = explain("SELECT a, b, cnt FROM (SELECT a, b, cnt, ROW_NUMBER() OVER (PARTITION BY a ORDER BY "
                                   "cnt DESC) AS rn FROM (SELECT a, b, COUNT(*) AS cnt FROM T GROUP BY a, b)) WHERE rn <= 10");
  EXPECT_NE(plan.find("Rank(strategy=[UpdateFastStrategy[0,1]], rankType=[ROW_NUMBER], rankRange=[rankStart=1, "
                      "rankEnd=10], partitionBy=[a], orderBy=[cnt DESC], select=[a, b, cnt], changelogMode=[I,UB,UA,D])\n"),
            std::string::npos)
      << plan;
  EXPECT_NE(plan.find("GlobalGroupAggregate(groupBy=[a, b], select=[a, b, COUNT(count1$0) AS cnt], "
                      "changelogMode=[I,UA])\n"),
            std::string::npos)
      << plan;
}

// With mini-batch a Deduplicate keeps Flink's digest (DeduplicateTest.xml,
// testMiniBatchInferFirstRowOnRowtime).
TEST_F(SqlExplainTest, MiniBatchDeduplicate) {
  enableMiniBatch();
  const std::string plan = explain("SELECT a, b FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY a ORDER BY rowtime) "
                                   "AS rank_num FROM MyTable) WHERE rank_num <= 1", false);
  EXPECT_NE(plan.find("Deduplicate(keep=[FirstRow], key=[a], order=[ROWTIME])\n"), std::string::npos) << plan;
}

}  // namespace
}  // namespace eddy::sql
