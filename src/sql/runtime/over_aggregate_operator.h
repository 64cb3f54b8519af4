#pragma once

#include <optional>
#include <string>
#include <vector>

#include "eddy/operators/internal_timer_service.h"
#include "eddy/runtime/stream_operator.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "eddy/windowing/time_window.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/chunk_builder.h"

namespace eddy::sql {

// OVER aggregation on rowtime with a frame ending at the current row (Flink's
// RowTimeRowsUnboundedPrecedingFunction, RowTimeRangeUnboundedPrecedingFunction,
// RowTimeRowsBoundedPrecedingFunction and RowTimeRangeBoundedPrecedingFunction). Per
// partition key, a row waits in ValueState "pending" (namespace: the window [ts, ts + 1))
// until the watermark passes its rowtime; an event-time timer at the rowtime then takes the
// rows of that rowtime in arrival order and emits each with the aggregates appended:
//   ROWS   each row is accumulated and emitted on its own (the frame is N rows back);
//   RANGE  all rows of the rowtime are accumulated, then emitted with the same results (the
//          frame reaches back an interval).
// ValueState "over" holds the accumulators, the rows still in a bounded frame and the last
// rowtime fired; a row whose rowtime is not after it is late and dropped (per key, as Flink).
// Insert-only in and out.
class OverAggregateOperator final : public runtime::OneOutputOperator<RowChunk>,
                                    private operators::Triggerable<std::string, windowing::TimeWindow> {
 public:
  OverAggregateOperator(std::vector<int> keys, int time_field, bool rows, int64_t preceding,
                        std::vector<AggregateCall> calls, types::LogicalType input_type,
                        types::LogicalType output_type);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 protected:
  void onWatermark(int64_t watermark) override;

 private:
  void onEventTime(const operators::InternalTimer<std::string, windowing::TimeWindow>& timer) override;
  void onProcessingTime(const operators::InternalTimer<std::string, windowing::TimeWindow>&) override {}
  size_t decodeRow(const std::string& row);
  void emit(const std::string& row);

  std::vector<int> keys_;
  int time_field_;
  bool rows_;
  int64_t preceding_;
  std::vector<AggregateCall> calls_;
  types::LogicalType input_type_;
  std::vector<int> all_fields_;
  ChunkBuilder builder_;
  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  state::InternalValueState<windowing::TimeWindow, std::string>* pending_ = nullptr;
  state::ValueState<std::string>* over_ = nullptr;
  std::optional<operators::InternalTimerService<std::string, windowing::TimeWindow>> timers_;
  // Reused per row and per timer.
  std::string key_;
  std::string row_;
  std::string scratch_;
  std::string results_;
  std::optional<types::ColumnBatch> work_;
};

}  // namespace eddy::sql
