#include <gtest/gtest.h>

#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

// Constant folding at planning (reduce_expressions.h): what EXPLAIN shows and what runs.
class SqlReduceExpressionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    ASSERT_EQ(runSql(*env_, "CREATE TABLE t (a INT, b BIGINT, s STRING) WITH ('connector' = 'values', 'data-id' = 't')"),
              "[OK]\n");
    ValuesData::registerData("t", {insertRow({"1", "10", "x"}), insertRow({"2", "20", "y"})});
  }

  std::string plan(std::string_view sql) { return optimizedPhysicalPlan(*env_, sql); }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlReduceExpressionsTest, CastsAndCallsOfLiteralsBecomeLiterals) {
  const char* query = "SELECT a, CAST(7919 AS BIGINT) AS k, 1 + 2 AS three, UPPER('ab') || 'c' AS u, b * 7919 AS m FROM t";
  EXPECT_EQ(plan(query),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[a, 7919 AS k, 3 AS three, 'ABc' AS u, *(b, 7919) AS m])\n"
            "+- TableSourceScan(table=[[default_catalog, default_database, t]], fields=[a, b, s])");
  EXPECT_EQ(runSql(*env_, query), "+I[1, 7919, 3, ABc, 79190]\n+I[2, 7919, 3, ABc, 158380]\n");
}

// An implicit CAST of a literal to the type of the other operand folds too: `b > 1` shows as
// Flink (Calcite compares INT and BIGINT without a CAST) shows it.
TEST_F(SqlReduceExpressionsTest, ImplicitCastsOfLiteralsFold) {
  EXPECT_EQ(plan("SELECT a FROM t WHERE b > 1 AND s <> 'x'"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[a], where=[AND(>(b, 1), <>(s, 'x'))])\n"
            "+- TableSourceScan(table=[[default_catalog, default_database, t]], fields=[a, b, s])");
}

// Flink keeps an expression it cannot reduce (ExpressionReducer): the CAST fails when the job
// runs, not when it is planned, and the node's other constant expressions stay too.
TEST_F(SqlReduceExpressionsTest, AnExpressionThatFailsStaysForTheRuntime) {
  const char* query = "SELECT a, CAST('x' AS INT) AS bad, CAST(7919 AS BIGINT) AS k FROM t";
  EXPECT_EQ(plan(query),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[a, CAST('x'):INT NOT NULL AS bad, CAST(7919):BIGINT NOT NULL AS k])\n"
            "+- TableSourceScan(table=[[default_catalog, default_database, t]], fields=[a, b, s])");
  EXPECT_EQ(runSql(*env_, query),
            "ERROR: operator 'Calc(select=[a, CAST('x'):INT NOT NULL AS bad, CAST(7919):BIGINT NOT NULL AS k])' failed: "
            "java.lang.NumberFormatException: For input string: \"x\"");
}

// PROCTIME() is evaluated per row, never at planning.
TEST_F(SqlReduceExpressionsTest, NonDeterministicCallsStay) {
  EXPECT_EQ(plan("SELECT a, PROCTIME() IS NOT NULL AS p FROM t"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[a, IS NOT NULL(PROCTIME()) AS p])\n"
            "+- TableSourceScan(table=[[default_catalog, default_database, t]], fields=[a, b, s])");
}

}  // namespace
}  // namespace eddy::sql
