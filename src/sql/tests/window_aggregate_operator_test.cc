#include "sql/runtime/window_aggregate_operator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "eddy/types/data_types.h"
#include "sql/tests/keyed_operator_harness.h"
#include "sql/tests/manual_processing_time_service.h"
#include "sql/tests/rocksdb_test_backend.h"

namespace eddy::sql {
namespace {

using types::DataTypes;

// The lines of `text` sorted: windows of one timestamp that fire from keyed state fire in
// timer order, which Flink leaves unspecified.
std::string sortedLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

AggregateCall call(AggregateCall::Function function, int argument, bool distinct = false) {
  AggregateCall out;
  out.function = function;
  out.argument = argument;
  out.distinct = distinct;
  out.needs_retraction = false;
  return out;
}

// Drives one WindowAggregateOperator for
//   SELECT k, COUNT(*), SUM(v), SUM(DISTINCT v), window_start, window_end
//   FROM TABLE(TUMBLE(...)) GROUP BY k, window_start, window_end
// or, with `hop`, for GROUP BY k, HOP(ts, 5, 10) with the window end only; rows are
// (k, v, window_start) with windows of 10, or (k, v, ts).
class WindowAggregateHarness {
 public:
  WindowAggregateHarness(std::optional<size_t> buffer_capacity, const state::StateBackendConfig& config,
                         const state::KeyedStateSnapshot* restored = nullptr, bool hop = false)
      : hop_(hop), input_type_(inputType(hop)) {
    GroupWindow window;
    window.size_ms = 10;
    window.emit_end = true;
    std::vector<types::RowField> output = {DataTypes::FIELD("k", DataTypes::BIGINT()),
                                           DataTypes::FIELD("cnt", DataTypes::BIGINT()),
                                           DataTypes::FIELD("total", DataTypes::BIGINT()),
                                           DataTypes::FIELD("distinct_total", DataTypes::BIGINT())};
    if (hop) {
      window.kind = GroupWindow::Kind::kHop;
      window.slide_ms = 5;
      window.time_field = 2;
    } else {
      window.start_field = 2;
      window.end_field = 3;
      window.emit_start = true;
      output.push_back(DataTypes::FIELD("window_start", DataTypes::BIGINT()));
    }
    output.push_back(DataTypes::FIELD("window_end", DataTypes::BIGINT()));
    harness_ = std::make_unique<KeyedOperatorHarness>(
        std::make_unique<WindowAggregateOperator>(
            std::vector<int>{0},
            std::vector<AggregateCall>{call(AggregateCall::Function::kCount, -1),
                                       call(AggregateCall::Function::kSum, 1),
                                       call(AggregateCall::Function::kSum, 1, true)},
            window, DataTypes::ROW(std::move(output)), buffer_capacity),
        "window", config, restored, &time_);
  }

  // Feeds one batch; returns what the operator emitted for it.
  std::string process(const std::vector<std::array<int64_t, 3>>& rows) {
    auto batch = std::make_shared<types::ColumnBatch>(input_type_);
    for (const auto& [k, v, time] : rows) {
      std::vector<types::Value> fields = {types::Value(k), types::Value(v), types::Value(time)};
      if (!hop_) fields.push_back(types::Value(time + 10));
      EXPECT_TRUE(batch->appendRow(types::Row(types::RowKind::INSERT, std::move(fields))).ok());
    }
    return harness_->process(std::move(batch));
  }
  std::string watermark(int64_t time) { return harness_->watermark(time); }
  state::KeyedStateSnapshot checkpoint() { return harness_->checkpoint(); }
  size_t stateEntries() const { return harness_->stateEntries("window-accumulators"); }

 private:
  static types::LogicalType inputType(bool hop) {
    if (hop) {
      return DataTypes::ROW({DataTypes::FIELD("k", DataTypes::BIGINT()), DataTypes::FIELD("v", DataTypes::BIGINT()),
                             DataTypes::FIELD("ts", DataTypes::BIGINT())});
    }
    return DataTypes::ROW({DataTypes::FIELD("k", DataTypes::BIGINT()), DataTypes::FIELD("v", DataTypes::BIGINT()),
                           DataTypes::FIELD("window_start", DataTypes::BIGINT()),
                           DataTypes::FIELD("window_end", DataTypes::BIGINT())});
  }

  bool hop_;
  types::LogicalType input_type_;
  ManualProcessingTimeService time_;
  std::unique_ptr<KeyedOperatorHarness> harness_;
};

// Every combination of where the entries live when their windows fire: with a buffer of 1
// entry the buffer goes into keyed state after every batch, and a key's next row in the
// same window takes its accumulators back out.
struct Setup {
  const char* name;
  std::optional<size_t> buffer_capacity;
  bool rocksdb;
};

class WindowAggregateOperatorTest : public ::testing::TestWithParam<Setup> {
 protected:
  std::unique_ptr<WindowAggregateHarness> harness(const state::KeyedStateSnapshot* restored = nullptr,
                                                  bool hop = false) {
    return std::make_unique<WindowAggregateHarness>(
        GetParam().buffer_capacity, GetParam().rocksdb ? rocksDBTestBackend() : state::StateBackendConfig(), restored,
        hop);
  }
};

TEST_P(WindowAggregateOperatorTest, AWindowFiresOnceTheWatermarkPassesItsEndAndLateRowsAreDropped) {
  auto h = harness();
  EXPECT_EQ(h->process({{7, 3, 0}, {8, 2, 0}}), "");
  EXPECT_EQ(h->process({{7, 3, 0}, {7, 1, 0}, {7, 4, 10}}), "");
  EXPECT_EQ(h->watermark(8), "watermark 8\n");
  EXPECT_EQ(sortedLines(h->watermark(9)), "+I[7, 3, 7, 4, 0, 10]\n+I[8, 1, 2, 2, 0, 10]\nwatermark 9\n");
  EXPECT_EQ(h->process({{8, 5, 0}, {8, 6, 10}}), "");
  EXPECT_EQ(sortedLines(h->watermark(25)), "+I[7, 1, 4, 4, 10, 20]\n+I[8, 1, 6, 6, 10, 20]\nwatermark 25\n");
  EXPECT_EQ(h->stateEntries(), 0u);
}

TEST_P(WindowAggregateOperatorTest, HopGroupWindowsAccumulateARowIntoEachOfItsWindows) {
  auto h = harness(nullptr, true);
  EXPECT_EQ(h->process({{7, 1, 7}, {7, 2, 3}}), "");
  EXPECT_EQ(h->process({{7, 2, 12}}), "");
  EXPECT_EQ(h->watermark(9), "+I[7, 1, 2, 2, 5]\n+I[7, 2, 3, 3, 10]\nwatermark 9\n");
  EXPECT_EQ(h->watermark(20), "+I[7, 2, 3, 3, 15]\n+I[7, 1, 2, 2, 20]\nwatermark 20\n");
  EXPECT_EQ(h->stateEntries(), 0u);
}

// The checkpoint is taken with rows of open windows buffered: the restored instance must
// go on from them, also for SUM(DISTINCT), which cannot merge two partial accumulators.
TEST_P(WindowAggregateOperatorTest, ARestoredInstanceEndsAsAnUninterruptedRun) {
  const std::vector<std::array<int64_t, 3>> before = {{7, 3, 0}, {8, 2, 0}, {7, 1, 10}};
  const std::vector<std::array<int64_t, 3>> after = {{7, 3, 0}, {9, 1, 0}, {7, 5, 10}, {7, 1, 10}};
  auto uninterrupted = harness();
  EXPECT_EQ(uninterrupted->process(before), "");
  EXPECT_EQ(uninterrupted->process(after), "");
  const std::string expected = sortedLines(uninterrupted->watermark(30));
  EXPECT_EQ(expected,
            "+I[7, 2, 6, 3, 0, 10]\n+I[7, 3, 7, 6, 10, 20]\n+I[8, 1, 2, 2, 0, 10]\n+I[9, 1, 1, 1, 0, 10]\n"
            "watermark 30\n");

  auto first = harness();
  EXPECT_EQ(first->process(before), "");
  const state::KeyedStateSnapshot checkpoint = first->checkpoint();
  EXPECT_EQ(first->stateEntries(), 3u);
  auto restored = harness(&checkpoint);
  EXPECT_EQ(restored->process(after), "");
  EXPECT_EQ(sortedLines(restored->watermark(30)), expected);
  EXPECT_EQ(restored->stateEntries(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Buffers, WindowAggregateOperatorTest,
                         ::testing::Values(Setup{"Buffered", std::nullopt, false},
                                           Setup{"DrainedAfterEveryBatch", 1, false},
                                           Setup{"BufferedOnRocksDB", std::nullopt, true},
                                           Setup{"DrainedAfterEveryBatchOnRocksDB", 1, true}),
                         [](const ::testing::TestParamInfo<Setup>& info) { return std::string(info.param.name); });

// Windows that never left the buffer emit their keys in the order the keys arrived.
TEST(WindowAggregateOperatorBufferTest, ABufferedWindowEmitsItsKeysInArrivalOrder) {
  WindowAggregateHarness h(std::nullopt, state::StateBackendConfig());
  EXPECT_EQ(h.process({{9, 1, 0}, {7, 1, 0}, {8, 1, 0}, {7, 1, 0}}), "");
  EXPECT_EQ(h.watermark(9), "+I[9, 1, 1, 1, 0, 10]\n+I[7, 2, 2, 1, 0, 10]\n+I[8, 1, 1, 1, 0, 10]\nwatermark 9\n");
  EXPECT_EQ(h.stateEntries(), 0u);
}

}  // namespace
}  // namespace eddy::sql
