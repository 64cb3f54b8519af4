#include <gtest/gtest.h>

#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

// Plans of Top-N over updating input: the strategy Flink's RankProcessStrategy picks, and
// what it asks of the aggregation below (test/sql/rank_updating.test has the changelogs).
class SqlRankUpdatingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    ASSERT_EQ(runSql(*env_, "CREATE TABLE t (k STRING, v INT) WITH ('connector' = 'values', 'data-id' = 't')"), "[OK]\n");
  }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlRankUpdatingTest, AMonotonicCountInsideTheUpsertKeyTakesTheUpdateFastStrategy) {
  const std::string plan = optimizedPhysicalPlan(
      *env_,
      "SELECT k, cnt, rn FROM (SELECT k, cnt, ROW_NUMBER() OVER (PARTITION BY k ORDER BY cnt DESC) AS rn "
      "FROM (SELECT k, v, COUNT(*) AS cnt FROM t GROUP BY k, v)) WHERE rn <= 2",
      true);
  EXPECT_NE(plan.find("Rank(strategy=[UpdateFastStrategy[0,1]], rankType=[ROW_NUMBER], rankRange=[rankStart=1, "
                      "rankEnd=2], partitionBy=[k], orderBy=[cnt DESC], select=[k, v, cnt, w0$o0], "
                      "changelogMode=[I,UB,UA,D])"),
            std::string::npos)
      << plan;
  // UpdatableTopNFunction needs no UPDATE_BEFORE from its input.
  EXPECT_NE(plan.find("GroupAggregate(groupBy=[k, v], select=[k, v, COUNT(*) AS cnt], changelogMode=[I,UA])"),
            std::string::npos)
      << plan;
}

TEST_F(SqlRankUpdatingTest, ANonMonotonicSortKeyRetracts) {
  const std::string plan = optimizedPhysicalPlan(
      *env_,
      "SELECT k, s FROM (SELECT k, s, ROW_NUMBER() OVER (ORDER BY s DESC) AS rn "
      "FROM (SELECT k, SUM(v) AS s FROM t GROUP BY k)) WHERE rn <= 3",
      true);
  EXPECT_NE(plan.find("Rank(strategy=[RetractStrategy], rankType=[ROW_NUMBER], rankRange=[rankStart=1, rankEnd=3], "
                      "partitionBy=[], orderBy=[s DESC], select=[k, s], changelogMode=[I,UB,UA,D])"),
            std::string::npos)
      << plan;
  // RetractableTopNFunction needs UPDATE_BEFORE.
  EXPECT_NE(plan.find("AS s], changelogMode=[I,UB,UA])"), std::string::npos) << plan;
}

TEST_F(SqlRankUpdatingTest, APartitionOutsideTheUpsertKeyRetracts) {
  const std::string plan = optimizedPhysicalPlan(
      *env_,
      "SELECT v, cnt FROM (SELECT v, cnt, ROW_NUMBER() OVER (PARTITION BY v ORDER BY cnt DESC) AS rn "
      "FROM (SELECT k, MAX(v) AS v, COUNT(*) AS cnt FROM t GROUP BY k)) WHERE rn <= 1",
      true);
  EXPECT_NE(plan.find("Rank(strategy=[RetractStrategy]"), std::string::npos) << plan;
}

TEST_F(SqlRankUpdatingTest, ARankRangeNotStartingAtOneIsPrinted) {
  const std::string plan = optimizedPhysicalPlan(
      *env_, "SELECT k, v FROM (SELECT k, v, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v) AS rn FROM t) WHERE rn BETWEEN 2 AND 4");
  EXPECT_NE(plan.find("Rank(strategy=[AppendFastStrategy], rankType=[ROW_NUMBER], rankRange=[rankStart=2, rankEnd=4], "
                      "partitionBy=[k], orderBy=[v ASC], select=[k, v])"),
            std::string::npos)
      << plan;
}

}  // namespace
}  // namespace eddy::sql
