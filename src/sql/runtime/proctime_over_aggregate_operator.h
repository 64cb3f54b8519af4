#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "eddy/runtime/stream_operator.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/chunk_builder.h"
#include "sql/runtime/over_state.h"

namespace eddy::sql {

// OVER aggregation on processing time with a frame ending at the current row (Flink's
// ProcTimeUnboundedPrecedingFunction, ProcTimeRowsBoundedPrecedingFunction and
// ProcTimeRangeBoundedPrecedingFunction). Per partition key, ValueState "over" holds the
// accumulators and the rows of a bounded frame (over_state.h):
//   UNBOUNDED PRECEDING (ROWS or RANGE)  each row is accumulated and emitted at once;
//   ROWS n PRECEDING   each row is accumulated and emitted at once, after the row n + 1 back
//                      (in arrival order) is retracted;
//   RANGE t PRECEDING  rows wait in ValueState "pending" with the processing time they arrived
//                      at (one clock read per batch); a timer 1 ms later retracts the frame's
//                      rows older than that time - t, accumulates the waiting rows and emits
//                      each with the same results.
// The keys waiting for each timer are kept in the operator, not in checkpoints; when a bounded
// input ends, finish() fires the timers Flink would have handed over (due before the current
// time), as ProcTimeWindowAggregateOperator does. Insert-only in and out; one task thread.
class ProcTimeOverAggregateOperator final : public runtime::OneOutputOperator<RowChunk> {
 public:
  ProcTimeOverAggregateOperator(std::vector<int> keys, bool rows, int64_t preceding, std::vector<AggregateCall> calls,
                                types::LogicalType input_type, types::LogicalType output_type);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;
  // Fires the RANGE timers that were due; see the class comment.
  void finish() override;

 private:
  void processRow(const types::ColumnBatch& rows, size_t row, int64_t now);
  void fireUpTo(int64_t time);
  void fire(int64_t time, const std::string& key);
  void loadState();
  size_t decodeRow(const std::string& row);
  void emit(std::string_view row);

  std::vector<int> keys_;
  bool rows_;
  int64_t preceding_;
  std::vector<AggregateCall> calls_;
  types::LogicalType input_type_;
  std::vector<int> all_fields_;
  ChunkBuilder builder_;
  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  state::ValueState<std::string>* over_ = nullptr;
  state::ValueState<std::string>* pending_ = nullptr;
  // RANGE: timer time -> the keys with rows waiting for it, in arrival order.
  std::map<int64_t, std::vector<std::string>> timers_;
  // Reused per row and per timer.
  OverState state_;
  std::string key_;
  std::string row_;
  std::string scratch_;
  std::string results_;
  std::optional<types::ColumnBatch> work_;
};

}  // namespace eddy::sql
