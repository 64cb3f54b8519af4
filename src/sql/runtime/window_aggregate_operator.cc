#include "sql/runtime/window_aggregate_operator.h"

#include <utility>

#include "eddy/state/state_descriptor.h"
#include "sql/runtime/aggregate_accumulators.h"
#include "sql/runtime/row_selector.h"
#include "sql/runtime/window_assigner.h"

namespace eddy::sql {

using windowing::TimeWindow;

WindowAggregateOperator::WindowAggregateOperator(std::vector<int> keys, std::vector<AggregateCall> calls,
                                                 GroupWindow window, types::LogicalType output_type)
    : keys_(std::move(keys)), calls_(std::move(calls)), window_(window), builder_(std::move(output_type)) {}

void WindowAggregateOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  accumulators_ = backend_->getPartitionedState<TimeWindow>(
      state::ValueStateDescriptor<std::string>("window-accumulators"));
  timers_.emplace(backend_, &processingTimeService(),
                  static_cast<operators::Triggerable<std::string, TimeWindow>*>(this));
  timer_index_.open(backend_, &*timers_);
}

Result<std::vector<std::string>> WindowAggregateOperator::snapshotOperatorState(int64_t) {
  timer_index_.snapshot();
  return std::vector<std::string>{};
}

void WindowAggregateOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    if (window_.start_field >= 0) {
      // Windows assigned upstream by a window table function.
      const types::ColumnVector& starts = rows.column(static_cast<size_t>(window_.start_field));
      const types::ColumnVector& ends = rows.column(static_cast<size_t>(window_.end_field));
      for (size_t i = 0; i < rows.size(); ++i) {
        key_.clear();
        encodeRowKey(rows, keys_, i, key_);
        backend_->setCurrentKey(key_);
        accumulate(rows, i, TimeWindow{starts.valueAt<int64_t>(i), ends.valueAt<int64_t>(i)});
      }
      continue;
    }
    const types::ColumnVector& time = rows.column(static_cast<size_t>(window_.time_field));
    for (size_t i = 0; i < rows.size(); ++i) {
      if (time.isNull(i)) continue;
      key_.clear();
      encodeRowKey(rows, keys_, i, key_);
      backend_->setCurrentKey(key_);
      windows_.clear();
      assignWindows(window_, time.valueAt<int64_t>(i), windows_);
      for (const TimeWindow& window : windows_) accumulate(rows, i, window);
    }
  }
}

void WindowAggregateOperator::accumulate(const types::ColumnBatch& rows, size_t row, const TimeWindow& window) {
  // A window the watermark has passed has fired already: the row is late.
  if (window.maxTimestamp() <= currentWatermark()) return;
  accumulators_->setCurrentNamespace(window);
  std::optional<std::string> stored = accumulators_->value();
  GroupAccumulators group;
  if (stored) {
    group = GroupAccumulators::deserialize(*stored);
  } else {
    group.calls.resize(calls_.size());
    timers_->registerEventTimeTimer(window, window.maxTimestamp());
    timer_index_.add(key_, window, window.maxTimestamp());
  }
  accumulateRow(group, calls_, rows, row, false, scratch_);
  scratch_.clear();
  group.serialize(scratch_);
  accumulators_->update(scratch_);
}

void WindowAggregateOperator::onEventTime(const operators::InternalTimer<std::string, TimeWindow>& timer) {
  timer_index_.remove(timer.key, timer.ns, timer.timestamp);
  accumulators_->setCurrentNamespace(timer.ns);
  std::optional<std::string> stored = accumulators_->value();
  if (!stored) return;
  GroupAccumulators group = GroupAccumulators::deserialize(*stored);
  results_.clear();
  appendResults(group, calls_, results_);
  builder_.decodeInto(timer.key, 0);
  builder_.decodeInto(results_, keys_.size());
  types::ColumnBatch& out = builder_.batch();
  size_t field = keys_.size() + calls_.size();
  if (window_.emit_start) out.column(field++).append<int64_t>(timer.ns.start);
  if (window_.emit_end) out.column(field++).append<int64_t>(timer.ns.end);
  if (window_.emit_rowtime) out.column(field++).append<int64_t>(timer.ns.maxTimestamp());
  builder_.endRow(types::RowKind::INSERT, typedOutput());
  accumulators_->clear();
}

void WindowAggregateOperator::onWatermark(int64_t watermark) {
  timers_->advanceWatermark(watermark);
  builder_.flush(typedOutput());
  output()->emitWatermark(watermark);
}

}  // namespace eddy::sql
