#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "eddy/runtime/stream_operator.h"
#include "eddy/windowing/time_window.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/window_aggs_handle.h"

namespace eddy::sql {

// A TUMBLE, HOP or CUMULATE window aggregation over processing time (Flink's WindowOperator
// with the ProcessingTimeTrigger for a GroupWindowAggregate on a PROCTIME() column, and the
// WindowAggregate over a window TVF on one). A group window puts each row into the windows
// of the processing time at which this operator reads it (one clock read per batch); the
// rows of a window TVF arrive with their windows assigned from the materialized proctime.
// Accumulators live in keyed state as WindowAggregateOperator keeps them (ValueState
// "window-accumulators" under the window's namespace). A window fires when the processing
// time reaches its max timestamp (end - 1): +I[key, results, start, end, max timestamp] for
// every key with rows in it, keys in arrival order, then its state is dropped. Nothing is
// late on processing time.
//
// When a bounded input ends, a window fires only if its timer was due: Flink quiesces the
// operator's ProcessingTimeService before finish() (StreamOperatorWrapper#
// quiesceTimeServiceAndFinishOperator), so a timer its timer thread has not handed to the
// mailbox yet never fires, while one already in the mailbox runs before finish(). The timer
// thread hands a timer over 1 ms after its time (ProcessingTimeServiceUtil#
// getProcessingTimeDelay), so finish() fires, earliest first, the windows whose max timestamp
// is before the current processing time (due while the task was busy reading input) and
// drops the rest unfired: Nexmark q12 on a short bounded input emits nothing, as on Flink.
// The pending windows are not in checkpoints: a restored job fires only the windows that get
// new rows. Insert-only input and output; used by one task thread.
class ProcTimeWindowAggregateOperator final : public runtime::OneOutputOperator<RowChunk> {
 public:
  ProcTimeWindowAggregateOperator(std::vector<int> keys, std::vector<AggregateCall> calls, GroupWindow window,
                                  types::LogicalType output_type);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;
  // Fires the windows whose timers were due; see the class comment.
  void finish() override;

 private:
  // (end, start): windows in the order they fire.
  using WindowKey = std::pair<int64_t, int64_t>;

  void accumulate(const types::ColumnBatch& rows, size_t row, const windowing::TimeWindow& window);
  // Fires every pending window whose max timestamp is at or before `time`.
  void fireUpTo(int64_t time);
  void fire(const windowing::TimeWindow& window, const std::vector<std::string>& keys);

  WindowAggsHandle aggs_;
  // The keys with accumulators in each window not fired yet; one processing-time timer per
  // window.
  std::map<WindowKey, std::vector<std::string>> pending_;
  // Reused per batch.
  std::vector<windowing::TimeWindow> windows_;
};

}  // namespace eddy::sql
