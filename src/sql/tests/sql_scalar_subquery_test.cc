// The plans of scalar subqueries (a LEFT join with the subquery's aggregate, Calcite's
// SubQueryRemoveRule and decorrelation), GROUPING SETS (an expansion keyed by $e) and
// SELECT DISTINCT over an aggregate; their results are in test/sql/subquery_scalar.test,
// test/sql/grouping_sets.test and test/sql/distinct_aggregate.test.
#include <gtest/gtest.h>

#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

class SqlScalarSubqueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    ValuesData::registerData("emp", {insertRow({"1", "10", "100"}), insertRow({"2", "10", "200"}), insertRow({"3", "20", "300"})});
    ValuesData::registerData("dept", {insertRow({"10", "eng"}), insertRow({"30", "hr"})});
    ASSERT_EQ(runSql(*env_, "CREATE TABLE emp (id INT, dept INT, salary INT) WITH ('connector' = 'values', 'data-id' = 'emp')"),
              "[OK]\n");
    ASSERT_EQ(runSql(*env_, "CREATE TABLE dept (id INT, name STRING) WITH ('connector' = 'values', 'data-id' = 'dept')"),
              "[OK]\n");
  }

  std::string plan(std::string_view sql) { return optimizedPhysicalPlan(*env_, sql); }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlScalarSubqueryTest, UncorrelatedAggregateIsALeftJoinOnTrue) {
  EXPECT_EQ(plan("SELECT id, (SELECT MAX(salary) AS m FROM emp) AS top FROM emp"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[id, m AS top])\n"
            "+- Join(joinType=[LeftOuterJoin], where=[true], select=[id, dept, salary, m], leftInputSpec=[NoUniqueKey], "
            "rightInputSpec=[NoUniqueKey])\n"
            "   :- Exchange(distribution=[single])\n"
            "   :  +- TableSourceScan(table=[[default_catalog, default_database, emp]], fields=[id, dept, salary])\n"
            "   +- Exchange(distribution=[single])\n"
            "      +- GroupAggregate(select=[MAX($f0) AS m])\n"
            "         +- Exchange(distribution=[single])\n"
            "            +- Calc(select=[salary AS $f0])\n"
            "               +- TableSourceScan(table=[[default_catalog, default_database, emp]], fields=[id, dept, salary])");
}

TEST_F(SqlScalarSubqueryTest, AnyOtherSubqueryGoesThroughSingleValue) {
  EXPECT_EQ(plan("SELECT id, (SELECT name FROM dept WHERE id = 10) AS d FROM emp"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[id, $v AS d])\n"
            "+- Join(joinType=[LeftOuterJoin], where=[true], select=[id, dept, salary, $v], leftInputSpec=[NoUniqueKey], "
            "rightInputSpec=[NoUniqueKey])\n"
            "   :- Exchange(distribution=[single])\n"
            "   :  +- TableSourceScan(table=[[default_catalog, default_database, emp]], fields=[id, dept, salary])\n"
            "   +- Exchange(distribution=[single])\n"
            "      +- Calc(select=[SINGLE_VALUE($c, $v) AS $v])\n"
            "         +- GroupAggregate(select=[COUNT(*) AS $c, MAX($f0) AS $v])\n"
            "            +- Exchange(distribution=[single])\n"
            "               +- Calc(select=[name AS $f0], where=[=(id, 10)])\n"
            "                  +- TableSourceScan(table=[[default_catalog, default_database, dept]], fields=[id, name])");
}

TEST_F(SqlScalarSubqueryTest, CorrelatedSubqueryGroupsByTheCorrelatedKey) {
  EXPECT_EQ(plan("SELECT name, (SELECT COUNT(*) FROM emp WHERE emp.dept = dept.id) AS n FROM dept"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[name, CASE(IS NULL($v), 0, $v) AS n])\n"
            "+- Join(joinType=[LeftOuterJoin], where=[=($k0, $k00)], select=[name, $k0, $k00, $v], "
            "leftInputSpec=[NoUniqueKey], rightInputSpec=[NoUniqueKey])\n"
            "   :- Exchange(distribution=[hash[$k0]])\n"
            "   :  +- Calc(select=[name, id AS $k0])\n"
            "   :     +- TableSourceScan(table=[[default_catalog, default_database, dept]], fields=[id, name])\n"
            "   +- Exchange(distribution=[hash[$k0]])\n"
            "      +- Calc(select=[dept AS $k0, $v])\n"
            "         +- GroupAggregate(groupBy=[dept], select=[dept, COUNT(*) AS $v])\n"
            "            +- Exchange(distribution=[hash[dept]])\n"
            "               +- Calc(select=[dept])\n"
            "                  +- TableSourceScan(table=[[default_catalog, default_database, emp]], fields=[id, dept, salary])");
}

TEST_F(SqlScalarSubqueryTest, GroupingSetsExpandTheRowsPerSet) {
  EXPECT_EQ(plan("SELECT dept, id, SUM(salary) AS total FROM emp GROUP BY ROLLUP (dept, id)"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[dept, id, total])\n"
            "+- GroupAggregate(groupBy=[dept, id, $e], select=[dept, id, $e, SUM($f3) AS total])\n"
            "   +- Exchange(distribution=[hash[dept, id, $e]])\n"
            "      +- Calc(select=[$expand0 AS dept, $expand1 AS id, $expand_id AS $e, $f3])\n"
            "         +- Correlate(invocation=[$EXPAND_ROWS$1($cor0.dept, $cor0.id)], "
            "correlate=[table($EXPAND_ROWS$1($cor0.dept,$cor0.id))], select=[dept,id,$e,$f3,$expand0,$expand1,$expand_id], "
            "rowType=[RecordType(INTEGER dept, INTEGER id, BIGINT $e, INTEGER $f3, INTEGER $expand0, INTEGER $expand1, "
            "BIGINT $expand_id)], joinType=[INNER])\n"
            "            +- Calc(select=[dept, id, 0 AS $e, salary AS $f3])\n"
            "               +- TableSourceScan(table=[[default_catalog, default_database, emp]], fields=[id, dept, salary])");
}

TEST_F(SqlScalarSubqueryTest, DistinctOverAnAggregateGroupsItsRows) {
  EXPECT_EQ(plan("SELECT DISTINCT COUNT(*) AS c FROM emp GROUP BY dept"),
            "== Optimized Physical Plan ==\n"
            "GroupAggregate(groupBy=[c], select=[c])\n"
            "+- Exchange(distribution=[hash[c]])\n"
            "   +- Calc(select=[c])\n"
            "      +- GroupAggregate(groupBy=[dept], select=[dept, COUNT(*) AS c])\n"
            "         +- Exchange(distribution=[hash[dept]])\n"
            "            +- Calc(select=[dept])\n"
            "               +- TableSourceScan(table=[[default_catalog, default_database, emp]], fields=[id, dept, salary])");
}

}  // namespace
}  // namespace eddy::sql
