#include <gtest/gtest.h>

#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

// OVER aggregation on rowtime: ROWS and RANGE frames, bounded and unbounded, a named
// WINDOW, late rows, and Flink's errors for what it refuses.
class SqlOverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    ASSERT_EQ(runSql(*env_, "CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) "
                            "WITH ('connector' = 'values', 'data-id' = 't')"),
              "[OK]\n");
  }

  void registerRows() {
    ValuesData::registerData("t", {insertRow({"a", "1", "2024-01-01 10:00:01"}), insertRow({"a", "2", "2024-01-01 10:00:03"}),
                                   insertRow({"b", "5", "2024-01-01 10:00:02"}), insertRow({"a", "3", "2024-01-01 10:00:03"}),
                                   insertRow({"a", "4", "2024-01-01 10:00:07"})});
  }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlOverTest, RowsBoundedPrecedingSlidesOverRows) {
  registerRows();
  EXPECT_EQ(runSql(*env_, "SELECT k, v, SUM(v) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) "
                          "FROM t"),
            "+I[a, 1, 1]\n+I[b, 5, 5]\n+I[a, 2, 3]\n+I[a, 3, 5]\n+I[a, 4, 7]\n");
}

TEST_F(SqlOverTest, RowsUnboundedPrecedingCountsEveryRowOnItsOwn) {
  registerRows();
  EXPECT_EQ(runSql(*env_, "SELECT k, v, COUNT(*) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND "
                          "CURRENT ROW) AS cnt FROM t"),
            "+I[a, 1, 1]\n+I[b, 5, 1]\n+I[a, 2, 2]\n+I[a, 3, 3]\n+I[a, 4, 4]\n");
}

TEST_F(SqlOverTest, RangeBoundedPrecedingGivesPeersTheSameResult) {
  registerRows();
  EXPECT_EQ(runSql(*env_, "SELECT k, v, COUNT(*) OVER w, MAX(v) OVER w FROM t "
                          "WINDOW w AS (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '2' SECOND PRECEDING AND "
                          "CURRENT ROW)"),
            "+I[a, 1, 1, 1]\n+I[b, 5, 1, 5]\n+I[a, 2, 3, 3]\n+I[a, 3, 3, 3]\n+I[a, 4, 1, 4]\n");
}

TEST_F(SqlOverTest, TheDefaultFrameIsRangeUnboundedPreceding) {
  registerRows();
  EXPECT_EQ(runSql(*env_, "SELECT k, v, COUNT(v) OVER w AS c, SUM(v) OVER w AS s FROM t "
                          "WINDOW w AS (PARTITION BY k ORDER BY ts)"),
            "+I[a, 1, 1, 1]\n+I[b, 5, 1, 5]\n+I[a, 2, 3, 6]\n+I[a, 3, 3, 6]\n+I[a, 4, 4, 10]\n");
}

TEST_F(SqlOverTest, RowsNotAfterTheLastFiredRowtimeAreLate) {
  ValuesData::registerData("t", {insertRow({"a", "1", "2024-01-01 10:00:05"}),
                                 ValuesElement::watermarkAt(1704103205000),  // 10:00:05
                                 insertRow({"a", "2", "2024-01-01 10:00:04"}),
                                 insertRow({"a", "3", "2024-01-01 10:00:06"})});
  EXPECT_EQ(runSql(*env_, "SELECT v, COUNT(*) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND "
                          "CURRENT ROW) FROM t"),
            "+I[1, 1]\n+I[3, 2]\n");
}

TEST_F(SqlOverTest, ExplainShowsTheOverAggregate) {
  Result<std::string> plan = env_->explainSql(
      "SELECT k, v, SUM(v) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t", true);
  ASSERT_TRUE(plan.ok()) << plan.status().toString();
  EXPECT_NE(plan->find("OverAggregate(partitionBy=[k], orderBy=[ts ASC], window=[ ROWS BETWEEN 1 PRECEDING AND CURRENT "
                       "ROW], select=[k, v, ts, SUM(v) AS w0$o0], changelogMode=[I])"),
            std::string::npos)
      << *plan;
}

TEST_F(SqlOverTest, FlinksErrorsForWhatItRefuses) {
  EXPECT_EQ(runSql(*env_, "SELECT COUNT(*) OVER (PARTITION BY k ORDER BY v) FROM t"),
            "ERROR: OVER windows' ordering in stream mode must be defined on a time attribute.");
  EXPECT_EQ(runSql(*env_, "SELECT COUNT(*) OVER (PARTITION BY k ORDER BY ts DESC) FROM t"),
            "ERROR: The window can only be ordered in ASCENDING mode.");
  EXPECT_EQ(runSql(*env_, "SELECT COUNT(*) OVER (ORDER BY ts ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) FROM t"),
            "ERROR: OVER ROW FOLLOWING windows are not supported yet.");
  EXPECT_EQ(runSql(*env_, "SELECT COUNT(*) OVER (ORDER BY ts), SUM(v) OVER (PARTITION BY k ORDER BY ts) FROM t"),
            "ERROR: Over Agg: Unsupported use of OVER windows. All aggregates must be computed on the same window.");
}

}  // namespace
}  // namespace eddy::sql
