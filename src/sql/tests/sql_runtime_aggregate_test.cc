#include <gtest/gtest.h>

#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

using types::RowKind;

class SqlRuntimeAggregateTest : public ::testing::Test {
 protected:
  void SetUp() override { ValuesData::clearAll(); }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlRuntimeAggregateTest, GroupAggregationEmitsInsertsAndUpdates) {
  ValuesData::registerData("t", {insertRow({"a", "1"}), insertRow({"b", "2"}), insertRow({"a", "3"}),
                                 insertRow({"a", "3"})});
  ASSERT_EQ(runSql(*env_, "CREATE TABLE t (k STRING, v INT) WITH ('connector' = 'values', 'data-id' = 't')"), "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SELECT k, COUNT(*) AS cnt, SUM(v), MIN(v), MAX(v), AVG(v) FROM t GROUP BY k"),
            "+I[a, 1, 1, 1, 1, 1]\n"
            "+I[b, 1, 2, 2, 2, 2]\n"
            "-U[a, 1, 1, 1, 1, 1]\n"
            "+U[a, 2, 4, 1, 3, 2]\n"
            "-U[a, 2, 4, 1, 3, 2]\n"
            "+U[a, 3, 7, 1, 3, 2]\n");
}

TEST_F(SqlRuntimeAggregateTest, RetractionsUpdateAndDeleteGroups) {
  ValuesData::registerData("t", {insertRow({"a", "1"}), insertRow({"a", "5"}), changeRow(RowKind::UPDATE_BEFORE, {"a", "5"}),
                                 changeRow(RowKind::UPDATE_AFTER, {"a", "2"}), changeRow(RowKind::DELETE, {"a", "1"}),
                                 changeRow(RowKind::DELETE, {"a", "2"})});
  ASSERT_EQ(runSql(*env_, "CREATE TABLE t (k STRING, v INT) WITH ('connector' = 'values', 'data-id' = 't', "
                          "'changelog-mode' = 'I,UB,UA,D')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SELECT k, COUNT(v), MAX(v) FROM t GROUP BY k"),
            "+I[a, 1, 1]\n"
            "-U[a, 1, 1]\n+U[a, 2, 5]\n"
            "-U[a, 2, 5]\n+U[a, 1, 1]\n"
            "-U[a, 1, 1]\n+U[a, 2, 2]\n"
            "-U[a, 2, 2]\n+U[a, 1, 2]\n"
            "-D[a, 1, 2]\n");
}

TEST_F(SqlRuntimeAggregateTest, UnchangedResultsEmitNothing) {
  ValuesData::registerData("t", {insertRow({"a", "1"}), insertRow({"a", "1"})});
  ASSERT_EQ(runSql(*env_, "CREATE TABLE t (k STRING, v INT) WITH ('connector' = 'values', 'data-id' = 't')"), "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SELECT k, MAX(v) FROM t GROUP BY k"), "+I[a, 1]\n");
}

TEST_F(SqlRuntimeAggregateTest, GlobalAggregationHavingDistinctAndFilter) {
  ValuesData::registerData("t", {insertRow({"a", "1"}), insertRow({"b", "1"}), insertRow({"a", "2"})});
  ASSERT_EQ(runSql(*env_, "CREATE TABLE t (k STRING, v INT) WITH ('connector' = 'values', 'data-id' = 't')"), "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SELECT COUNT(DISTINCT v), COUNT(*) FILTER (WHERE k = 'a') FROM t"),
            "+I[1, 1]\n-U[1, 1]\n+U[2, 2]\n");
  EXPECT_EQ(runSql(*env_, "SELECT k, SUM(v) FROM t GROUP BY k HAVING SUM(v) > 1"), "+U[a, 3]\n");
  EXPECT_EQ(runSql(*env_, "SELECT DISTINCT k FROM t"), "+I[a]\n+I[b]\n");
}

TEST_F(SqlRuntimeAggregateTest, AnInsertOnlySinkRefusesUpdates) {
  ValuesData::registerData("t", {insertRow({"a", "1"})});
  ASSERT_EQ(runSql(*env_, "CREATE TABLE t (a STRING, v INT) WITH ('connector' = 'values', 'data-id' = 't')"), "[OK]\n");
  ASSERT_EQ(runSql(*env_, "CREATE TABLE x (a STRING, cnt BIGINT) WITH ('connector' = 'values')"), "[OK]\n");
  EXPECT_EQ(runSql(*env_, "INSERT INTO x SELECT a, COUNT(*) AS cnt FROM t GROUP BY a"),
            "ERROR: Table sink 'default_catalog.default_database.x' doesn't support consuming update changes which is "
            "produced by node GroupAggregate(groupBy=[a], select=[a, COUNT(*) AS cnt])");
}

TEST_F(SqlRuntimeAggregateTest, ExplainShowsChangelogModes) {
  ValuesData::registerData("t", {});
  ASSERT_EQ(runSql(*env_, "CREATE TABLE t (a STRING, v INT) WITH ('connector' = 'values', 'data-id' = 't')"), "[OK]\n");
  Result<std::string> plan = env_->explainSql("SELECT a, COUNT(*) AS cnt FROM t WHERE v > 0 GROUP BY a", true);
  ASSERT_TRUE(plan.ok()) << plan.status().toString();
  EXPECT_EQ(*plan,
            "== Abstract Syntax Tree ==\n"
            "LogicalAggregate(group=[{0}], cnt=[COUNT()])\n"
            "+- LogicalProject(a=[$0])\n"
            "   +- LogicalFilter(condition=[>($1, 0)])\n"
            "      +- LogicalTableScan(table=[[default_catalog, default_database, t]])\n"
            "\n== Optimized Physical Plan ==\n"
            "GroupAggregate(groupBy=[a], select=[a, COUNT(*) AS cnt], changelogMode=[I,UB,UA])\n"
            "+- Exchange(distribution=[hash[a]], changelogMode=[I])\n"
            "   +- Calc(select=[a], where=[>(v, 0)], changelogMode=[I])\n"
            "      +- TableSourceScan(table=[[default_catalog, default_database, t]], fields=[a, v], changelogMode=[I])\n"
            "\n== Optimized Execution Plan ==\n"
            "GroupAggregate(groupBy=[a], select=[a, COUNT(*) AS cnt])\n"
            "+- Exchange(distribution=[hash[a]])\n"
            "   +- Calc(select=[a], where=[>(v, 0)])\n"
            "      +- TableSourceScan(table=[[default_catalog, default_database, t]], fields=[a, v])\n");
}

}  // namespace
}  // namespace eddy::sql
