#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "eddy/runtime/processing_time_service.h"
#include "eddy/types/data_types.h"
#include "sql/runtime/proctime_window_aggregate_operator.h"
#include "sql/tests/join_operator_harness.h"
#include "sql/tests/manual_processing_time_service.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

using types::DataTypes;

int64_t nowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// PROCTIME() computed columns and windows on processing time. The clock is the wall clock,
// so the tests assert what does not depend on when they run: values between two clock
// reads, and windows of a second that fire on their timers while the input is still open
// (a values source emits its rows in one batch, read at one processing time, so they all
// fall in the same windows). Where a test needs to know which windows the rows fall in, it
// first waits until the clock is early enough in a window.
class SqlProctimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    ASSERT_EQ(runSql(*env_, "CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, p_time AS PROCTIME()) "
                            "WITH ('connector' = 'values', 'data-id' = 'bids')"),
              "[OK]\n");
    ASSERT_EQ(runSql(*env_, "CREATE TABLE open_bid (auction BIGINT, bidder BIGINT, price BIGINT, p_time AS PROCTIME()) "
                            "WITH ('connector' = 'values', 'data-id' = 'bids', 'bounded' = 'false')"),
              "[OK]\n");
    ValuesData::registerData("bids", {insertRow({"1", "7", "10"}), insertRow({"1", "8", "11"}),
                                      insertRow({"2", "7", "12"}), insertRow({"3", "7", "13"}),
                                      insertRow({"3", "9", "14"})});
  }

  // The wall clock in UTC as tableau prints a TIMESTAMP_LTZ(3) in the default session zone:
  // "2024-01-01 10:00:00.123", which orders as text as it orders in time.
  static std::string nowText() {
    const int64_t millis = nowMillis();
    const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S", &utc);
    char out[40];
    std::snprintf(out, sizeof(out), "%s.%03d", text, static_cast<int>(millis % 1000));
    return out;
  }

  // Sleeps, if needed, until the wall clock is less than `within_ms` into a window of
  // `size_ms` (windows start at multiples of their size from the epoch).
  static void waitUntilEarlyInWindow(int64_t size_ms, int64_t within_ms) {
    const int64_t into = nowMillis() % size_ms;
    if (into >= within_ms) std::this_thread::sleep_for(std::chrono::milliseconds(size_ms - into));
  }

  // Runs `query` over the open input and returns the first `count` rows it emits, as
  // "+I[a, b]" in arrival order (waiting 5 s at most), then cancels the job.
  std::vector<std::string> firstRows(const std::string& query, size_t count) {
    std::mutex mutex;
    std::condition_variable arrived;
    std::vector<std::string> rows;
    Result<std::unique_ptr<runtime::JobClient>> job =
        env_->submitSql(query, [&](types::RowKind kind, const std::vector<std::optional<std::string>>& fields) {
          std::string row = std::string(types::shortString(kind)) + "[";
          for (size_t i = 0; i < fields.size(); ++i) row += (i > 0 ? ", " : "") + fields[i].value_or("NULL");
          std::lock_guard lock(mutex);
          rows.push_back(row + "]");
          arrived.notify_all();
        });
    if (!job.ok()) return {"ERROR: " + job.status().message()};
    {
      std::unique_lock lock(mutex);
      arrived.wait_for(lock, std::chrono::seconds(5), [&] { return rows.size() >= count; });
    }
    (*job)->cancel();
    (void)(*job)->waitForCompletion();
    std::lock_guard lock(mutex);
    return rows;
  }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlProctimeTest, DescribeShowsAProctimeAttribute) {
  Result<TableResult> described = env_->executeSql("DESCRIBE bid");
  ASSERT_TRUE(described.ok()) << described.status().message();
  ASSERT_EQ(described->rows.size(), 4u);
  EXPECT_EQ(described->rows[3][0], "p_time");
  EXPECT_EQ(described->rows[3][1], "TIMESTAMP_LTZ(3) *PROCTIME*");
  EXPECT_EQ(described->rows[3][2], "FALSE");
}

TEST_F(SqlProctimeTest, ASelectedProctimeIsTheTimeTheRowIsRead) {
  const std::string before = nowText();
  Result<TableResult> result = env_->executeSql("SELECT auction, p_time FROM bid");
  const std::string after = nowText();
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->rows.size(), 5u);
  for (const auto& row : result->rows) {
    ASSERT_TRUE(row[1].has_value());
    EXPECT_LE(before, *row[1]);
    EXPECT_GE(after, *row[1]);
  }
}

TEST_F(SqlProctimeTest, ProctimeInExpressionsAndAsAFunction) {
  EXPECT_EQ(runSql(*env_, "SELECT auction, p_time IS NOT NULL, PROCTIME() IS NULL FROM bid WHERE price > 11"),
            "+I[2, TRUE, FALSE]\n"
            "+I[3, TRUE, FALSE]\n"
            "+I[3, TRUE, FALSE]\n");
}

TEST_F(SqlProctimeTest, ABoundedInputEndingBeforeItsWindowsEndYieldsNoRows) {
  // As on Flink, whose task quiesces its processing-time timers when the input ends: Nexmark
  // q12 over a short bounded input emits nothing. The input is read and ends at least a
  // second before the 10-second window it falls in ends.
  waitUntilEarlyInWindow(10000, 9000);
  EXPECT_EQ(runSql(*env_, "SELECT bidder, count(*) as bid_count, window_start, window_end "
                          "FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(p_time), INTERVAL '10' SECOND)) "
                          "GROUP BY bidder, window_start, window_end"),
            "");
  waitUntilEarlyInWindow(10000, 9000);
  EXPECT_EQ(runSql(*env_, "SELECT bidder, COUNT(*) FROM bid GROUP BY bidder, TUMBLE(p_time, INTERVAL '10' SECOND)"),
            "");
}

TEST_F(SqlProctimeTest, NexmarkQ12TumbleTvfFiresEachWindowOnItsTimer) {
  // Nexmark q12 with one-second windows; keys in the order their first rows arrived.
  EXPECT_EQ(firstRows("SELECT bidder, bid_count, TIMESTAMPDIFF(SECOND, window_start, window_end) AS len FROM ("
                      "SELECT bidder, count(*) as bid_count, window_start, window_end "
                      "FROM TABLE(TUMBLE(TABLE open_bid, DESCRIPTOR(p_time), INTERVAL '1' SECOND)) "
                      "GROUP BY bidder, window_start, window_end)",
                      3),
            (std::vector<std::string>{"+I[7, 3, 1]", "+I[8, 1, 1]", "+I[9, 1, 1]"}));
}

TEST_F(SqlProctimeTest, GroupWindowOnProctimeWithStartAndEnd) {
  EXPECT_EQ(firstRows("SELECT bidder, COUNT(*) AS c, SUM(price) AS s, "
                      "TIMESTAMPDIFF(SECOND, TUMBLE_START(p_time, INTERVAL '1' SECOND), "
                      "TUMBLE_END(p_time, INTERVAL '1' SECOND)) AS len "
                      "FROM open_bid GROUP BY bidder, TUMBLE(p_time, INTERVAL '1' SECOND)",
                      3),
            (std::vector<std::string>{"+I[7, 3, 35, 1]", "+I[8, 1, 11, 1]", "+I[9, 1, 14, 1]"}));
}

TEST_F(SqlProctimeTest, HopTvfOnProctimeFiresBothWindowsOfTheRows) {
  // Every row is in two hopping windows; the earlier ends first.
  EXPECT_EQ(firstRows("SELECT COUNT(*), TIMESTAMPDIFF(SECOND, window_start, window_end) FROM TABLE(HOP(TABLE open_bid, "
                      "DESCRIPTOR(p_time), INTERVAL '1' SECOND, INTERVAL '2' SECOND)) GROUP BY window_start, window_end",
                      2),
            (std::vector<std::string>{"+I[5, 2]", "+I[5, 2]"}));
}

TEST_F(SqlProctimeTest, CumulateTvfOnProctimeFiresEachStep) {
  // Rows read in the first second of a two-second window are in both of its steps.
  waitUntilEarlyInWindow(2000, 700);
  EXPECT_EQ(firstRows("SELECT COUNT(*), TIMESTAMPDIFF(SECOND, window_start, window_end) FROM TABLE(CUMULATE("
                      "TABLE open_bid, DESCRIPTOR(p_time), INTERVAL '1' SECOND, INTERVAL '2' SECOND)) "
                      "GROUP BY window_start, window_end",
                      2),
            (std::vector<std::string>{"+I[5, 1]", "+I[5, 2]"}));
}

TEST_F(SqlProctimeTest, SessionWindowsOnProctimeAreRefused) {
  EXPECT_EQ(runSql(*env_, "SELECT bidder, COUNT(*) FROM bid GROUP BY bidder, SESSION(p_time, INTERVAL '1' SECOND)"),
            "ERROR: At line 1, column 51: SESSION windows on processing time are not supported yet");
}

// Drives a ProcTimeWindowAggregateOperator for SELECT bidder, COUNT(*), window start and end
// ... GROUP BY bidder, TUMBLE(p_time, INTERVAL '1' SECOND), with the time set by the test.
class ProcTimeWindowAggregateOperatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GroupWindow window;
    window.size_ms = 1000;
    window.proctime = true;
    window.emit_start = true;
    window.emit_end = true;
    AggregateCall count;
    count.name = "c";
    count.needs_retraction = false;
    op_ = std::make_unique<ProcTimeWindowAggregateOperator>(
        std::vector<int>{0}, std::vector<AggregateCall>{count}, window,
        DataTypes::ROW({DataTypes::FIELD("bidder", DataTypes::BIGINT()), DataTypes::FIELD("c", DataTypes::BIGINT()),
                        DataTypes::FIELD("w_start", DataTypes::BIGINT()),
                        DataTypes::FIELD("w_end", DataTypes::BIGINT())}));
    backend_ = *state::KeyedStateBackendT<std::string>::create(state::KeyGroupRange{0, 127}, 128, {});
    runtime::OperatorSetup setup;
    setup.info.name = "window";
    setup.output = &output_;
    setup.keyed_state = backend_.get();
    setup.processing_time = &time_;
    op_->setup(std::move(setup));
    op_->open();
  }

  // Feeds one batch of bids by these bidders; returns what the operator emitted for it.
  std::string process(const std::vector<int64_t>& bidders) {
    auto batch = std::make_shared<types::ColumnBatch>(DataTypes::ROW({DataTypes::FIELD("bidder", DataTypes::BIGINT())}));
    for (int64_t bidder : bidders) {
      EXPECT_TRUE(batch->appendRow(types::Row(types::RowKind::INSERT, {types::Value(bidder)})).ok());
    }
    runtime::RecordBatch<RowChunk> records;
    records.add(RowChunk{std::move(batch)}, runtime::kNoTimestamp);
    op_->processBatch(records, 0);
    return output_.take();
  }
  std::string advanceTo(int64_t time) {
    time_.advanceTo(time);
    return output_.take();
  }
  std::string finishAt(int64_t time) {
    time_.setTime(time);
    op_->finish();
    return output_.take();
  }

  ManualProcessingTimeService time_;
  std::unique_ptr<ProcTimeWindowAggregateOperator> op_;
  std::shared_ptr<state::KeyedStateBackendT<std::string>> backend_;
  ChangelogCollector output_;
};

TEST_F(ProcTimeWindowAggregateOperatorTest, AWindowFiresWhenItsTimerIsDue) {
  time_.setTime(500);
  EXPECT_EQ(process({7, 7, 8}), "");
  EXPECT_EQ(advanceTo(998), "");
  EXPECT_EQ(advanceTo(999), "+I[7, 2, 0, 1000]\n+I[8, 1, 0, 1000]\n");
  EXPECT_EQ(finishAt(5000), "");
}

TEST_F(ProcTimeWindowAggregateOperatorTest, FinishFiresTheWindowsWhoseTimersFlinkWouldHaveHandedOver) {
  // The task was busy: the timer of [0, 1000) came due at 999 but has not run. Flink's timer
  // thread hands a timer over 1 ms after its time, so at 1999 the timer of [1000, 2000) is
  // still pending and its window never fires.
  time_.setTime(500);
  EXPECT_EQ(process({7}), "");
  time_.setTime(1500);
  EXPECT_EQ(process({8, 8}), "");
  EXPECT_EQ(finishAt(1999), "+I[7, 1, 0, 1000]\n");
}

TEST_F(ProcTimeWindowAggregateOperatorTest, FinishFiresAWindowWhoseEndTheClockReached) {
  time_.setTime(1500);
  EXPECT_EQ(process({8, 9, 8}), "");
  EXPECT_EQ(finishAt(2000), "+I[8, 2, 1000, 2000]\n+I[9, 1, 1000, 2000]\n");
}

TEST_F(ProcTimeWindowAggregateOperatorTest, FinishBeforeAWindowEndsEmitsNothingForIt) {
  time_.setTime(100);
  EXPECT_EQ(process({7, 8}), "");
  time_.setTime(1100);
  EXPECT_EQ(process({7}), "");
  EXPECT_EQ(advanceTo(1200), "+I[7, 1, 0, 1000]\n+I[8, 1, 0, 1000]\n");
  EXPECT_EQ(finishAt(1998), "");
}

}  // namespace
}  // namespace eddy::sql
