#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "eddy/types/data_types.h"
#include "sql/runtime/interval_join_operator.h"
#include "sql/tests/join_operator_harness.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

using types::DataTypes;
using types::RowKind;
using types::Value;

const types::LogicalType kLeft = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT()), DataTypes::FIELD("lt", DataTypes::BIGINT())});
const types::LogicalType kRight =
    DataTypes::ROW({DataTypes::FIELD("id0", DataTypes::INT()), DataTypes::FIELD("rt", DataTypes::BIGINT())});

// rt - 10 <= lt <= rt + 5 on id = id0.
TwoInputOperatorHarness intervalHarness(FlinkJoinType type) {
  auto spec = std::make_shared<StreamingJoinSpec>();
  spec->join_type = type;
  spec->left_keys = {0};
  spec->right_keys = {0};
  spec->filter_nulls = {true};
  spec->left_type = kLeft;
  spec->right_type = kRight;
  std::vector<types::RowField> fields = kLeft.fields();
  for (const types::RowField& f : kRight.fields()) fields.push_back(f);
  spec->joined_type = DataTypes::ROW(fields);
  spec->output_type = DataTypes::ROW(fields);
  WindowBounds bounds{-10, 5, 1, 1};
  return TwoInputOperatorHarness(std::make_unique<IntervalJoinOperator>(spec, bounds), kLeft, kRight);
}

constexpr int L = 0;
constexpr int R = 1;

// Advances both inputs' watermarks; returns what was emitted.
std::string watermark(TwoInputOperatorHarness& h, int64_t time) { return h.watermark(L, time) + h.watermark(R, time); }

TEST(IntervalJoinOperatorTest, JoinsRowsWithinTheBoundsAndCleansUpByWatermark) {
  TwoInputOperatorHarness h = intervalHarness(FlinkJoinType::kInner);
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, int64_t{100}}), "");
  EXPECT_EQ(h.process(R, RowKind::INSERT, {1, int64_t{105}}), "+I[1, 100, 1, 105]\n");
  EXPECT_EQ(h.process(R, RowKind::INSERT, {1, int64_t{95}}), "+I[1, 100, 1, 95]\n");
  EXPECT_EQ(h.process(R, RowKind::INSERT, {1, int64_t{111}}), "");
  EXPECT_EQ(h.process(R, RowKind::INSERT, {1, int64_t{94}}), "");
  EXPECT_EQ(h.process(L, RowKind::INSERT, {2, int64_t{100}}), "");
  // The output watermark is held back by the larger relative size (10).
  EXPECT_EQ(watermark(h, 118), "watermark 108\n");
  EXPECT_EQ(h.backend().numEntries("left-cache"), 0u);
  EXPECT_EQ(h.backend().numEntries("right-cache"), 0u);
  // Late: the right rows of its interval expired.
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, int64_t{104}}), "");
}

TEST(IntervalJoinOperatorTest, OuterSidesArePaddedWhenTheirRowsExpire) {
  TwoInputOperatorHarness h = intervalHarness(FlinkJoinType::kFull);
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, int64_t{100}}), "");
  EXPECT_EQ(h.process(L, RowKind::INSERT, {2, int64_t{100}}), "");
  EXPECT_EQ(h.process(R, RowKind::INSERT, {1, int64_t{95}}), "+I[1, 100, 1, 95]\n");
  EXPECT_EQ(h.process(R, RowKind::INSERT, {3, int64_t{150}}), "");
  EXPECT_EQ(watermark(h, 140), "+I[2, 100, null, null]\nwatermark 130\n");
  EXPECT_EQ(watermark(h, 200), "+I[null, null, 3, 150]\nwatermark 190\n");
  // A late row is padded at once: nothing can join it any more.
  EXPECT_EQ(h.process(L, RowKind::INSERT, {4, int64_t{50}}), "+I[4, 50, null, null]\n");
  EXPECT_EQ(h.process(R, RowKind::INSERT, {5, int64_t{50}}), "+I[null, null, 5, 50]\n");
}

TEST(IntervalJoinOperatorTest, NullKeysAndNullTimes) {
  TwoInputOperatorHarness h = intervalHarness(FlinkJoinType::kLeft);
  EXPECT_EQ(h.process(L, RowKind::INSERT, {Value(), int64_t{100}}), "");
  EXPECT_EQ(h.process(R, RowKind::INSERT, {Value(), int64_t{100}}), "");
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, Value()}), "");
  EXPECT_EQ(watermark(h, 1000), "+I[null, 100, null, null]\nwatermark 990\n");
}

// SQL through the planner: bounded sources end with the maximal watermark, which expires
// every row, so the final rows are fixed whatever the interleaving.
class SqlIntervalJoinTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    ValuesData::registerData("orders", {insertRow({"1", "1", "2024-01-01 10:00:00"}), insertRow({"2", "2", "2024-01-01 10:30:00"}),
                                        insertRow({"3", "1", "2024-01-01 12:00:00"}), insertRow({"4", std::nullopt, "2024-01-01 10:00:00"})});
    ValuesData::registerData("shipments", {insertRow({"1", "2024-01-01 10:20:00"}), insertRow({"2", "2024-01-01 12:00:00"}),
                                           insertRow({"1", "2024-01-01 09:59:59"}), insertRow({"1", "2024-01-01 12:30:00"})});
    ASSERT_EQ(runSql(*env_, "CREATE TABLE orders (oid INT, id INT, ots TIMESTAMP(3), WATERMARK FOR ots AS ots) "
                            "WITH ('connector' = 'values', 'data-id' = 'orders')"),
              "[OK]\n");
    ASSERT_EQ(runSql(*env_, "CREATE TABLE shipments (id INT, sts TIMESTAMP(3), WATERMARK FOR sts AS sts) "
                            "WITH ('connector' = 'values', 'data-id' = 'shipments')"),
              "[OK]\n");
  }

  std::string sortedRows(const std::string& sql) { return eddy::sql::sortedRows(*env_, sql); }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlIntervalJoinTest, BetweenBoundsJoinInsertOnly) {
  EXPECT_EQ(sortedRows("SELECT o.oid, s.sts FROM orders o JOIN shipments s ON o.id = s.id AND "
                       "s.sts BETWEEN o.ots AND o.ots + INTERVAL '1' HOUR"),
            "+I[1, 2024-01-01 10:20:00.000]\n+I[3, 2024-01-01 12:30:00.000]\n");
  EXPECT_EQ(sortedRows("SELECT o.oid, s.sts FROM orders o, shipments s WHERE o.id = s.id AND "
                       "s.sts >= o.ots AND s.sts < o.ots + INTERVAL '30' MINUTE"),
            "+I[1, 2024-01-01 10:20:00.000]\n");
}

TEST_F(SqlIntervalJoinTest, OuterIntervalJoinPadsRowsWithoutPartner) {
  EXPECT_EQ(sortedRows("SELECT o.oid, s.sts FROM orders o LEFT JOIN shipments s ON o.id = s.id AND "
                       "o.ots BETWEEN s.sts - INTERVAL '1' HOUR AND s.sts"),
            "+I[1, 2024-01-01 10:20:00.000]\n+I[2, NULL]\n+I[3, 2024-01-01 12:30:00.000]\n+I[4, NULL]\n");
}

TEST_F(SqlIntervalJoinTest, ExplainShowsTheWindowBounds) {
  Result<std::string> plan = env_->explainSql(
      "SELECT o.oid, s.sts FROM orders o JOIN shipments s ON o.id = s.id AND o.ots BETWEEN s.sts - INTERVAL '1' "
      "HOUR AND s.sts",
      true);
  ASSERT_TRUE(plan.ok()) << plan.status().toString();
  EXPECT_NE(plan->find("IntervalJoin(joinType=[InnerJoin], windowBounds=[isRowTime=true, leftLowerBound=-3600000, "
                       "leftUpperBound=0, leftTimeIndex=2, rightTimeIndex=1], where=[AND(=(id, id0), "),
            std::string::npos)
      << *plan;
  EXPECT_NE(plan->find("select=[oid, id, ots, id0, sts], changelogMode=[I])"), std::string::npos) << *plan;
}

TEST_F(SqlIntervalJoinTest, OneSidedBoundIsARegularJoinAndChangelogsAreRefused) {
  // One bound only is not an interval join: a regular join on the materialized times, as
  // Flink's RelTimeIndicatorConverter makes it (older Flink refused rowtimes there).
  EXPECT_EQ(sortedRows("SELECT o.oid, s.sts FROM orders o JOIN shipments s ON o.id = s.id AND "
                       "o.ots > s.sts - INTERVAL '5' SECOND"),
            "+I[1, 2024-01-01 09:59:59.000]\n+I[3, 2024-01-01 09:59:59.000]\n+I[3, 2024-01-01 10:20:00.000]\n");
  ASSERT_EQ(runSql(*env_, "CREATE TABLE changes (id INT, cts TIMESTAMP(3), WATERMARK FOR cts AS cts) WITH ("
                          "'connector' = 'values', 'changelog-mode' = 'I,UB,UA,D')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SELECT o.oid FROM orders o JOIN changes c ON o.id = c.id AND o.ots BETWEEN c.cts AND "
                          "c.cts + INTERVAL '1' SECOND"),
            "ERROR: StreamPhysicalIntervalJoin doesn't support consuming update and delete changes which is produced "
            "by node TableSourceScan(table=[[default_catalog, default_database, changes]], fields=[id, cts])");
}

}  // namespace
}  // namespace eddy::sql
