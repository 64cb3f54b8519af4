#include <gtest/gtest.h>

#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

// Top-N (ROW_NUMBER() ... WHERE rn <= N) and deduplication (... WHERE rn = 1 ordered by a
// time attribute) over insert-only input.
class SqlRankTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    ASSERT_EQ(runSql(*env_, "CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), "
                            "WATERMARK FOR ts AS ts) WITH ('connector' = 'values', 'data-id' = 't')"),
              "[OK]\n");
  }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlRankTest, TopNWithTheRowNumberShiftsRanksWithUpdates) {
  ValuesData::registerData("t", {insertRow({"a", "1", "2024-01-01 10:00:01"}), insertRow({"a", "3", "2024-01-01 10:00:02"}),
                                 insertRow({"a", "2", "2024-01-01 10:00:03"}), insertRow({"a", "5", "2024-01-01 10:00:04"}),
                                 insertRow({"b", "4", "2024-01-01 10:00:05"})});
  EXPECT_EQ(runSql(*env_, "SELECT k, v, rn FROM (SELECT k, v, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v DESC) AS rn "
                          "FROM t) WHERE rn <= 2"),
            "+I[a, 1, 1]\n"
            "-U[a, 1, 1]\n+U[a, 3, 1]\n+I[a, 1, 2]\n"
            "-U[a, 1, 2]\n+U[a, 2, 2]\n"
            "-U[a, 3, 1]\n+U[a, 5, 1]\n-U[a, 2, 2]\n+U[a, 3, 2]\n"
            "+I[b, 4, 1]\n");
}

TEST_F(SqlRankTest, TopNWithoutTheRowNumberDeletesWhatFallsOut) {
  ValuesData::registerData("t", {insertRow({"a", "1", "2024-01-01 10:00:01"}), insertRow({"a", "3", "2024-01-01 10:00:02"}),
                                 insertRow({"a", "2", "2024-01-01 10:00:03"}), insertRow({"a", "5", "2024-01-01 10:00:04"}),
                                 insertRow({"a", "0", "2024-01-01 10:00:05"}),
                                 insertRow({"a", std::nullopt, "2024-01-01 10:00:06"}),
                                 insertRow({"b", "4", "2024-01-01 10:00:07"})});
  EXPECT_EQ(runSql(*env_, "SELECT k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v DESC) AS rn "
                          "FROM t) WHERE rn < 3"),
            "+I[a, 1]\n+I[a, 3]\n"
            "-D[a, 1]\n+I[a, 2]\n"
            "-D[a, 2]\n+I[a, 5]\n"
            "+I[b, 4]\n");
}

TEST_F(SqlRankTest, NullsSortFirstAscendingUnlessToldOtherwise) {
  ValuesData::registerData("t", {insertRow({"a", "1", "2024-01-01 10:00:01"}),
                                 insertRow({"a", std::nullopt, "2024-01-01 10:00:02"})});
  EXPECT_EQ(runSql(*env_, "SELECT v FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY v) AS rn FROM t) WHERE rn = 1 + 0"),
            "+I[1]\n-D[1]\n+I[NULL]\n");
  EXPECT_EQ(runSql(*env_, "SELECT v FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY v NULLS LAST) AS rn FROM t) WHERE rn <= 1"),
            "+I[1]\n");
}

TEST_F(SqlRankTest, RowtimeDeduplicationKeepsTheFirstRowByRowtime) {
  ValuesData::registerData("t", {insertRow({"a", "1", "2024-01-01 10:00:02"}), insertRow({"a", "2", "2024-01-01 10:00:01"}),
                                 insertRow({"a", "3", "2024-01-01 10:00:03"}), insertRow({"b", "4", "2024-01-01 10:00:05"})});
  EXPECT_EQ(runSql(*env_, "SELECT k, v, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts ASC) AS rn "
                          "FROM t) WHERE rn = 1"),
            "+I[a, 1, 2024-01-01 10:00:02.000]\n"
            "-U[a, 1, 2024-01-01 10:00:02.000]\n+U[a, 2, 2024-01-01 10:00:01.000]\n"
            "+I[b, 4, 2024-01-01 10:00:05.000]\n");
  EXPECT_EQ(runSql(*env_, "SELECT k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts DESC) AS rn "
                          "FROM t) WHERE rn = 1"),
            "+I[a, 1]\n-U[a, 1]\n+U[a, 3]\n+I[b, 4]\n");
}

TEST_F(SqlRankTest, ANamedWindowAndTheDeduplicationPlan) {
  ValuesData::registerData("t", {insertRow({"a", "1", "2024-01-01 10:00:02"}), insertRow({"a", "2", "2024-01-01 10:00:03"})});
  EXPECT_EQ(runSql(*env_, "SELECT k, v FROM (SELECT k, v, ROW_NUMBER() OVER w AS rn FROM t "
                          "WINDOW w AS (PARTITION BY k ORDER BY ts DESC)) WHERE rn = 1"),
            "+I[a, 1]\n-U[a, 1]\n+U[a, 2]\n");
  Result<std::string> plan = env_->explainSql(
      "SELECT k, v FROM (SELECT k, v, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts) AS rn FROM t) WHERE rn = 1", true);
  ASSERT_TRUE(plan.ok()) << plan.status().toString();
  EXPECT_NE(plan->find("Deduplicate(keep=[FirstRow], key=[k], order=[ROWTIME], changelogMode=[I,UB,UA])"),
            std::string::npos)
      << *plan;
}

TEST_F(SqlRankTest, ExplainShowsTheRank) {
  Result<std::string> plan = env_->explainSql(
      "SELECT k, v, rn FROM (SELECT k, v, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v DESC) AS rn FROM t) "
      "WHERE rn <= 2",
      true);
  ASSERT_TRUE(plan.ok()) << plan.status().toString();
  EXPECT_NE(plan->find("Rank(strategy=[AppendFastStrategy], rankType=[ROW_NUMBER], rankRange=[rankStart=1, rankEnd=2], "
                       "partitionBy=[k], orderBy=[v DESC], select=[k, v, ts, w0$o0], changelogMode=[I,UB,UA,D])"),
            std::string::npos)
      << *plan;
}

TEST_F(SqlRankTest, ARowNumberWithoutAFilterNeedsATimeOrder) {
  EXPECT_EQ(runSql(*env_, "SELECT k, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v) FROM t"),
            "ERROR: OVER windows' ordering in stream mode must be defined on a time attribute.");
}

TEST_F(SqlRankTest, OrderByRowtimeEmitsRowsInTimeOrder) {
  ValuesData::registerData("t", {insertRow({"a", "1", "2024-01-01 10:00:02"}), insertRow({"a", "2", "2024-01-01 10:00:01"}),
                                 insertRow({"b", "3", "2024-01-01 10:00:03"})});
  EXPECT_EQ(runSql(*env_, "SELECT * FROM t ORDER BY ts"),
            "+I[a, 2, 2024-01-01 10:00:01.000]\n+I[a, 1, 2024-01-01 10:00:02.000]\n+I[b, 3, 2024-01-01 10:00:03.000]\n");
  EXPECT_EQ(runSql(*env_, "SELECT * FROM t ORDER BY v"), "ERROR: Sort on a non-time-attribute field is not supported.");
  EXPECT_EQ(runSql(*env_, "SELECT * FROM t ORDER BY ts DESC"), "ERROR: Sort on a non-time-attribute field is not supported.");
}

TEST_F(SqlRankTest, LimitKeepsTheFirstRowsAndSortLimitUpdates) {
  ValuesData::registerData("t", {insertRow({"a", "1", "2024-01-01 10:00:02"}), insertRow({"a", "2", "2024-01-01 10:00:01"}),
                                 insertRow({"b", "3", "2024-01-01 10:00:03"})});
  EXPECT_EQ(runSql(*env_, "SELECT k, v FROM t LIMIT 2"), "+I[a, 1]\n+I[a, 2]\n");
  EXPECT_EQ(runSql(*env_, "SELECT v FROM t ORDER BY v DESC LIMIT 2"), "+I[1]\n+I[2]\n-D[1]\n+I[3]\n");
  Result<std::string> plan = env_->explainSql("SELECT v FROM t ORDER BY v DESC LIMIT 2", true);
  ASSERT_TRUE(plan.ok()) << plan.status().toString();
  EXPECT_NE(plan->find("SortLimit(orderBy=[v DESC], offset=[0], fetch=[2], strategy=[AppendFastStrategy], "
                       "changelogMode=[I,UB,UA,D])"),
            std::string::npos)
      << *plan;
}

}  // namespace
}  // namespace eddy::sql
