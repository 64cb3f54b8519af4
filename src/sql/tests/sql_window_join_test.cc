#include <gtest/gtest.h>

#include "eddy/types/data_types.h"
#include "sql/runtime/window_join_operator.h"
#include "sql/tests/join_operator_harness.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

using types::DataTypes;
using types::RowKind;
using types::Value;

const types::LogicalType kLeft = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT()),
                                                 DataTypes::FIELD("ws", DataTypes::BIGINT()),
                                                 DataTypes::FIELD("we", DataTypes::BIGINT())});
const types::LogicalType kRight = DataTypes::ROW({DataTypes::FIELD("id0", DataTypes::INT()),
                                                  DataTypes::FIELD("ws0", DataTypes::BIGINT()),
                                                  DataTypes::FIELD("we0", DataTypes::BIGINT())});

// A window join on id = id0 of rows carrying their window as (ws, we).
TwoInputOperatorHarness windowJoinHarness(FlinkJoinType type) {
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
  const bool semi_or_anti = type == FlinkJoinType::kSemi || type == FlinkJoinType::kAnti;
  spec->output_type = semi_or_anti ? kLeft : DataTypes::ROW(fields);
  return TwoInputOperatorHarness(std::make_unique<WindowJoinOperator>(spec, std::vector<int>{1, 2, 1, 2}), kLeft, kRight);
}

constexpr int L = 0;
constexpr int R = 1;

// Advances both inputs' watermarks; returns what was emitted, rows sorted (keys fire in no
// fixed order), the watermark last.
std::string watermark(TwoInputOperatorHarness& h, int64_t time) {
  return sortedLines(h.watermark(L, time) + h.watermark(R, time));
}

Value window(int64_t ms) { return Value(ms); }

TEST(WindowJoinOperatorTest, AWindowJoinsWhenTheWatermarkPassesItsEndAndLateRowsAreDropped) {
  TwoInputOperatorHarness h = windowJoinHarness(FlinkJoinType::kInner);
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, window(0), window(10)}), "");
  EXPECT_EQ(h.process(R, RowKind::INSERT, {1, window(0), window(10)}), "");
  EXPECT_EQ(h.process(R, RowKind::INSERT, {1, window(10), window(20)}), "");
  EXPECT_EQ(h.process(L, RowKind::INSERT, {2, window(0), window(10)}), "");
  EXPECT_EQ(watermark(h, 8), "watermark 8\n");
  EXPECT_EQ(watermark(h, 9), "+I[1, 0, 10, 1, 0, 10]\nwatermark 9\n");
  EXPECT_EQ(h.backend().numEntries("left-records"), 0u);
  // Window [0, 10) has fired: a row of it is late.
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, window(0), window(10)}), "");
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, window(10), window(20)}), "");
  EXPECT_EQ(watermark(h, 19), "+I[1, 10, 20, 1, 10, 20]\nwatermark 19\n");
  EXPECT_EQ(h.backend().numEntries("left-records"), 0u);
  EXPECT_EQ(h.backend().numEntries("right-records"), 0u);
}

TEST(WindowJoinOperatorTest, AFullOuterJoinPadsTheRowsWithoutMatchAndNullKeysMatchNothing) {
  TwoInputOperatorHarness h = windowJoinHarness(FlinkJoinType::kFull);
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, window(0), window(10)}), "");
  EXPECT_EQ(h.process(L, RowKind::INSERT, {2, window(0), window(10)}), "");
  EXPECT_EQ(h.process(L, RowKind::INSERT, {Value(), window(0), window(10)}), "");
  EXPECT_EQ(h.process(R, RowKind::INSERT, {1, window(0), window(10)}), "");
  EXPECT_EQ(h.process(R, RowKind::INSERT, {3, window(0), window(10)}), "");
  EXPECT_EQ(h.process(R, RowKind::INSERT, {Value(), window(0), window(10)}), "");
  EXPECT_EQ(watermark(h, 9),
            "+I[1, 0, 10, 1, 0, 10]\n+I[2, 0, 10, null, null, null]\n+I[null, 0, 10, null, null, null]\n"
            "+I[null, null, null, 3, 0, 10]\n+I[null, null, null, null, 0, 10]\nwatermark 9\n");
}

TEST(WindowJoinOperatorTest, SemiAndAntiJoinsEmitEachLeftRowOnce) {
  TwoInputOperatorHarness semi = windowJoinHarness(FlinkJoinType::kSemi);
  TwoInputOperatorHarness anti = windowJoinHarness(FlinkJoinType::kAnti);
  for (TwoInputOperatorHarness* h : {&semi, &anti}) {
    EXPECT_EQ(h->process(L, RowKind::INSERT, {1, window(0), window(10)}), "");
    EXPECT_EQ(h->process(L, RowKind::INSERT, {2, window(0), window(10)}), "");
    EXPECT_EQ(h->process(R, RowKind::INSERT, {1, window(0), window(10)}), "");
    EXPECT_EQ(h->process(R, RowKind::INSERT, {1, window(0), window(10)}), "");
  }
  EXPECT_EQ(watermark(semi, 9), "+I[1, 0, 10]\nwatermark 9\n");
  EXPECT_EQ(watermark(anti, 9), "+I[2, 0, 10]\nwatermark 9\n");
}

TEST(SqlWindowJoinTest, ExplainShowsTheWindowJoin) {
  std::unique_ptr<table::TableEnvironment> env = table::TableEnvironment::create();
  ASSERT_EQ(runSql(*env, "CREATE TABLE l (id INT, lv STRING, lts TIMESTAMP(3), WATERMARK FOR lts AS lts) "
                         "WITH ('connector' = 'values')"),
            "[OK]\n");
  ASSERT_EQ(runSql(*env, "CREATE TABLE r (id INT, rv STRING, rts TIMESTAMP(3), WATERMARK FOR rts AS rts) "
                         "WITH ('connector' = 'values')"),
            "[OK]\n");
  const std::string plan = optimizedPhysicalPlan(
      *env,
      "SELECT L.lv, R.rv FROM (SELECT * FROM TABLE(TUMBLE(TABLE l, DESCRIPTOR(lts), INTERVAL '5' MINUTES))) L "
      "LEFT JOIN (SELECT * FROM TABLE(TUMBLE(TABLE r, DESCRIPTOR(rts), INTERVAL '5' MINUTES))) R "
      "ON L.window_start = R.window_start AND L.window_end = R.window_end AND L.id = R.id",
      true);
  EXPECT_NE(plan.find("WindowJoin(leftWindow=[TUMBLE(win_start=[window_start], win_end=[window_end], size=[5 min])], "
                      "rightWindow=[TUMBLE(win_start=[window_start], win_end=[window_end], size=[5 min])], "
                      "joinType=[LeftOuterJoin], where=[=(id, id0)], select=[id, lv, lts, window_start, window_end, "
                      "window_time, id0, rv, rts, window_start0, window_end0, window_time0], changelogMode=[I])"),
            std::string::npos)
      << plan;
}

}  // namespace
}  // namespace eddy::sql
