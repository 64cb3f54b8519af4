#include "sql/runtime/session_window_aggregate_operator.h"

#include <utility>

#include "eddy/state/namespaces.h"
#include "eddy/state/state_descriptor.h"
#include "sql/runtime/aggregate_accumulators.h"
#include "sql/runtime/merge_accumulators.h"
#include "sql/runtime/row_selector.h"

namespace eddy::sql {

using windowing::TimeWindow;

SessionWindowAggregateOperator::SessionWindowAggregateOperator(std::vector<int> keys, std::vector<AggregateCall> calls,
                                                               GroupWindow window, types::LogicalType output_type)
    : keys_(std::move(keys)), calls_(std::move(calls)), window_(window), builder_(std::move(output_type)) {}

void SessionWindowAggregateOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  accumulators_ = backend_->getPartitionedState<TimeWindow>(
      state::ValueStateDescriptor<std::string>("window-accumulators"));
  window_sets_ = backend_->getPartitionedState<state::VoidNamespace>(
      state::ValueStateDescriptor<WindowSet::Mapping>("session-window-set"));
  timers_.emplace(backend_, &processingTimeService(),
                  static_cast<operators::Triggerable<std::string, TimeWindow>*>(this));
  timer_index_.open(backend_, &*timers_);
}

Result<std::vector<std::string>> SessionWindowAggregateOperator::snapshotOperatorState(int64_t) {
  timer_index_.snapshot();
  return std::vector<std::string>{};
}

void SessionWindowAggregateOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    const bool assigned = window_.start_field >= 0;
    const types::ColumnVector& starts =
        rows.column(static_cast<size_t>(assigned ? window_.start_field : window_.time_field));
    for (size_t i = 0; i < rows.size(); ++i) {
      if (starts.isNull(i)) continue;
      const int64_t start = starts.valueAt<int64_t>(i);
      const int64_t end = assigned ? rows.column(static_cast<size_t>(window_.end_field)).valueAt<int64_t>(i)
                                   : start + window_.slide_ms;
      key_.clear();
      encodeRowKey(rows, keys_, i, key_);
      backend_->setCurrentKey(key_);
      addRow(rows, i, TimeWindow{start, end});
    }
  }
}

void SessionWindowAggregateOperator::addRow(const types::ColumnBatch& rows, size_t row, const TimeWindow& window) {
  WindowSet sessions(window_sets_);
  const TimeWindow actual = sessions.addWindow(
      window, SessionMerger{},
      [this](const TimeWindow& result, const std::vector<TimeWindow>& merged, const TimeWindow& state_window,
             const std::vector<TimeWindow>& merged_state_windows) {
        mergeSessions(result, merged, state_window, merged_state_windows);
      });
  // A session the watermark has passed has fired already: the row is late.
  if (actual.maxTimestamp() <= currentWatermark()) {
    sessions.retireWindow(actual);
    sessions.persist();
    return;
  }
  accumulators_->setCurrentNamespace(*sessions.getStateWindow(actual));
  std::optional<std::string> stored = accumulators_->value();
  GroupAccumulators group;
  if (stored) {
    group = GroupAccumulators::deserialize(*stored);
  } else {
    // A new session; a session that grew by merging got its timer in mergeSessions.
    group.calls.resize(calls_.size());
    registerTimer(actual);
  }
  accumulateRow(group, calls_, rows, row, false, scratch_);
  scratch_.clear();
  group.serialize(scratch_);
  accumulators_->update(scratch_);
  sessions.persist();
}

void SessionWindowAggregateOperator::mergeSessions(const TimeWindow& result, const std::vector<TimeWindow>& merged,
                                                   const TimeWindow& state_window,
                                                   const std::vector<TimeWindow>& merged_state_windows) {
  // The merged sessions' timers give way to the timer of the result (EventTimeTrigger#onMerge).
  for (const TimeWindow& window : merged) deleteTimer(window);
  registerTimer(result);
  if (merged_state_windows.empty()) return;
  accumulators_->setCurrentNamespace(state_window);
  std::optional<std::string> stored = accumulators_->value();
  GroupAccumulators group;
  if (stored) {
    group = GroupAccumulators::deserialize(*stored);
  } else {
    group.calls.resize(calls_.size());
  }
  for (const TimeWindow& window : merged_state_windows) {
    accumulators_->setCurrentNamespace(window);
    if (std::optional<std::string> other = accumulators_->value()) {
      mergeAccumulators(group, GroupAccumulators::deserialize(*other), calls_);
      accumulators_->clear();
    }
  }
  scratch_.clear();
  group.serialize(scratch_);
  accumulators_->setCurrentNamespace(state_window);
  accumulators_->update(scratch_);
}

void SessionWindowAggregateOperator::registerTimer(const TimeWindow& window) {
  timers_->registerEventTimeTimer(window, window.maxTimestamp());
  timer_index_.add(key_, window, window.maxTimestamp());
}

void SessionWindowAggregateOperator::deleteTimer(const TimeWindow& window) {
  timers_->deleteEventTimeTimer(window, window.maxTimestamp());
  timer_index_.remove(key_, window, window.maxTimestamp());
}

void SessionWindowAggregateOperator::onEventTime(const operators::InternalTimer<std::string, TimeWindow>& timer) {
  timer_index_.remove(timer.key, timer.ns, timer.timestamp);
  WindowSet sessions(window_sets_);
  std::optional<TimeWindow> state_window = sessions.getStateWindow(timer.ns);
  if (!state_window) return;  // merged into another session, whose timer fires instead
  accumulators_->setCurrentNamespace(*state_window);
  if (std::optional<std::string> stored = accumulators_->value()) {
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
  sessions.retireWindow(timer.ns);
  sessions.persist();
}

void SessionWindowAggregateOperator::onWatermark(int64_t watermark) {
  timers_->advanceWatermark(watermark);
  builder_.flush(typedOutput());
  output()->emitWatermark(watermark);
}

}  // namespace eddy::sql
