#include "sql/runtime/proctime_window_aggregate_operator.h"

#include <limits>
#include <utility>

#include "eddy/state/state_descriptor.h"
#include "sql/runtime/aggregate_accumulators.h"
#include "sql/runtime/row_selector.h"
#include "sql/runtime/window_assigner.h"

namespace eddy::sql {

using windowing::TimeWindow;

ProcTimeWindowAggregateOperator::ProcTimeWindowAggregateOperator(std::vector<int> keys, std::vector<AggregateCall> calls,
                                                                 GroupWindow window, types::LogicalType output_type)
    : keys_(std::move(keys)), calls_(std::move(calls)), window_(window), builder_(std::move(output_type)) {}

void ProcTimeWindowAggregateOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  accumulators_ = backend_->getPartitionedState<TimeWindow>(
      state::ValueStateDescriptor<std::string>("window-accumulators"));
}

void ProcTimeWindowAggregateOperator::processBatch(runtime::BatchBase& batch, int) {
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
    windows_.clear();
    assignWindows(window_, processingTimeService().getCurrentProcessingTime(), windows_);
    for (size_t i = 0; i < rows.size(); ++i) {
      key_.clear();
      encodeRowKey(rows, keys_, i, key_);
      backend_->setCurrentKey(key_);
      for (const TimeWindow& window : windows_) accumulate(rows, i, window);
    }
  }
}

void ProcTimeWindowAggregateOperator::accumulate(const types::ColumnBatch& rows, size_t row, const TimeWindow& window) {
  accumulators_->setCurrentNamespace(window);
  std::optional<std::string> stored = accumulators_->value();
  GroupAccumulators group;
  if (stored) {
    group = GroupAccumulators::deserialize(*stored);
  } else {
    group.calls.resize(calls_.size());
    auto [pending, inserted] = pending_.try_emplace(WindowKey{window.end, window.start});
    pending->second.push_back(key_);
    if (inserted) {
      processingTimeService().registerTimer(window.maxTimestamp(), [this](int64_t time) {
        fireUpTo(time);
        builder_.flush(typedOutput());
      });
    }
  }
  accumulateRow(group, calls_, rows, row, false, scratch_);
  scratch_.clear();
  group.serialize(scratch_);
  accumulators_->update(scratch_);
}

void ProcTimeWindowAggregateOperator::fireUpTo(int64_t time) {
  while (!pending_.empty()) {
    auto first = pending_.begin();
    const TimeWindow window{first->first.second, first->first.first};
    if (window.maxTimestamp() > time) return;
    const std::vector<std::string> keys = std::move(first->second);
    pending_.erase(first);
    fire(window, keys);
  }
}

void ProcTimeWindowAggregateOperator::fire(const TimeWindow& window, const std::vector<std::string>& keys) {
  for (const std::string& key : keys) {
    backend_->setCurrentKey(key);
    accumulators_->setCurrentNamespace(window);
    std::optional<std::string> stored = accumulators_->value();
    if (!stored) continue;
    const GroupAccumulators group = GroupAccumulators::deserialize(*stored);
    results_.clear();
    appendResults(group, calls_, results_);
    builder_.decodeInto(key, 0);
    builder_.decodeInto(results_, keys_.size());
    types::ColumnBatch& out = builder_.batch();
    size_t field = keys_.size() + calls_.size();
    if (window_.emit_start) out.column(field++).append<int64_t>(window.start);
    if (window_.emit_end) out.column(field++).append<int64_t>(window.end);
    if (window_.emit_rowtime) out.column(field++).append<int64_t>(window.maxTimestamp());
    builder_.endRow(types::RowKind::INSERT, typedOutput());
    accumulators_->clear();
  }
}

void ProcTimeWindowAggregateOperator::finish() {
  fireUpTo(std::numeric_limits<int64_t>::max());
  builder_.flush(typedOutput());
}

}  // namespace eddy::sql
