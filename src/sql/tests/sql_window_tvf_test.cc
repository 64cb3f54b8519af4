#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

// Window table functions TUMBLE, HOP and CUMULATE: SELECT over them and window aggregation
// with GROUP BY window_start, window_end.
class SqlWindowTvfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    ASSERT_EQ(runSql(*env_, "CREATE TABLE page_events (user_id STRING, page STRING, event_time TIMESTAMP(3), "
                            "WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND) "
                            "WITH ('connector' = 'values', 'data-id' = 'page-events')"),
              "[OK]\n");
  }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlWindowTvfTest, TumbleAppendsWindowStartEndAndTime) {
  ValuesData::registerData("page-events", {insertRow({"alice", "/home", "2024-01-01 10:00:01"}),
                                           insertRow({"bob", "/cart", "2024-01-01 10:06:00"})});
  EXPECT_EQ(runSql(*env_, "SELECT * FROM TABLE(TUMBLE(TABLE page_events, DESCRIPTOR(event_time), INTERVAL '5' MINUTE))"),
            "+I[alice, /home, 2024-01-01 10:00:01.000, 2024-01-01 10:00:00.000, 2024-01-01 10:05:00.000, "
            "2024-01-01 10:04:59.999]\n"
            "+I[bob, /cart, 2024-01-01 10:06:00.000, 2024-01-01 10:05:00.000, 2024-01-01 10:10:00.000, "
            "2024-01-01 10:09:59.999]\n");
}

TEST_F(SqlWindowTvfTest, TumbleWithAnOffset) {
  ValuesData::registerData("page-events", {insertRow({"alice", "/home", "2024-01-01 10:00:01"})});
  EXPECT_EQ(runSql(*env_, "SELECT window_start, window_end FROM TABLE(TUMBLE(TABLE page_events, DESCRIPTOR(event_time), "
                          "INTERVAL '5' MINUTE, INTERVAL '1' MINUTE))"),
            "+I[2024-01-01 09:56:00.000, 2024-01-01 10:01:00.000]\n");
}

TEST_F(SqlWindowTvfTest, HopEmitsARowPerWindowLatestStartFirst) {
  ValuesData::registerData("page-events", {insertRow({"alice", "/home", "2024-01-01 10:00:01"})});
  EXPECT_EQ(runSql(*env_, "SELECT user_id, window_start, window_end FROM TABLE(HOP(TABLE page_events, "
                          "DESCRIPTOR(event_time), INTERVAL '5' MINUTE, INTERVAL '10' MINUTE))"),
            "+I[alice, 2024-01-01 10:00:00.000, 2024-01-01 10:10:00.000]\n"
            "+I[alice, 2024-01-01 09:55:00.000, 2024-01-01 10:05:00.000]\n");
}

TEST_F(SqlWindowTvfTest, TumbleAggregationFiresOnTheWatermarkAndDropsLateRows) {
  ValuesData::registerData("page-events", {insertRow({"alice", "/a", "2024-01-01 10:00:01"}),
                                           insertRow({"bob", "/b", "2024-01-01 10:01:00"}),
                                           insertRow({"alice", "/c", "2024-01-01 10:04:59.999"}),
                                           ValuesElement::watermarkAt(1704103800000),  // 10:10:00
                                           insertRow({"alice", "/late", "2024-01-01 10:01:00"}),
                                           insertRow({"alice", "/d", "2024-01-01 10:11:00"})});
  EXPECT_EQ(runSql(*env_, "SELECT user_id, window_start, window_end, COUNT(*) AS cnt "
                          "FROM TABLE(TUMBLE(TABLE page_events, DESCRIPTOR(event_time), INTERVAL '5' MINUTE)) "
                          "GROUP BY window_start, window_end, user_id"),
            "+I[alice, 2024-01-01 10:00:00.000, 2024-01-01 10:05:00.000, 2]\n"
            "+I[bob, 2024-01-01 10:00:00.000, 2024-01-01 10:05:00.000, 1]\n"
            "+I[alice, 2024-01-01 10:10:00.000, 2024-01-01 10:15:00.000, 1]\n");
}

TEST_F(SqlWindowTvfTest, CumulateAggregationEmitsEveryStep) {
  ValuesData::registerData("page-events", {insertRow({"alice", "/a", "2024-01-01 10:00:30"}),
                                           insertRow({"alice", "/b", "2024-01-01 10:03:00"})});
  EXPECT_EQ(runSql(*env_, "SELECT user_id, window_start, window_end, COUNT(*), LISTAGG(page) "
                          "FROM TABLE(CUMULATE(TABLE page_events, DESCRIPTOR(event_time), INTERVAL '2' MINUTE, "
                          "INTERVAL '6' MINUTE)) GROUP BY window_start, window_end, user_id"),
            "+I[alice, 2024-01-01 10:00:00.000, 2024-01-01 10:02:00.000, 1, /a]\n"
            "+I[alice, 2024-01-01 10:00:00.000, 2024-01-01 10:04:00.000, 2, /a,/b]\n"
            "+I[alice, 2024-01-01 10:00:00.000, 2024-01-01 10:06:00.000, 2, /a,/b]\n");
}

TEST_F(SqlWindowTvfTest, HopAggregationWithWindowTimeAndAFilter) {
  ValuesData::registerData("page-events", {insertRow({"alice", "/a", "2024-01-01 10:00:01"}),
                                           insertRow({"alice", "/skip", "2024-01-01 10:00:02"})});
  EXPECT_EQ(runSql(*env_, "SELECT window_end, window_time, COUNT(*) FROM TABLE(HOP(TABLE page_events, "
                          "DESCRIPTOR(event_time), INTERVAL '5' MINUTE, INTERVAL '10' MINUTE)) WHERE page <> '/skip' "
                          "GROUP BY window_start, window_end, window_time"),
            "+I[2024-01-01 10:05:00.000, 2024-01-01 10:04:59.999, 1]\n"
            "+I[2024-01-01 10:10:00.000, 2024-01-01 10:09:59.999, 1]\n");
}

TEST_F(SqlWindowTvfTest, ExplainShowsTheWindowTableFunctionAndTheWindowAggregate) {
  Result<std::string> plan = env_->explainSql(
      "SELECT user_id, window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE page_events, DESCRIPTOR(event_time), "
      "INTERVAL '5' MINUTE)) GROUP BY window_start, window_end, user_id",
      true);
  ASSERT_TRUE(plan.ok()) << plan.status().toString();
  EXPECT_NE(plan->find("WindowAggregate(groupBy=[user_id], window=[TUMBLE(win_start=[window_start], "
                       "win_end=[window_end], size=[5 min])], select=[user_id, COUNT(*) AS EXPR$2, "
                       "start('w$) AS window_start, end('w$) AS window_end, rowtime('w$) AS window_time], "
                       "changelogMode=[I])"),
            std::string::npos)
      << *plan;
  EXPECT_NE(plan->find("WindowTableFunction(window=[TUMBLE(time_col=[event_time], size=[5 min])], changelogMode=[I])"),
            std::string::npos)
      << *plan;
}

TEST_F(SqlWindowTvfTest, WindowTopNRanksEachWindowWhenItCloses) {
  ValuesData::registerData("page-events", {insertRow({"alice", "/a", "2024-01-01 10:00:01"}),
                                           insertRow({"bob", "/b", "2024-01-01 10:01:00"}),
                                           insertRow({"alice", "/c", "2024-01-01 10:02:00"}),
                                           insertRow({"carol", "/d", "2024-01-01 10:03:00"}),
                                           insertRow({"bob", "/e", "2024-01-01 10:06:00"})});
  EXPECT_EQ(runSql(*env_, "SELECT user_id, page, window_start, rn FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY "
                          "window_start, window_end ORDER BY page DESC) AS rn FROM TABLE(TUMBLE(TABLE page_events, "
                          "DESCRIPTOR(event_time), INTERVAL '5' MINUTE))) WHERE rn <= 2"),
            "+I[carol, /d, 2024-01-01 10:00:00.000, 1]\n"
            "+I[alice, /c, 2024-01-01 10:00:00.000, 2]\n"
            "+I[bob, /e, 2024-01-01 10:05:00.000, 1]\n");
  EXPECT_EQ(runSql(*env_, "SELECT window_start, user_id, cnt FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY "
                          "window_start, window_end ORDER BY cnt DESC) AS rn FROM (SELECT window_start, window_end, "
                          "user_id, COUNT(*) AS cnt FROM TABLE(TUMBLE(TABLE page_events, DESCRIPTOR(event_time), "
                          "INTERVAL '5' MINUTE)) GROUP BY window_start, window_end, user_id)) WHERE rn <= 1"),
            "+I[2024-01-01 10:00:00.000, alice, 2]\n"
            "+I[2024-01-01 10:05:00.000, bob, 1]\n");
  Result<std::string> plan = env_->explainSql(
      "SELECT user_id, page FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY page "
      "DESC) AS rn FROM TABLE(TUMBLE(TABLE page_events, DESCRIPTOR(event_time), INTERVAL '5' MINUTE))) WHERE rn <= 2",
      true);
  ASSERT_TRUE(plan.ok()) << plan.status().toString();
  EXPECT_NE(plan->find("WindowRank(window=[TUMBLE(win_start=[window_start], win_end=[window_end], size=[5 min])], "
                       "rankType=[ROW_NUMBER], rankRange=[rankStart=1, rankEnd=2], partitionBy=[], orderBy=[page DESC], "
                       "select=[user_id, page, event_time, window_start, window_end, window_time], changelogMode=[I])"),
            std::string::npos)
      << *plan;
}

TEST_F(SqlWindowTvfTest, TheDescriptorMustNameATimeAttribute) {
  EXPECT_EQ(runSql(*env_, "SELECT * FROM TABLE(TUMBLE(TABLE page_events, DESCRIPTOR(page), INTERVAL '5' MINUTE))"),
            "ERROR: From line 1, column 47 to line 1, column 62: The window function TUMBLE(TABLE table_name, DESCRIPTOR(timecol), datetime "
            "interval[, datetime interval]) requires the timecol is a time attribute type, but is STRING.");
}

constexpr const char* kWindowInsert =
    "INSERT INTO counts SELECT user_id, window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE page_events, "
    "DESCRIPTOR(event_time), INTERVAL '5' MINUTE)) GROUP BY window_start, window_end, user_id";

// A session over data `id` (bounded or not) with the sink `counts`, at parallelism 2.
std::unique_ptr<table::TableEnvironment> windowSession(const std::string& id, bool bounded) {
  Configuration configuration;
  configuration.setString("parallelism.default", "2");
  auto env = table::TableEnvironment::create(configuration);
  EXPECT_EQ(runSql(*env, "CREATE TABLE page_events (user_id STRING, page STRING, event_time TIMESTAMP(3), "
                         "WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND) WITH ('connector' = 'values', "
                         "'data-id' = '" + id + "', 'bounded' = '" + (bounded ? "true" : "false") + "')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env, "CREATE TABLE counts (user_id STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), "
                         "cnt BIGINT) WITH ('connector' = 'values')"),
            "[OK]\n");
  return env;
}

std::vector<std::string> sorted(std::vector<std::string> rows) {
  std::sort(rows.begin(), rows.end());
  return rows;
}

// The window [10:05, 10:10) of alice is open (its timer pending) when the checkpoint is
// taken: the restored job must fire it, though no new window registers a timer for it.
TEST(SqlWindowTvfCheckpointTest, AWindowAggregationRestoredFromACheckpointEndsAsAnUninterruptedRun) {
  ValuesData::clearAll();
  const std::vector<ValuesElement> first = {insertRow({"alice", "/a", "2024-01-01 10:00:01"}),
                                            insertRow({"bob", "/b", "2024-01-01 10:01:00"}),
                                            insertRow({"alice", "/c", "2024-01-01 10:04:00"}),
                                            insertRow({"alice", "/d", "2024-01-01 10:06:00"}),
                                            ValuesElement::watermarkAt(1704103555000)};  // 10:05:55
  std::vector<ValuesElement> all = first;
  for (ValuesElement row : {insertRow({"alice", "/e", "2024-01-01 10:07:00"}), insertRow({"bob", "/f", "2024-01-01 10:08:00"}),
                            insertRow({"alice", "/g", "2024-01-01 10:12:00"})}) {
    all.push_back(row);
  }
  ValuesData::registerData("all", all);
  ASSERT_EQ(runSql(*windowSession("all", true), kWindowInsert), "[-1]\n");
  const std::vector<std::string> uninterrupted = sorted(ValuesData::rawResults("counts"));
  ASSERT_EQ(uninterrupted.size(), 5u);

  // First run: the watermark 10:05:55 fires [10:00, 10:05); then a checkpoint.
  ValuesData::clearAll();
  ValuesData::registerData("part", first);
  auto session = windowSession("part", false);
  Result<std::unique_ptr<runtime::JobClient>> job = session->submitSql(kWindowInsert, nullptr);
  ASSERT_TRUE(job.ok()) << job.status().toString();
  for (int i = 0; i < 1000 && ValuesData::rawResults("counts").size() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(ValuesData::rawResults("counts").size(), 2u);
  Result<std::shared_ptr<const runtime::CompletedCheckpoint>> checkpoint = (*job)->triggerCheckpoint();
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.status().toString();
  (*job)->cancel();
  (void)(*job)->waitForCompletion();

  // Second run: all rows, bounded; the source resumes after the first part.
  ValuesData::registerData("part", all);
  auto restored = windowSession("part", true);
  restored->setRestoreFrom(*checkpoint);
  ASSERT_EQ(runSql(*restored, kWindowInsert), "[-1]\n");
  EXPECT_EQ(sorted(ValuesData::rawResults("counts")), uninterrupted);
}

}  // namespace
}  // namespace eddy::sql
