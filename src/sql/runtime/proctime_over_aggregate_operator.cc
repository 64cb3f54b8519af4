#include "sql/runtime/proctime_over_aggregate_operator.h"

#include <utility>

#include "eddy/state/namespaces.h"
#include "eddy/state/state_descriptor.h"
#include "sql/runtime/row_selector.h"
#include "sql/runtime/sortable_codec.h"
#include "sql/runtime/state_bytes.h"

namespace eddy::sql {

using state_bytes::put;
using state_bytes::putString;
using state_bytes::take;
using state_bytes::takeString;

ProcTimeOverAggregateOperator::ProcTimeOverAggregateOperator(std::vector<int> keys, bool rows, int64_t preceding,
                                                             std::vector<AggregateCall> calls,
                                                             types::LogicalType input_type,
                                                             types::LogicalType output_type)
    : keys_(std::move(keys)),
      rows_(rows),
      preceding_(preceding),
      calls_(std::move(calls)),
      input_type_(std::move(input_type)),
      builder_(std::move(output_type)) {
  for (size_t f = 0; f < input_type_.fieldCount(); ++f) all_fields_.push_back(static_cast<int>(f));
}

void ProcTimeOverAggregateOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  over_ = backend_->getPartitionedState<state::VoidNamespace>(state::ValueStateDescriptor<std::string>("over"));
  pending_ = backend_->getPartitionedState<state::VoidNamespace>(state::ValueStateDescriptor<std::string>("pending"));
  work_.emplace(input_type_);
}

void ProcTimeOverAggregateOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    const int64_t now = processingTimeService().getCurrentProcessingTime();
    for (size_t i = 0; i < rows.size(); ++i) {
      key_.clear();
      encodeRowKey(rows, keys_, i, key_);
      backend_->setCurrentKey(key_);
      row_.clear();
      encodeRowKey(rows, all_fields_, i, row_);
      processRow(rows, i, now);
    }
  }
  builder_.flush(typedOutput());
}

void ProcTimeOverAggregateOperator::processRow(const types::ColumnBatch& rows, size_t row, int64_t now) {
  if (!rows_ && preceding_ >= 0) {
    std::string pending = pending_->value().value_or(std::string());
    // The first row of this key at `now` asks for the timer that takes the rows of `now`.
    bool first_at_now = pending.empty();
    if (!first_at_now) {
      std::string_view last = pending;
      int64_t ts = 0;
      while (!last.empty()) {
        ts = take<int64_t>(last);
        takeString(last);
      }
      first_at_now = ts != now;
    }
    if (first_at_now) {
      const int64_t time = now + 1;
      auto [keys, inserted] = timers_.try_emplace(time);
      keys->second.push_back(key_);
      if (inserted) {
        processingTimeService().registerTimer(time, [this, time](int64_t) {
          fireUpTo(time);
          builder_.flush(typedOutput());
        });
      }
    }
    put<int64_t>(pending, now);
    putString(pending, row_);
    pending_->update(pending);
    return;
  }
  loadState();
  if (preceding_ >= 0) {
    // ROWS: the frame is this row and the `preceding_` rows before it.
    if (static_cast<int64_t>(state_.frame.size()) == preceding_ + 1) {
      work_->clear();
      accumulateRow(state_.accumulators, calls_, *work_, decodeRow(state_.frame.front().second), true, scratch_);
      state_.frame.pop_front();
    }
    state_.frame.emplace_back(now, row_);
  }
  accumulateRow(state_.accumulators, calls_, rows, row, false, scratch_);
  over_->update(state_.serialize());
  results_.clear();
  appendResults(state_.accumulators, calls_, results_);
  emit(row_);
}

void ProcTimeOverAggregateOperator::fireUpTo(int64_t time) {
  while (!timers_.empty() && timers_.begin()->first <= time) {
    const int64_t at = timers_.begin()->first;
    const std::vector<std::string> keys = std::move(timers_.begin()->second);
    timers_.erase(timers_.begin());
    for (const std::string& key : keys) fire(at, key);
  }
}

void ProcTimeOverAggregateOperator::fire(int64_t time, const std::string& key) {
  backend_->setCurrentKey(key);
  std::optional<std::string> pending = pending_->value();
  if (!pending) return;
  // The rows that arrived at time - 1 are due; later ones wait for their own timer.
  const int64_t current_time = time - 1;
  std::vector<std::string> due;
  std::string later;
  for (std::string_view in = *pending; !in.empty();) {
    const int64_t ts = take<int64_t>(in);
    std::string row = takeString(in);
    if (ts <= current_time) {
      due.push_back(std::move(row));
    } else {
      put<int64_t>(later, ts);
      putString(later, row);
    }
  }
  if (later.empty()) {
    pending_->clear();
  } else {
    pending_->update(later);
  }
  loadState();
  work_->clear();
  while (!state_.frame.empty() && state_.frame.front().first < current_time - preceding_) {
    accumulateRow(state_.accumulators, calls_, *work_, decodeRow(state_.frame.front().second), true, scratch_);
    state_.frame.pop_front();
  }
  for (std::string& row : due) {
    accumulateRow(state_.accumulators, calls_, *work_, decodeRow(row), false, scratch_);
    state_.frame.emplace_back(current_time, row);
  }
  over_->update(state_.serialize());
  results_.clear();
  appendResults(state_.accumulators, calls_, results_);
  for (const std::string& row : due) emit(row);
}

void ProcTimeOverAggregateOperator::finish() {
  // Flink's in-flight timers: those whose time is before now.
  fireUpTo(processingTimeService().getCurrentProcessingTime() - 1);
  builder_.flush(typedOutput());
}

void ProcTimeOverAggregateOperator::loadState() {
  std::optional<std::string> stored = over_->value();
  state_ = stored ? OverState::deserialize(*stored, calls_.size()) : OverState{};
  state_.accumulators.calls.resize(calls_.size());
}

size_t ProcTimeOverAggregateOperator::decodeRow(const std::string& row) {
  std::string_view in = row;
  for (size_t f = 0; f < input_type_.fieldCount(); ++f) decodeSortable(in, work_->column(f));
  work_->appendRowKind(types::RowKind::INSERT);
  return work_->size() - 1;
}

void ProcTimeOverAggregateOperator::emit(std::string_view row) {
  builder_.decodeInto(row, 0);
  builder_.decodeInto(results_, input_type_.fieldCount());
  builder_.endRow(types::RowKind::INSERT, typedOutput());
}

}  // namespace eddy::sql
