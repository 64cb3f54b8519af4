#include "sql/runtime/window_aggs_handle.h"

#include <optional>
#include <utility>

#include "eddy/state/state_descriptor.h"
#include "sql/runtime/merge_accumulators.h"
#include "sql/runtime/row_selector.h"

namespace eddy::sql {

using windowing::TimeWindow;

WindowAggsHandle::WindowAggsHandle(std::vector<int> keys, std::vector<AggregateCall> calls, GroupWindow window,
                                   types::LogicalType output_type)
    : keys_(std::move(keys)), calls_(std::move(calls)), window_(window), builder_(std::move(output_type)) {}

void WindowAggsHandle::open(state::KeyedStateBackendT<std::string>* backend) {
  backend_ = backend;
  accumulators_ = backend_->getPartitionedState<TimeWindow>(
      state::ValueStateDescriptor<std::string>("window-accumulators"));
}

void WindowAggsHandle::setCurrentKey(const types::ColumnBatch& rows, size_t row) {
  key_.clear();
  encodeRowKey(rows, keys_, row, key_);
  backend_->setCurrentKey(key_);
}

void WindowAggsHandle::setCurrentKey(const std::string& key) {
  key_.assign(key);
  backend_->setCurrentKey(key_);
}

bool WindowAggsHandle::load(const TimeWindow& window, GroupAccumulators& group) {
  accumulators_->setCurrentNamespace(window);
  std::optional<std::string> stored = accumulators_->value();
  if (stored) {
    group = GroupAccumulators::deserialize(*stored);
    return true;
  }
  group.calls.resize(calls_.size());
  return false;
}

void WindowAggsHandle::store(const TimeWindow& window, const GroupAccumulators& group) {
  scratch_.clear();
  group.serialize(scratch_);
  accumulators_->setCurrentNamespace(window);
  accumulators_->update(scratch_);
}

void WindowAggsHandle::merge(const TimeWindow& target, const std::vector<TimeWindow>& merged) {
  GroupAccumulators group;
  load(target, group);
  for (const TimeWindow& window : merged) {
    accumulators_->setCurrentNamespace(window);
    if (std::optional<std::string> other = accumulators_->value()) {
      mergeAccumulators(group, GroupAccumulators::deserialize(*other), calls_);
      accumulators_->clear();
    }
  }
  store(target, group);
}

void WindowAggsHandle::emitWindow(const std::string& key, const TimeWindow& state_window, const TimeWindow& window,
                                  runtime::Output<RowChunk>* output) {
  accumulators_->setCurrentNamespace(state_window);
  std::optional<std::string> stored = accumulators_->value();
  if (!stored) return;
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
  builder_.endRow(types::RowKind::INSERT, output);
  accumulators_->clear();
}

}  // namespace eddy::sql
