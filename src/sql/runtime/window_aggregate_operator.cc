#include "sql/runtime/window_aggregate_operator.h"

#include <utility>

#include "eddy/state/typed_keyed_state_backend.h"
#include "sql/runtime/window_assigner.h"

namespace eddy::sql {

using windowing::TimeWindow;

WindowAggregateOperator::WindowAggregateOperator(std::vector<int> keys, std::vector<AggregateCall> calls,
                                                 GroupWindow window, types::LogicalType output_type)
    : aggs_(std::move(keys), std::move(calls), window, std::move(output_type)) {}

void WindowAggregateOperator::open() {
  auto* backend = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  aggs_.open(backend);
  timers_.emplace(backend, &processingTimeService(),
                  static_cast<operators::Triggerable<std::string, TimeWindow>*>(this));
}

void WindowAggregateOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  const GroupWindow& group_window = aggs_.window();
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    if (group_window.start_field >= 0) {
      // Windows assigned upstream by a window table function.
      aggs_.forEachAssignedWindow(rows, [&](size_t i, const TimeWindow& window) { accumulate(rows, i, window); });
      continue;
    }
    const types::ColumnVector& time = rows.column(static_cast<size_t>(group_window.time_field));
    for (size_t i = 0; i < rows.size(); ++i) {
      if (time.isNull(i)) continue;
      aggs_.setCurrentKey(rows, i);
      windows_.clear();
      assignWindows(group_window, time.valueAt<int64_t>(i), windows_);
      for (const TimeWindow& window : windows_) accumulate(rows, i, window);
    }
  }
}

void WindowAggregateOperator::accumulate(const types::ColumnBatch& rows, size_t row, const TimeWindow& window) {
  // A window the watermark has passed has fired already: the row is late.
  if (window.maxTimestamp() <= currentWatermark()) return;
  aggs_.accumulate(window, rows, row, [&] {
    timers_->registerEventTimeTimer(window, window.maxTimestamp());
  });
}

void WindowAggregateOperator::onEventTime(const operators::InternalTimer<std::string, TimeWindow>& timer) {
  aggs_.emitWindow(timer.key, timer.ns, timer.ns, typedOutput());
}

void WindowAggregateOperator::onWatermark(int64_t watermark) {
  timers_->advanceWatermark(watermark);
  aggs_.flush(typedOutput());
  output()->emitWatermark(watermark);
}

}  // namespace eddy::sql
