#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "eddy/types/data_types.h"
#include "sql/runtime/proctime_over_aggregate_operator.h"
#include "sql/tests/join_operator_harness.h"
#include "sql/tests/manual_processing_time_service.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

using types::DataTypes;

// Drives a ProcTimeOverAggregateOperator for SELECT k, v, COUNT(*) OVER w, SUM(v) OVER w with
// w partitioned by k over processing time, the frame as each test builds it.
class ProcTimeOverAggregateOperatorTest : public ::testing::Test {
 protected:
  void start(bool rows, int64_t preceding) {
    AggregateCall count;
    count.name = "c";
    AggregateCall sum;
    sum.function = AggregateCall::Function::kSum;
    sum.argument = 1;
    sum.name = "s";
    const types::LogicalType input = DataTypes::ROW({DataTypes::FIELD("k", DataTypes::BIGINT()),
                                                     DataTypes::FIELD("v", DataTypes::BIGINT())});
    op_ = std::make_unique<ProcTimeOverAggregateOperator>(
        std::vector<int>{0}, rows, preceding, std::vector<AggregateCall>{count, sum}, input,
        DataTypes::ROW({DataTypes::FIELD("k", DataTypes::BIGINT()), DataTypes::FIELD("v", DataTypes::BIGINT()),
                        DataTypes::FIELD("c", DataTypes::BIGINT()), DataTypes::FIELD("s", DataTypes::BIGINT())}));
    backend_ = *state::KeyedStateBackendT<std::string>::create(state::KeyGroupRange{0, 127}, 128, {});
    runtime::OperatorSetup setup;
    setup.info.name = "over";
    setup.output = &output_;
    setup.keyed_state = backend_.get();
    setup.processing_time = &time_;
    op_->setup(std::move(setup));
    op_->open();
    input_ = input;
  }

  // One batch of (k, v) rows; returns what the operator emitted for it.
  std::string process(const std::vector<std::pair<int64_t, int64_t>>& rows) {
    auto batch = std::make_shared<types::ColumnBatch>(input_);
    for (const auto& [k, v] : rows) {
      EXPECT_TRUE(batch->appendRow(types::Row(types::RowKind::INSERT, {types::Value(k), types::Value(v)})).ok());
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
  types::LogicalType input_ = DataTypes::ROW(std::vector<types::RowField>{});
  std::unique_ptr<ProcTimeOverAggregateOperator> op_;
  std::shared_ptr<state::KeyedStateBackendT<std::string>> backend_;
  ChangelogCollector output_;
};

TEST_F(ProcTimeOverAggregateOperatorTest, RowsFramesEmitEachRowAtOnce) {
  start(true, 1);
  time_.setTime(100);
  EXPECT_EQ(process({{7, 1}, {7, 2}, {8, 5}}), "+I[7, 1, 1, 1]\n+I[7, 2, 2, 3]\n+I[8, 5, 1, 5]\n");
  time_.setTime(5000);
  EXPECT_EQ(process({{7, 3}}), "+I[7, 3, 2, 5]\n");
}

TEST_F(ProcTimeOverAggregateOperatorTest, UnboundedFramesEmitTheRunningResults) {
  start(false, -1);
  time_.setTime(100);
  EXPECT_EQ(process({{7, 1}, {7, 2}}), "+I[7, 1, 1, 1]\n+I[7, 2, 2, 3]\n");
  time_.setTime(900000);
  EXPECT_EQ(process({{7, 3}}), "+I[7, 3, 3, 6]\n");
}

TEST_F(ProcTimeOverAggregateOperatorTest, RangeFramesEmitTheRowsOfAMillisecondTogetherOneMillisecondLater) {
  start(false, 1000);
  time_.setTime(100);
  EXPECT_EQ(process({{7, 1}, {7, 2}, {8, 5}}), "");
  EXPECT_EQ(advanceTo(100), "");
  EXPECT_EQ(advanceTo(101), "+I[7, 1, 2, 3]\n+I[7, 2, 2, 3]\n+I[8, 5, 1, 5]\n");
  time_.setTime(1100);
  EXPECT_EQ(process({{7, 4}}), "");
  // 100 is not before 1100 - 1000: still in the frame.
  EXPECT_EQ(advanceTo(1101), "+I[7, 4, 3, 7]\n");
  time_.setTime(1101);
  EXPECT_EQ(process({{7, 8}}), "");
  EXPECT_EQ(advanceTo(1102), "+I[7, 8, 2, 12]\n");
}

TEST_F(ProcTimeOverAggregateOperatorTest, FinishFiresOnlyTheTimersThatWereDue) {
  start(false, 1000);
  time_.setTime(100);
  EXPECT_EQ(process({{7, 1}}), "");
  time_.setTime(200);
  EXPECT_EQ(process({{7, 2}}), "");
  // The timer of 100 (due at 101) was due; the one of 200 (due at 201) Flink never fires.
  EXPECT_EQ(finishAt(201), "+I[7, 1, 1, 1]\n");
}

}  // namespace
}  // namespace eddy::sql
