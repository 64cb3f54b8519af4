#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

// PROCTIME() computed columns and windows on processing time. The clock is the wall clock,
// so the tests assert what does not depend on when they run: values between two clock
// reads, window lengths, counts per key summed over windows, and a window that fires on its
// timer while the input is still open.
class SqlProctimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    ASSERT_EQ(runSql(*env_, "CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, p_time AS PROCTIME()) "
                            "WITH ('connector' = 'values', 'data-id' = 'bids')"),
              "[OK]\n");
    ValuesData::registerData("bids", {insertRow({"1", "7", "10"}), insertRow({"1", "8", "11"}),
                                      insertRow({"2", "7", "12"}), insertRow({"3", "7", "13"}),
                                      insertRow({"3", "9", "14"})});
  }

  // The wall clock in UTC as tableau prints a TIMESTAMP_LTZ(3) in the default session zone:
  // "2024-01-01 10:00:00.123", which orders as text as it orders in time.
  static std::string nowText() {
    const auto now = std::chrono::system_clock::now();
    const int64_t millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S", &utc);
    char out[40];
    std::snprintf(out, sizeof(out), "%s.%03d", text, static_cast<int>(millis % 1000));
    return out;
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

TEST_F(SqlProctimeTest, NexmarkQ12TumbleTvfFiresEveryWindowAtTheEndOfInput) {
  // Nexmark q12 over bounded input: the windows fire when the input ends. Which window a row
  // falls in depends on the clock; the counts per bidder summed over windows do not.
  Result<TableResult> result = env_->executeSql(
      "SELECT bidder, bid_count, TIMESTAMPDIFF(SECOND, window_start, window_end) AS len FROM ("
      "SELECT bidder, count(*) as bid_count, window_start, window_end "
      "FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(p_time), INTERVAL '10' SECOND)) "
      "GROUP BY bidder, window_start, window_end)");
  ASSERT_TRUE(result.ok()) << result.status().message();
  std::map<std::string, int> counts;
  for (size_t r = 0; r < result->rows.size(); ++r) {
    EXPECT_EQ(result->row_kinds[r], types::RowKind::INSERT);
    EXPECT_EQ(result->rows[r][2], "10");
    counts[*result->rows[r][0]] += std::stoi(*result->rows[r][1]);
  }
  EXPECT_EQ(counts, (std::map<std::string, int>{{"7", 3}, {"8", 1}, {"9", 1}}));
}

TEST_F(SqlProctimeTest, GroupWindowOnProctimeWithStartAndEnd) {
  Result<TableResult> result = env_->executeSql(
      "SELECT bidder, COUNT(*) AS c, SUM(price) AS s, "
      "TIMESTAMPDIFF(MINUTE, TUMBLE_START(p_time, INTERVAL '1' HOUR), TUMBLE_END(p_time, INTERVAL '1' HOUR)) AS len "
      "FROM bid GROUP BY bidder, TUMBLE(p_time, INTERVAL '1' HOUR)");
  ASSERT_TRUE(result.ok()) << result.status().message();
  std::map<std::string, std::pair<int, int>> sums;
  for (const auto& row : result->rows) {
    EXPECT_EQ(row[3], "60");
    sums[*row[0]].first += std::stoi(*row[1]);
    sums[*row[0]].second += std::stoi(*row[2]);
  }
  EXPECT_EQ(sums, (std::map<std::string, std::pair<int, int>>{{"7", {3, 35}}, {"8", {1, 11}}, {"9", {1, 14}}}));
}

TEST_F(SqlProctimeTest, HopAndCumulateTvfsOnProctime) {
  Result<TableResult> hop = env_->executeSql(
      "SELECT COUNT(*), TIMESTAMPDIFF(SECOND, window_start, window_end) FROM TABLE(HOP(TABLE bid, DESCRIPTOR(p_time), "
      "INTERVAL '1' HOUR, INTERVAL '2' HOUR)) GROUP BY window_start, window_end");
  ASSERT_TRUE(hop.ok()) << hop.status().message();
  int total = 0;
  for (const auto& row : hop->rows) {
    EXPECT_EQ(row[1], "7200");
    total += std::stoi(*row[0]);
  }
  EXPECT_EQ(total, 10);  // every row is in two hopping windows

  Result<TableResult> cumulate = env_->executeSql(
      "SELECT COUNT(*), TIMESTAMPDIFF(HOUR, window_start, window_end) AS len FROM TABLE(CUMULATE(TABLE bid, "
      "DESCRIPTOR(p_time), INTERVAL '12' HOUR, INTERVAL '1' DAY)) GROUP BY window_start, window_end");
  ASSERT_TRUE(cumulate.ok()) << cumulate.status().message();
  ASSERT_FALSE(cumulate->rows.empty());
  // The last step of the day's window holds every row.
  EXPECT_EQ(cumulate->rows.back()[0], "5");
  EXPECT_EQ(cumulate->rows.back()[1], "24");
}

TEST_F(SqlProctimeTest, AWindowFiresOnItsTimerWhileTheInputIsOpen) {
  ASSERT_EQ(runSql(*env_, "CREATE TABLE open_bid (bidder BIGINT, p_time AS PROCTIME()) "
                          "WITH ('connector' = 'values', 'data-id' = 'open-bids', 'bounded' = 'false')"),
            "[OK]\n");
  ValuesData::registerData("open-bids", {insertRow({"7"}), insertRow({"7"}), insertRow({"8"})});
  std::mutex mutex;
  std::condition_variable arrived;
  std::vector<std::string> rows;
  Result<std::unique_ptr<runtime::JobClient>> job = env_->submitSql(
      "SELECT bidder, COUNT(*) FROM open_bid GROUP BY bidder, TUMBLE(p_time, INTERVAL '1' SECOND)",
      [&](types::RowKind kind, const std::vector<std::optional<std::string>>& fields) {
        std::lock_guard lock(mutex);
        rows.push_back(std::string(types::shortString(kind)) + "[" + *fields[0] + ", " + *fields[1] + "]");
        arrived.notify_all();
      });
  ASSERT_TRUE(job.ok()) << job.status().message();
  {
    std::unique_lock lock(mutex);
    EXPECT_TRUE(arrived.wait_for(lock, std::chrono::seconds(20), [&] { return rows.size() >= 2; }));
    EXPECT_EQ(rows, (std::vector<std::string>{"+I[7, 2]", "+I[8, 1]"}));
  }
  (*job)->cancel();
  (void)(*job)->waitForCompletion();
}

TEST_F(SqlProctimeTest, SessionWindowsOnProctimeAreRefused) {
  EXPECT_EQ(runSql(*env_, "SELECT bidder, COUNT(*) FROM bid GROUP BY bidder, SESSION(p_time, INTERVAL '1' SECOND)"),
            "ERROR: At line 1, column 51: SESSION windows on processing time are not supported yet");
}

}  // namespace
}  // namespace eddy::sql
