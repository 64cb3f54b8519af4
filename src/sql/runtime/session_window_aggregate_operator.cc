#include "sql/runtime/session_window_aggregate_operator.h"

#include <utility>

#include "eddy/state/namespaces.h"
#include "eddy/state/state_descriptor.h"
#include "eddy/state/typed_keyed_state_backend.h"

namespace eddy::sql {

using windowing::TimeWindow;

SessionWindowAggregateOperator::SessionWindowAggregateOperator(std::vector<int> keys, std::vector<AggregateCall> calls,
                                                               GroupWindow window, types::LogicalType output_type)
    : aggs_(std::move(keys), std::move(calls), window, std::move(output_type)) {}

void SessionWindowAggregateOperator::open() {
  auto* backend = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  aggs_.open(backend);
  window_sets_ = backend->getPartitionedState<state::VoidNamespace>(
      state::ValueStateDescriptor<WindowSet::Mapping>("session-window-set"));
  timers_.emplace(backend, &processingTimeService(),
                  static_cast<operators::Triggerable<std::string, TimeWindow>*>(this));
}

void SessionWindowAggregateOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  const GroupWindow& group_window = aggs_.window();
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    const bool assigned = group_window.start_field >= 0;
    const types::ColumnVector& starts =
        rows.column(static_cast<size_t>(assigned ? group_window.start_field : group_window.time_field));
    for (size_t i = 0; i < rows.size(); ++i) {
      if (starts.isNull(i)) continue;
      const int64_t start = starts.valueAt<int64_t>(i);
      const int64_t end = assigned ? rows.column(static_cast<size_t>(group_window.end_field)).valueAt<int64_t>(i)
                                   : start + group_window.slide_ms;
      aggs_.setCurrentKey(rows, i);
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
  // A new session gets its timer here; a session that grew by merging got it in mergeSessions.
  aggs_.accumulate(*sessions.getStateWindow(actual), rows, row, [&] { registerTimer(actual); });
  sessions.persist();
}

void SessionWindowAggregateOperator::mergeSessions(const TimeWindow& result, const std::vector<TimeWindow>& merged,
                                                   const TimeWindow& state_window,
                                                   const std::vector<TimeWindow>& merged_state_windows) {
  // The merged sessions' timers give way to the timer of the result (EventTimeTrigger#onMerge).
  for (const TimeWindow& window : merged) deleteTimer(window);
  registerTimer(result);
  if (merged_state_windows.empty()) return;
  aggs_.merge(state_window, merged_state_windows);
}

void SessionWindowAggregateOperator::registerTimer(const TimeWindow& window) {
  timers_->registerEventTimeTimer(window, window.maxTimestamp());
}

void SessionWindowAggregateOperator::deleteTimer(const TimeWindow& window) {
  timers_->deleteEventTimeTimer(window, window.maxTimestamp());
}

void SessionWindowAggregateOperator::onEventTime(const operators::InternalTimer<std::string, TimeWindow>& timer) {
  WindowSet sessions(window_sets_);
  std::optional<TimeWindow> state_window = sessions.getStateWindow(timer.ns);
  if (!state_window) return;  // merged into another session, whose timer fires instead
  aggs_.emitWindow(timer.key, *state_window, timer.ns, typedOutput());
  sessions.retireWindow(timer.ns);
  sessions.persist();
}

void SessionWindowAggregateOperator::onWatermark(int64_t watermark) {
  timers_->advanceWatermark(watermark);
  aggs_.flush(typedOutput());
  output()->emitWatermark(watermark);
}

}  // namespace eddy::sql
