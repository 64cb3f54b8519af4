#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

// SESSION windows: the group window SESSION(ts, gap) with SESSION_START/_END/_ROWTIME, and
// the SESSION window TVF under a window aggregation. Sessions merge when a row bridges them,
// fire when the watermark passes their end, and late rows are dropped.
class SqlSessionWindowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    ASSERT_EQ(runSql(*env_, "CREATE TABLE page_events (user_id STRING, page STRING, event_time TIMESTAMP(3), "
                            "WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND) "
                            "WITH ('connector' = 'values', 'data-id' = 'page-events')"),
              "[OK]\n");
  }

  // alice's rows at 10:00 and 10:20 open two sessions that 10:09 and 10:12 join into one.
  static std::vector<ValuesElement> bridgedSessions() {
    return {insertRow({"alice", "/a", "2024-01-01 10:00:00"}), insertRow({"alice", "/b", "2024-01-01 10:20:00"}),
            insertRow({"bob", "/a", "2024-01-01 10:05:00"}), insertRow({"alice", "/c", "2024-01-01 10:09:00"}),
            insertRow({"alice", "/a", "2024-01-01 10:12:00"})};
  }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlSessionWindowTest, GroupWindowMergesSessionsABridgingRowJoins) {
  ValuesData::registerData("page-events", bridgedSessions());
  EXPECT_EQ(runSql(*env_, "SELECT user_id, SESSION_START(event_time, INTERVAL '10' MINUTE), "
                          "SESSION_END(event_time, INTERVAL '10' MINUTE), SESSION_ROWTIME(event_time, INTERVAL '10' "
                          "MINUTE), COUNT(*), MAX(page) FROM page_events "
                          "GROUP BY user_id, SESSION(event_time, INTERVAL '10' MINUTE)"),
            "+I[bob, 2024-01-01 10:05:00.000, 2024-01-01 10:15:00.000, 2024-01-01 10:14:59.999, 1, /a]\n"
            "+I[alice, 2024-01-01 10:00:00.000, 2024-01-01 10:30:00.000, 2024-01-01 10:29:59.999, 4, /c]\n");
}

TEST_F(SqlSessionWindowTest, CountDistinctCountsTheUnionOfMergedSessions) {
  ValuesData::registerData("page-events", bridgedSessions());
  EXPECT_EQ(runSql(*env_, "SELECT user_id, COUNT(DISTINCT page) FROM page_events "
                          "GROUP BY user_id, SESSION(event_time, INTERVAL '10' MINUTE)"),
            "+I[bob, 1]\n"
            "+I[alice, 3]\n");
}

TEST_F(SqlSessionWindowTest, SessionsFireOnTheWatermarkAndLateRowsAreDropped) {
  std::vector<ValuesElement> data = bridgedSessions();
  data.push_back(ValuesElement::watermarkAt(1704105600000));  // 10:40:00
  data.push_back(insertRow({"alice", "/late", "2024-01-01 10:25:00"}));
  data.push_back(insertRow({"alice", "/d", "2024-01-01 10:45:00"}));
  ValuesData::registerData("page-events", data);
  EXPECT_EQ(runSql(*env_, "SELECT user_id, SESSION_START(event_time, INTERVAL '10' MINUTE), COUNT(*) "
                          "FROM page_events GROUP BY user_id, SESSION(event_time, INTERVAL '10' MINUTE)"),
            "+I[bob, 2024-01-01 10:05:00.000, 1]\n"
            "+I[alice, 2024-01-01 10:00:00.000, 4]\n"
            "+I[alice, 2024-01-01 10:45:00.000, 1]\n");
}

TEST_F(SqlSessionWindowTest, WindowTableFunctionAggregation) {
  ValuesData::registerData("page-events", bridgedSessions());
  EXPECT_EQ(runSql(*env_, "SELECT user_id, window_start, window_end, COUNT(*) FROM TABLE(SESSION(TABLE page_events "
                          "PARTITION BY user_id, DESCRIPTOR(event_time), INTERVAL '10' MINUTE)) "
                          "GROUP BY user_id, window_start, window_end"),
            "+I[bob, 2024-01-01 10:05:00.000, 2024-01-01 10:15:00.000, 1]\n"
            "+I[alice, 2024-01-01 10:00:00.000, 2024-01-01 10:30:00.000, 4]\n");
}

TEST_F(SqlSessionWindowTest, WindowTableFunctionAloneIsNotSupported) {
  ValuesData::registerData("page-events", bridgedSessions());
  EXPECT_EQ(runSql(*env_, "SELECT * FROM TABLE(SESSION(TABLE page_events PARTITION BY user_id, "
                          "DESCRIPTOR(event_time), INTERVAL '10' MINUTE))"),
            "ERROR: the SESSION window table function is supported under a window aggregation only");
}

TEST_F(SqlSessionWindowTest, DistinctSumIsNotSupported) {
  ValuesData::registerData("page-events", bridgedSessions());
  EXPECT_EQ(runSql(*env_, "SELECT user_id, SUM(DISTINCT CHAR_LENGTH(page)) FROM page_events "
                          "GROUP BY user_id, SESSION(event_time, INTERVAL '10' MINUTE)"),
            "ERROR: DISTINCT aggregates other than COUNT(DISTINCT ...) in SESSION windows are not supported yet");
}

// A session aggregation restored from a checkpoint taken while its sessions are open (and
// merge after the restore) ends with the rows of an uninterrupted run.
TEST(SqlSessionWindowCheckpointTest, RestoredSessionsMergeAndFireAsInAnUninterruptedRun) {
  constexpr const char* kInsert =
      "INSERT INTO sessions SELECT user_id, SESSION_START(event_time, INTERVAL '10' MINUTE), COUNT(*) "
      "FROM page_events GROUP BY user_id, SESSION(event_time, INTERVAL '10' MINUTE)";
  auto session = [](bool bounded) {
    Configuration configuration;
    configuration.setString("parallelism.default", "2");
    auto env = table::TableEnvironment::create(configuration);
    EXPECT_EQ(runSql(*env, std::string("CREATE TABLE page_events (user_id STRING, event_time TIMESTAMP(3), "
                                       "WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND) WITH "
                                       "('connector' = 'values', 'data-id' = 'events', 'bounded' = '") +
                               (bounded ? "true" : "false") + "')"),
              "[OK]\n");
    EXPECT_EQ(runSql(*env, "CREATE TABLE sessions (user_id STRING, session_start TIMESTAMP(3), cnt BIGINT) "
                           "WITH ('connector' = 'values')"),
              "[OK]\n");
    return env;
  };
  // No session of the first three rows can close before the rest arrive; bob's 10:08 and
  // alice's 10:11 then extend the restored sessions.
  const std::vector<ValuesElement> first = {insertRow({"alice", "2024-01-01 10:00:00"}),
                                            insertRow({"bob", "2024-01-01 10:01:00"}),
                                            insertRow({"alice", "2024-01-01 10:02:00"})};
  std::vector<ValuesElement> all = first;
  all.push_back(insertRow({"bob", "2024-01-01 10:08:00"}));
  all.push_back(insertRow({"alice", "2024-01-01 10:11:00"}));
  all.push_back(insertRow({"alice", "2024-01-01 10:40:00"}));

  ValuesData::clearAll();
  ValuesData::registerData("events", all);
  ASSERT_EQ(runSql(*session(true), kInsert), "[-1]\n");
  std::vector<std::string> uninterrupted = ValuesData::rawResults("sessions");
  std::sort(uninterrupted.begin(), uninterrupted.end());
  EXPECT_EQ(uninterrupted, (std::vector<std::string>{"+I[alice, 2024-01-01T10:00, 3]", "+I[alice, 2024-01-01T10:40, 1]",
                                                     "+I[bob, 2024-01-01T10:01, 2]"}));

  ValuesData::clearAll();
  ValuesData::registerData("events", first);
  auto before = session(false);
  Result<std::unique_ptr<runtime::JobClient>> job = before->submitSql(kInsert, nullptr);
  ASSERT_TRUE(job.ok()) << job.status().toString();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  Result<std::shared_ptr<const runtime::CompletedCheckpoint>> checkpoint = (*job)->triggerCheckpoint();
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.status().toString();
  (*job)->cancel();
  (void)(*job)->waitForCompletion();
  ASSERT_TRUE(ValuesData::rawResults("sessions").empty());

  ValuesData::registerData("events", all);
  auto after = session(true);
  after->setRestoreFrom(*checkpoint);
  ASSERT_EQ(runSql(*after, kInsert), "[-1]\n");
  std::vector<std::string> restored = ValuesData::rawResults("sessions");
  std::sort(restored.begin(), restored.end());
  EXPECT_EQ(restored, uninterrupted);
}

}  // namespace
}  // namespace eddy::sql
