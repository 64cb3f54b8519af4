#include <gtest/gtest.h>

#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

class SqlRuntimeWindowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    // The seed's page_events, with 'connector' = 'values'.
    ASSERT_EQ(runSql(*env_, "CREATE TABLE page_events (\n"
                            "    user_id STRING,\n"
                            "    page   STRING,\n"
                            "    event_time TIMESTAMP(3),\n"
                            "    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND\n"
                            ") WITH (\n"
                            "    'connector' = 'values',\n"
                            "    'data-id'   = 'page-events'\n"
                            ")"),
              "[OK]\n");
  }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlRuntimeWindowTest, TheSeedQueryCountsPagesPerUserAndFiveMinuteWindow) {
  ValuesData::registerData("page-events", {insertRow({"alice", "/home", "2024-01-01 10:00:01"}),
                                           insertRow({"bob", "/cart", "2024-01-01 10:01:00"}),
                                           insertRow({"alice", "/cart", "2024-01-01 10:04:59.999"}),
                                           insertRow({"alice", "/home", "2024-01-01 10:05:00"})});
  EXPECT_EQ(runSql(*env_, "SELECT\n"
                          "    user_id,\n"
                          "    TUMBLE_START(event_time, INTERVAL '5' MINUTE),\n"
                          "    TUMBLE_END(event_time,   INTERVAL '5' MINUTE),\n"
                          "    COUNT(*) AS page_count\n"
                          "FROM page_events\n"
                          "GROUP BY user_id, TUMBLE(event_time, INTERVAL '5' MINUTE)"),
            "+I[alice, 2024-01-01 10:00:00.000, 2024-01-01 10:05:00.000, 2]\n"
            "+I[bob, 2024-01-01 10:00:00.000, 2024-01-01 10:05:00.000, 1]\n"
            "+I[alice, 2024-01-01 10:05:00.000, 2024-01-01 10:10:00.000, 1]\n");
}

TEST_F(SqlRuntimeWindowTest, WindowsFireOnTheWatermarkAndLateRowsAreDropped) {
  ValuesData::registerData("page-events", {insertRow({"alice", "/a", "2024-01-01 10:00:00"}),
                                           ValuesElement::watermarkAt(1704103800000),  // 10:10:00
                                           insertRow({"alice", "/late", "2024-01-01 10:01:00"}),
                                           insertRow({"alice", "/b", "2024-01-01 10:11:00"})});
  EXPECT_EQ(runSql(*env_, "SELECT user_id, COUNT(*), HOP_END(event_time, INTERVAL '5' MINUTE, INTERVAL '10' MINUTE) "
                          "FROM page_events GROUP BY HOP(event_time, INTERVAL '5' MINUTE, INTERVAL '10' MINUTE), user_id"),
            "+I[alice, 1, 2024-01-01 10:05:00.000]\n"
            "+I[alice, 1, 2024-01-01 10:10:00.000]\n"
            "+I[alice, 1, 2024-01-01 10:15:00.000]\n"
            "+I[alice, 1, 2024-01-01 10:20:00.000]\n");
}

TEST_F(SqlRuntimeWindowTest, AWindowNeedsATimeAttribute) {
  EXPECT_EQ(runSql(*env_, "SELECT COUNT(*) FROM page_events GROUP BY TUMBLE(page, INTERVAL '1' MINUTE)"),
            "ERROR: From line 1, column 50 to line 1, column 53: A group window expects a time attribute for grouping in a stream "
            "environment.");
}

}  // namespace
}  // namespace eddy::sql
