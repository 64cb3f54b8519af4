#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <thread>

#include "sql/tests/checkpoint_round_trip.h"

namespace eddy::sql {
namespace {

// Plans with 'table.exec.mini-batch.*' (Flink's MiniBatchIntervalInferTest and
// TwoStageAggregateTest); results and changelogs are in test/sql/mini_batch.test.
class SqlMiniBatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    Configuration configuration;
    configuration.setString("table.exec.mini-batch.enabled", "true");
    configuration.setString("table.exec.mini-batch.allow-latency", "5 s");
    configuration.setString("table.exec.mini-batch.size", "3");
    env_ = table::TableEnvironment::create(configuration);
    EXPECT_EQ(runSql(*env_, "CREATE TABLE t (a STRING, b INT, c BIGINT) WITH ('connector' = 'values', 'data-id' = 't')"),
              "[OK]\n");
  }

  std::string plan(std::string_view sql) { return optimizedPhysicalPlan(*env_, sql); }

  std::unique_ptr<table::TableEnvironment> env_;
};

TEST_F(SqlMiniBatchTest, TwoPhaseAggregationSplitsAroundTheExchange) {
  EXPECT_EQ(plan("SELECT a, COUNT(*) AS cnt FROM t GROUP BY a"),
            "== Optimized Physical Plan ==\n"
            "GlobalGroupAggregate(groupBy=[a], select=[a, COUNT(count1$0) AS cnt])\n"
            "+- Exchange(distribution=[hash[a]])\n"
            "   +- LocalGroupAggregate(groupBy=[a], select=[a, COUNT(*) AS count1$0])\n"
            "      +- Calc(select=[a])\n"
            "         +- MiniBatchAssigner(interval=[5000ms], mode=[ProcTime])\n"
            "            +- TableSourceScan(table=[[default_catalog, default_database, t]], fields=[a, b, c])");
}

TEST_F(SqlMiniBatchTest, AccumulatorsAreNamedAsFlinkNamesThem) {
  EXPECT_EQ(plan("SELECT a, COUNT(b), SUM(b), AVG(c), MIN(b), MAX(c), COUNT(DISTINCT b) FROM t GROUP BY a"),
            "== Optimized Physical Plan ==\n"
            "GlobalGroupAggregate(groupBy=[a], select=[a, COUNT(count$0) AS EXPR$1, SUM(sum$1) AS EXPR$2, "
            "AVG((sum$2, count$3)) AS EXPR$3, MIN(min$4) AS EXPR$4, MAX(max$5) AS EXPR$5, "
            "COUNT(distinct$0 count$6) AS EXPR$6])\n"
            "+- Exchange(distribution=[hash[a]])\n"
            "   +- LocalGroupAggregate(groupBy=[a], select=[a, COUNT($f1) AS count$0, SUM($f1) AS sum$1, "
            "AVG($f2) AS (sum$2, count$3), MIN($f1) AS min$4, MAX($f2) AS max$5, COUNT(distinct$0 $f1) AS count$6, "
            "DISTINCT($f1) AS distinct$0])\n"
            "      +- Calc(select=[a, b AS $f1, c AS $f2])\n"
            "         +- MiniBatchAssigner(interval=[5000ms], mode=[ProcTime])\n"
            "            +- TableSourceScan(table=[[default_catalog, default_database, t]], fields=[a, b, c])");
}

TEST_F(SqlMiniBatchTest, WithoutKeysTheGlobalPhaseTakesASingleExchange) {
  EXPECT_EQ(plan("SELECT COUNT(b) FROM t"),
            "== Optimized Physical Plan ==\n"
            "GlobalGroupAggregate(select=[COUNT(count$0) AS EXPR$0])\n"
            "+- Exchange(distribution=[single])\n"
            "   +- LocalGroupAggregate(select=[COUNT($f0) AS count$0])\n"
            "      +- Calc(select=[b AS $f0])\n"
            "         +- MiniBatchAssigner(interval=[5000ms], mode=[ProcTime])\n"
            "            +- TableSourceScan(table=[[default_catalog, default_database, t]], fields=[a, b, c])");
}

TEST_F(SqlMiniBatchTest, OverRetractionsTheLocalPhaseCountsRowsAndNamesRetractingFunctions) {
  EXPECT_EQ(plan("SELECT cnt, SUM(b), MAX(b) FROM (SELECT a, COUNT(*) AS cnt, MIN(b) AS b FROM t GROUP BY a) "
                 "GROUP BY cnt"),
            "== Optimized Physical Plan ==\n"
            "GlobalGroupAggregate(groupBy=[cnt], select=[cnt, SUM_RETRACT((sum$0, count$1)) AS EXPR$1, "
            "MAX_RETRACT(max$2) AS EXPR$2])\n"
            "+- Exchange(distribution=[hash[cnt]])\n"
            "   +- LocalGroupAggregate(groupBy=[cnt], select=[cnt, SUM_RETRACT($f1) AS (sum$0, count$1), "
            "MAX_RETRACT($f1) AS max$2, COUNT_RETRACT(*) AS count1$3])\n"
            "      +- Calc(select=[cnt, b AS $f1])\n"
            "         +- GlobalGroupAggregate(groupBy=[a], select=[a, COUNT(count1$0) AS cnt, MIN(min$1) AS b])\n"
            "            +- Exchange(distribution=[hash[a]])\n"
            "               +- LocalGroupAggregate(groupBy=[a], select=[a, COUNT(*) AS count1$0, MIN($f1) AS min$1])\n"
            "                  +- Calc(select=[a, b AS $f1])\n"
            "                     +- MiniBatchAssigner(interval=[5000ms], mode=[ProcTime])\n"
            "                        +- TableSourceScan(table=[[default_catalog, default_database, t]], "
            "fields=[a, b, c])");
}

TEST_F(SqlMiniBatchTest, OnePhaseKeepsTheGroupAggregate) {
  ASSERT_EQ(runSql(*env_, "SET 'table.optimizer.agg-phase-strategy' = 'ONE_PHASE'"), "[OK]\n");
  EXPECT_EQ(plan("SELECT a, COUNT(*) AS cnt FROM t GROUP BY a"),
            "== Optimized Physical Plan ==\n"
            "GroupAggregate(groupBy=[a], select=[a, COUNT(*) AS cnt])\n"
            "+- Exchange(distribution=[hash[a]])\n"
            "   +- Calc(select=[a])\n"
            "      +- MiniBatchAssigner(interval=[5000ms], mode=[ProcTime])\n"
            "         +- TableSourceScan(table=[[default_catalog, default_database, t]], fields=[a, b, c])");
}

TEST_F(SqlMiniBatchTest, CallsThatCannotMergeStayInOnePhase) {
  EXPECT_EQ(plan("SELECT a, SUM(DISTINCT b), LISTAGG(a) FROM t GROUP BY a"),
            "== Optimized Physical Plan ==\n"
            "GroupAggregate(groupBy=[a], select=[a, SUM(DISTINCT $f1) AS EXPR$1, LISTAGG($f2) AS EXPR$2])\n"
            "+- Exchange(distribution=[hash[a]])\n"
            "   +- Calc(select=[a, b AS $f1, a AS $f2])\n"
            "      +- MiniBatchAssigner(interval=[5000ms], mode=[ProcTime])\n"
            "         +- TableSourceScan(table=[[default_catalog, default_database, t]], fields=[a, b, c])");
}

TEST_F(SqlMiniBatchTest, TwoPhaseNeedsMiniBatch) {
  ASSERT_EQ(runSql(*env_, "SET 'table.exec.mini-batch.enabled' = 'false'"), "[OK]\n");
  ASSERT_EQ(runSql(*env_, "SET 'table.optimizer.agg-phase-strategy' = 'TWO_PHASE'"), "[OK]\n");
  EXPECT_EQ(plan("SELECT a, COUNT(*) AS cnt FROM t GROUP BY a"),
            "== Optimized Physical Plan ==\n"
            "GroupAggregate(groupBy=[a], select=[a, COUNT(*) AS cnt])\n"
            "+- Exchange(distribution=[hash[a]])\n"
            "   +- Calc(select=[a])\n"
            "      +- TableSourceScan(table=[[default_catalog, default_database, t]], fields=[a, b, c])");
}

TEST_F(SqlMiniBatchTest, AnOperatorOnEventTimeMakesTheAssignerFollowWatermarks) {
  ASSERT_EQ(runSql(*env_, "CREATE TABLE clicks (u STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' "
                          "SECOND) WITH ('connector' = 'values', 'data-id' = 'clicks')"),
            "[OK]\n");
  EXPECT_EQ(plan("SELECT window_start, u, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '5' "
                 "SECOND)) GROUP BY window_start, window_end, u"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[window_start, u, EXPR$2])\n"
            "+- WindowAggregate(groupBy=[u], window=[TUMBLE(win_start=[window_start], win_end=[window_end], size=[5 s])], "
            "select=[u, COUNT(*) AS EXPR$2, start('w$) AS window_start, end('w$) AS window_end, rowtime('w$) AS "
            "window_time])\n"
            "   +- Exchange(distribution=[hash[u]])\n"
            "      +- Calc(select=[u, window_start, window_end])\n"
            "         +- WindowTableFunction(window=[TUMBLE(time_col=[ts], size=[5 s])])\n"
            "            +- MiniBatchAssigner(interval=[5000ms], mode=[RowTime])\n"
            "               +- WatermarkAssigner(rowtime=[ts], watermark=[-(ts, PT1S)])\n"
            "                  +- TableSourceScan(table=[[default_catalog, default_database, clicks]], fields=[u, ts])");
  // A group window aggregation takes no mini-batch (Flink's NO_MINIBATCH).
  EXPECT_EQ(plan("SELECT u, COUNT(*) FROM clicks GROUP BY u, TUMBLE(ts, INTERVAL '5' SECOND)"),
            "== Optimized Physical Plan ==\n"
            "GroupWindowAggregate(groupBy=[u], window=[TumblingGroupWindow('w$, ts, 5000)], select=[u, COUNT(*) AS "
            "EXPR$1])\n"
            "+- Exchange(distribution=[hash[u]])\n"
            "   +- WatermarkAssigner(rowtime=[ts], watermark=[-(ts, PT1S)])\n"
            "      +- TableSourceScan(table=[[default_catalog, default_database, clicks]], fields=[u, ts])");
}

// As Flink's DeduplicateTest (testMiniBatchInferLastRowOnRowtime): a deduplication on the
// rowtime attribute needs watermarks, so the assigner above the WatermarkAssigner follows them.
TEST_F(SqlMiniBatchTest, ARowtimeDeduplicationMakesTheAssignerFollowWatermarks) {
  ASSERT_EQ(runSql(*env_, "CREATE TABLE wm (a INT, b STRING, rowtime TIMESTAMP(3), WATERMARK FOR rowtime AS rowtime) "
                          "WITH ('connector' = 'values', 'data-id' = 'wm')"),
            "[OK]\n");
  EXPECT_EQ(plan("SELECT a, b FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY a ORDER BY rowtime DESC) AS rn FROM wm) "
                 "WHERE rn = 1"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[a, b])\n"
            "+- Deduplicate(keep=[LastRow], key=[a], order=[ROWTIME])\n"
            "   +- Exchange(distribution=[hash[a]])\n"
            "      +- MiniBatchAssigner(interval=[5000ms], mode=[RowTime])\n"
            "         +- WatermarkAssigner(rowtime=[rowtime], watermark=[rowtime])\n"
            "            +- TableSourceScan(table=[[default_catalog, default_database, wm]], fields=[a, b, rowtime])");
}

TEST_F(SqlMiniBatchTest, AMissingSizeFailsTheJobWithFlinksMessage) {
  ASSERT_EQ(runSql(*env_, "SET 'table.exec.mini-batch.size' = '0'"), "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SELECT a, COUNT(*) FROM t GROUP BY a"),
            "ERROR: Key: 'table.exec.mini-batch.size' , default: -1 (fallback keys: []) must be > 0.");
}

// Exactly-once with open bundles: a checkpoint taken while rows wait in the local and global
// bundles, restored, ends with the same results as a run without interruption.
constexpr const char* kInsert = "INSERT INTO mb_sums SELECT k, COUNT(*), SUM(v) FROM mb_numbers GROUP BY k";

std::unique_ptr<table::TableEnvironment> checkpointSession(const std::string& id, bool bounded,
                                                           const std::string& strategy) {
  Configuration configuration;
  configuration.setString("parallelism.default", "2");
  configuration.setString("table.exec.mini-batch.enabled", "true");
  configuration.setString("table.exec.mini-batch.allow-latency", "24 h");
  configuration.setString("table.exec.mini-batch.size", "7");
  configuration.setString("table.optimizer.agg-phase-strategy", strategy);
  return numbersAndSumsSession(configuration, "mb_numbers", "mb_sums", id, bounded);
}

class SqlMiniBatchCheckpointTest : public ::testing::TestWithParam<const char*> {};

TEST_P(SqlMiniBatchCheckpointTest, ACheckpointWithOpenBundlesRestoresToTheUninterruptedResult) {
  ValuesData::clearAll();
  const std::vector<ValuesElement> all = keyedNumbers(0, 60);
  ValuesData::registerData("mb_all", all);
  ASSERT_EQ(runSql(*checkpointSession("mb_all", true, GetParam()), kInsert), "[-1]\n");
  const std::map<std::string, std::string> uninterrupted = materialize(ValuesData::rawResults("mb_sums"));
  EXPECT_EQ(uninterrupted.at("k0"), "k0, 20, 570]");

  // 30 rows on an unbounded source: bundles end every 7 rows of a subtask; the last rows stay
  // in open bundles when the checkpoint is taken.
  ValuesData::clearAll();
  ValuesData::registerData("mb_part", keyedNumbers(0, 30));
  auto first = checkpointSession("mb_part", false, GetParam());
  Result<std::unique_ptr<runtime::JobClient>> job = first->submitSql(kInsert, nullptr);
  ASSERT_TRUE(job.ok()) << job.status().toString();
  // Whether a bundle ended yet depends on how the rows spread over the subtasks; the rows are
  // all read well within the wait.
  for (int i = 0; i < 200 && ValuesData::rawResults("mb_sums").empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  Result<std::shared_ptr<const runtime::CompletedCheckpoint>> checkpoint = (*job)->triggerCheckpoint();
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.status().toString();
  (*job)->cancel();
  (void)(*job)->waitForCompletion();

  // All 60 rows, bounded; the source resumes after row 30 and the bundles after their rows.
  ValuesData::registerData("mb_part", all);
  auto second = checkpointSession("mb_part", true, GetParam());
  second->setRestoreFrom(*checkpoint);
  ASSERT_EQ(runSql(*second, kInsert), "[-1]\n");
  EXPECT_EQ(materialize(ValuesData::rawResults("mb_sums")), uninterrupted);
}

INSTANTIATE_TEST_SUITE_P(Strategies, SqlMiniBatchCheckpointTest, ::testing::Values("ONE_PHASE", "TWO_PHASE"));

}  // namespace
}  // namespace eddy::sql
