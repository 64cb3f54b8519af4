#include "sql/runtime/over_aggregate_operator.h"

#include <cstring>
#include <utility>

#include "eddy/state/namespaces.h"
#include "eddy/state/state_descriptor.h"
#include "sql/runtime/aggregate_accumulators.h"
#include "sql/runtime/over_state.h"
#include "sql/runtime/row_selector.h"
#include "sql/runtime/sortable_codec.h"
#include "sql/runtime/state_bytes.h"

namespace eddy::sql {

using state_bytes::take;
using state_bytes::putString;
using state_bytes::takeString;

using windowing::TimeWindow;

OverAggregateOperator::OverAggregateOperator(std::vector<int> keys, int time_field, bool rows, int64_t preceding,
                                             std::vector<AggregateCall> calls, types::LogicalType input_type,
                                             types::LogicalType output_type)
    : keys_(std::move(keys)),
      time_field_(time_field),
      rows_(rows),
      preceding_(preceding),
      calls_(std::move(calls)),
      input_type_(std::move(input_type)),
      builder_(std::move(output_type)) {
  for (size_t f = 0; f < input_type_.fieldCount(); ++f) all_fields_.push_back(static_cast<int>(f));
}

void OverAggregateOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  pending_ = backend_->getPartitionedState<TimeWindow>(state::ValueStateDescriptor<std::string>("pending"));
  over_ = backend_->getPartitionedState<state::VoidNamespace>(state::ValueStateDescriptor<std::string>("over"));
  timers_.emplace(backend_, &processingTimeService(),
                  static_cast<operators::Triggerable<std::string, TimeWindow>*>(this));
}

void OverAggregateOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    const types::ColumnVector& time = rows.column(static_cast<size_t>(time_field_));
    for (size_t i = 0; i < rows.size(); ++i) {
      if (time.isNull(i)) continue;
      const int64_t ts = time.valueAt<int64_t>(i);
      key_.clear();
      encodeRowKey(rows, keys_, i, key_);
      backend_->setCurrentKey(key_);
      std::optional<std::string> over = over_->value();
      if (over) {
        std::string_view view = *over;
        if (ts <= take<int64_t>(view)) continue;
      } else if (ts <= 0) {
        continue;
      }
      const TimeWindow at{ts, ts + 1};
      pending_->setCurrentNamespace(at);
      std::string pending = pending_->value().value_or(std::string());
      row_.clear();
      encodeRowKey(rows, all_fields_, i, row_);
      putString(pending, row_);
      pending_->update(pending);
      timers_->registerEventTimeTimer(at, ts);
    }
  }
}

size_t OverAggregateOperator::decodeRow(const std::string& row) {
  std::string_view in = row;
  for (size_t f = 0; f < input_type_.fieldCount(); ++f) decodeSortable(in, work_->column(f));
  work_->appendRowKind(types::RowKind::INSERT);
  return work_->size() - 1;
}

void OverAggregateOperator::emit(const std::string& row) {
  builder_.decodeInto(row, 0);
  builder_.decodeInto(results_, input_type_.fieldCount());
  builder_.endRow(types::RowKind::INSERT, typedOutput());
}

void OverAggregateOperator::onEventTime(const operators::InternalTimer<std::string, TimeWindow>& timer) {
  const int64_t ts = timer.timestamp;
  pending_->setCurrentNamespace(timer.ns);
  std::optional<std::string> pending = pending_->value();
  if (!pending) return;
  pending_->clear();
  std::vector<std::string> arrived;
  for (std::string_view in = *pending; !in.empty();) arrived.push_back(takeString(in));

  std::optional<std::string> stored = over_->value();
  OverState state = stored ? OverState::deserialize(*stored, calls_.size()) : OverState{};
  state.accumulators.calls.resize(calls_.size());
  work_.emplace(input_type_);
  const bool bounded = preceding_ >= 0;
  if (rows_) {
    for (const std::string& row : arrived) {
      accumulateRow(state.accumulators, calls_, *work_, decodeRow(row), false, scratch_);
      if (bounded) {
        state.frame.emplace_back(ts, row);
        if (static_cast<int64_t>(state.frame.size()) > preceding_ + 1) {
          accumulateRow(state.accumulators, calls_, *work_, decodeRow(state.frame.front().second), true, scratch_);
          state.frame.pop_front();
        }
      }
      results_.clear();
      appendResults(state.accumulators, calls_, results_);
      emit(row);
    }
  } else {
    for (const std::string& row : arrived) {
      accumulateRow(state.accumulators, calls_, *work_, decodeRow(row), false, scratch_);
      if (bounded) state.frame.emplace_back(ts, row);
    }
    // RANGE: the frame holds the rows of rowtimes in [ts - preceding, ts].
    while (bounded && !state.frame.empty() && state.frame.front().first < ts - preceding_) {
      accumulateRow(state.accumulators, calls_, *work_, decodeRow(state.frame.front().second), true, scratch_);
      state.frame.pop_front();
    }
    results_.clear();
    appendResults(state.accumulators, calls_, results_);
    for (const std::string& row : arrived) emit(row);
  }
  state.last_triggering_ts = ts;
  over_->update(state.serialize());
}

void OverAggregateOperator::onWatermark(int64_t watermark) {
  timers_->advanceWatermark(watermark);
  builder_.flush(typedOutput());
  output()->emitWatermark(watermark);
}

}  // namespace eddy::sql
