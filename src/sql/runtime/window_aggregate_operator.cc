#include "sql/runtime/window_aggregate_operator.h"

#include <string_view>
#include <utility>

#include "eddy/state/typed_keyed_state_backend.h"
#include "sql/runtime/window_assigner.h"

namespace eddy::sql {

using windowing::TimeWindow;

WindowAggregateOperator::WindowAggregateOperator(std::vector<int> keys, std::vector<AggregateCall> calls,
                                                 GroupWindow window, types::LogicalType output_type,
                                                 std::optional<size_t> buffer_capacity)
    : aggs_(std::move(keys), calls, window, std::move(output_type)),
      buffer_capacity_(buffer_capacity),
      buffer_(calls.size(), buffer_capacity.value_or(kHeapBufferCapacity)) {}

void WindowAggregateOperator::open() {
  auto* backend = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  aggs_.open(backend);
  buffer_.setCapacity(buffer_capacity_.value_or(backend->rocksDBInstance() ? kRocksDBBufferCapacity : kHeapBufferCapacity));
  timers_.emplace(backend, &processingTimeService(),
                  static_cast<operators::Triggerable<std::string, TimeWindow>*>(this));
  // Every (key, window) in state has its timer: restored timers mean restored accumulators.
  restored_windows_in_state_ = timers_->numEventTimeTimers() > 0;
}

void WindowAggregateOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    collectRows(rows);
    accumulateRows(rows);
  }
  if (buffer_.full()) drainBuffer();
}

void WindowAggregateOperator::collectRows(const types::ColumnBatch& rows) {
  pending_.clear();
  keys_.clear();
  const GroupWindow& group_window = aggs_.window();
  // A window the watermark has passed has fired already: its rows are late.
  auto add = [&](size_t row, const TimeWindow& window, uint32_t key_begin) {
    if (window.maxTimestamp() > currentWatermark()) {
      pending_.push_back({static_cast<uint32_t>(row), key_begin, static_cast<uint32_t>(keys_.size()), window});
    }
  };
  if (group_window.start_field >= 0) {
    // Windows assigned upstream by a window table function.
    const types::ColumnVector& starts = rows.column(static_cast<size_t>(group_window.start_field));
    const types::ColumnVector& ends = rows.column(static_cast<size_t>(group_window.end_field));
    for (size_t i = 0; i < rows.size(); ++i) {
      const auto key_begin = static_cast<uint32_t>(keys_.size());
      aggs_.encodeKey(rows, i, keys_);
      add(i, TimeWindow{starts.valueAt<int64_t>(i), ends.valueAt<int64_t>(i)}, key_begin);
    }
    return;
  }
  const types::ColumnVector& time = rows.column(static_cast<size_t>(group_window.time_field));
  for (size_t i = 0; i < rows.size(); ++i) {
    if (time.isNull(i)) continue;
    windows_.clear();
    assignWindows(group_window, time.valueAt<int64_t>(i), windows_);
    const auto key_begin = static_cast<uint32_t>(keys_.size());
    aggs_.encodeKey(rows, i, keys_);
    for (const TimeWindow& window : windows_) add(i, window, key_begin);
  }
}

void WindowAggregateOperator::accumulateRows(const types::ColumnBatch& rows) {
  auto key = [this](const PendingRow& p) { return std::string_view(keys_).substr(p.key_begin, p.key_end - p.key_begin); };
  for (PendingRow& p : pending_) {
    p.entry.table = buffer_.table(p.window);
    p.hash = WindowBuffer::hash(key(p));
    buffer_.prefetchSlot(p.entry.table, p.hash);
  }
  for (const PendingRow& p : pending_) buffer_.prefetchEntry(p.entry.table, p.hash);
  for (PendingRow& p : pending_) {
    bool created = false;
    p.entry = buffer_.find(p.entry.table, key(p), p.hash, created);
    if (created && (restored_windows_in_state_ || windows_in_state_.contains(p.window))) [[unlikely]] {
      takeFromState(key(p), p.window, buffer_.accumulators(p.entry));
    }
    buffer_.prefetchAccumulators(p.entry);
  }
  for (const PendingRow& p : pending_) aggs_.accumulate(buffer_.accumulators(p.entry), rows, p.row);
}

void WindowAggregateOperator::takeFromState(std::string_view key, const TimeWindow& window, GroupAccumulators& entry) {
  aggs_.setCurrentKey(key);
  if (std::optional<GroupAccumulators> stored = aggs_.take(window)) {
    entry = std::move(*stored);
    timers_->deleteEventTimeTimer(window, window.maxTimestamp());
  }
}

void WindowAggregateOperator::drainBuffer() {
  buffer_.drain([&](const TimeWindow& window, std::span<WindowBuffer::Entry> entries) {
    windows_in_state_.insert(window);
    for (WindowBuffer::Entry& entry : entries) {
      aggs_.setCurrentKey(entry.key);
      if (aggs_.store(window, std::move(entry.accumulators))) {
        timers_->registerEventTimeTimer(window, window.maxTimestamp());
      }
    }
  });
}

Result<std::vector<std::string>> WindowAggregateOperator::snapshotOperatorState(int64_t) {
  drainBuffer();
  return std::vector<std::string>{};
}

void WindowAggregateOperator::onEventTime(const operators::InternalTimer<std::string, TimeWindow>& timer) {
  aggs_.emitWindow(timer.key, timer.ns, timer.ns, typedOutput());
}

void WindowAggregateOperator::onWatermark(int64_t watermark) {
  // Window by window in time order: those in state fire through their timers first.
  buffer_.fireUpTo(watermark, [&](const TimeWindow& window, std::span<const WindowBuffer::Entry> entries) {
    timers_->advanceWatermark(window.maxTimestamp());
    for (const WindowBuffer::Entry& entry : entries) aggs_.emitRow(entry.key, entry.accumulators, window, typedOutput());
  });
  timers_->advanceWatermark(watermark);
  absl::erase_if(windows_in_state_, [watermark](const TimeWindow& w) { return w.maxTimestamp() <= watermark; });
  if (timers_->numEventTimeTimers() == 0) restored_windows_in_state_ = false;
  aggs_.flush(typedOutput());
  output()->emitWatermark(watermark);
}

}  // namespace eddy::sql
