#include <gtest/gtest.h>

#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

using types::RowKind;

// FIRST_VALUE, LAST_VALUE, LISTAGG, STDDEV/VAR, SUM/AVG DISTINCT, DECIMAL AVG and COUNT of
// several arguments, in group aggregation (with retractions) and in window aggregation.
class SqlAggregateFunctionsTest : public ::testing::Test {
 protected:
  void SetUp() override { ValuesData::clearAll(); }

  // Table w: five rows in one minute, all in TUMBLE window [10:00, 10:01).
  void createWindowTable() {
    ValuesData::registerData("w", {insertRow({"a", "1", "x", "1.0", "1.00", "2024-01-01 10:00:01"}),
                                   insertRow({"a", "2", std::nullopt, "2.0", "2.00", "2024-01-01 10:00:02"}),
                                   insertRow({"a", "2", "y", "3.0", "2.50", "2024-01-01 10:00:03"}),
                                   insertRow({"a", "4", "x", "4.0", std::nullopt, "2024-01-01 10:00:04"}),
                                   insertRow({"b", "7", "z", std::nullopt, "1.00", "2024-01-01 10:00:05"})});
    ASSERT_EQ(runSql(*env_, "CREATE TABLE w (k STRING, v INT, s STRING, d DOUBLE, m DECIMAL(10, 2), ts TIMESTAMP(3), "
                            "WATERMARK FOR ts AS ts) WITH ('connector' = 'values', 'data-id' = 'w')"),
              "[OK]\n");
  }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlAggregateFunctionsTest, FirstValueLastValueAndListaggSkipNullsAndUpdate) {
  ValuesData::registerData("t", {insertRow({"a", "1", "x"}), insertRow({"a", std::nullopt, std::nullopt}),
                                 insertRow({"a", "3", "y"}), insertRow({"b", "2", "z"})});
  ASSERT_EQ(runSql(*env_, "CREATE TABLE t (k STRING, v INT, s STRING) WITH ('connector' = 'values', 'data-id' = 't')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SELECT k, FIRST_VALUE(v), LAST_VALUE(v), LISTAGG(s), LISTAGG(s, '|') FROM t GROUP BY k"),
            "+I[a, 1, 1, x, x]\n"
            "-U[a, 1, 1, x, x]\n"
            "+U[a, 1, 3, x,y, x|y]\n"
            "+I[b, 2, 2, z, z]\n");
}

TEST_F(SqlAggregateFunctionsTest, RetractionsRemoveTheEarliestEqualValue) {
  ValuesData::registerData("t", {insertRow({"a", "1", "x"}), insertRow({"a", "2", "y"}),
                                 changeRow(RowKind::DELETE, {"a", "1", "x"})});
  ASSERT_EQ(runSql(*env_, "CREATE TABLE t (k STRING, v INT, s STRING) WITH ('connector' = 'values', 'data-id' = 't', "
                          "'changelog-mode' = 'I,UB,UA,D')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SELECT k, FIRST_VALUE(v), LAST_VALUE(s), LISTAGG(s) FROM t GROUP BY k"),
            "+I[a, 1, x, x]\n"
            "-U[a, 1, x, x]\n+U[a, 1, y, x,y]\n"
            "-U[a, 1, y, x,y]\n+U[a, 2, y, y]\n");
}

TEST_F(SqlAggregateFunctionsTest, DistinctSumAndAverageRetract) {
  ValuesData::registerData("t", {insertRow({"a", "2"}), insertRow({"a", "2"}), insertRow({"a", "4"}),
                                 changeRow(RowKind::DELETE, {"a", "2"}), changeRow(RowKind::DELETE, {"a", "2"})});
  ASSERT_EQ(runSql(*env_, "CREATE TABLE t (k STRING, v INT) WITH ('connector' = 'values', 'data-id' = 't', "
                          "'changelog-mode' = 'I,UB,UA,D')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SELECT k, SUM(DISTINCT v), AVG(DISTINCT v), COUNT(DISTINCT v) FROM t GROUP BY k"),
            "+I[a, 2, 2, 1]\n"
            "-U[a, 2, 2, 1]\n+U[a, 6, 3, 2]\n"
            "-U[a, 6, 3, 2]\n+U[a, 4, 4, 1]\n");
}

TEST_F(SqlAggregateFunctionsTest, WindowAggregationOfTheNewFunctions) {
  createWindowTable();
  EXPECT_EQ(runSql(*env_, "SELECT k, SUM(DISTINCT v), AVG(DISTINCT v), COUNT(DISTINCT v), COUNT(v, s), "
                          "FIRST_VALUE(s), LAST_VALUE(s), LISTAGG(s, '-') "
                          "FROM w GROUP BY k, TUMBLE(ts, INTERVAL '1' MINUTE)"),
            "+I[a, 7, 2, 3, 3, x, x, x-y-x]\n"
            "+I[b, 7, 7, 1, 1, z, z, z]\n");
}

TEST_F(SqlAggregateFunctionsTest, VarianceAndStandardDeviationKeepTheArgumentType) {
  createWindowTable();
  EXPECT_EQ(runSql(*env_, "SELECT k, VAR_POP(v), VAR_SAMP(v), STDDEV_POP(v), STDDEV_SAMP(v), "
                          "VAR_POP(d), VAR_SAMP(d), STDDEV_POP(d), STDDEV_SAMP(d) "
                          "FROM w GROUP BY k, TUMBLE(ts, INTERVAL '1' MINUTE)"),
            "+I[a, 1, 1, 1, 1, 1.25, 1.6666666666666667, 1.118033988749895, 1.2909944487358056]\n"
            "+I[b, 0, NULL, 0, NULL, NULL, NULL, NULL, NULL]\n");
}

TEST_F(SqlAggregateFunctionsTest, DecimalSumAndAverageUseFlinksPrecision) {
  createWindowTable();
  EXPECT_EQ(runSql(*env_, "SELECT k, SUM(m), AVG(m), AVG(d) FROM w GROUP BY k, TUMBLE(ts, INTERVAL '1' MINUTE)"),
            "+I[a, 5.50, 1.833333, 2.5]\n"
            "+I[b, 1.00, 1.000000, NULL]\n");
}

TEST_F(SqlAggregateFunctionsTest, ListaggTakesStringsOnly) {
  createWindowTable();
  EXPECT_EQ(runSql(*env_, "SELECT LISTAGG(v) FROM w"),
            "ERROR: From line 1, column 8 to line 1, column 17: Cannot apply 'LISTAGG' to arguments of type 'LISTAGG(<INTEGER>)'. Supported "
            "form(s): 'LISTAGG(<STRING>)'");
}

}  // namespace
}  // namespace eddy::sql
