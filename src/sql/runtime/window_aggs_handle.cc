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
      state::ValueStateDescriptor<GroupAccumulators>("window-accumulators"));
}

void WindowAggsHandle::setCurrentKey(const types::ColumnBatch& rows, size_t row) {
  key_.clear();
  encodeRowKey(rows, keys_, row, key_);
  backend_->setCurrentKey(key_);
}

void WindowAggsHandle::setCurrentKey(std::string_view key) {
  key_.assign(key);
  backend_->setCurrentKey(key_);
}

void WindowAggsHandle::encodeKey(const types::ColumnBatch& rows, size_t row, std::string& out) const {
  encodeRowKey(rows, keys_, row, out);
}

GroupAccumulators& WindowAggsHandle::load(const TimeWindow& window, bool& created) {
  accumulators_->setCurrentNamespace(window);
  GroupAccumulators& group = accumulators_->getOrCreate(created);
  if (created) group.calls.resize(calls_.size());
  return group;
}

void WindowAggsHandle::merge(const TimeWindow& target, const std::vector<TimeWindow>& merged) {
  bool created = false;
  GroupAccumulators group = load(target, created);
  for (const TimeWindow& window : merged) {
    accumulators_->setCurrentNamespace(window);
    if (std::optional<GroupAccumulators> other = accumulators_->value()) {
      mergeAccumulators(group, *other, calls_);
      accumulators_->clear();
    }
  }
  accumulators_->setCurrentNamespace(target);
  accumulators_->update(group);
}

std::optional<GroupAccumulators> WindowAggsHandle::take(const TimeWindow& window) {
  accumulators_->setCurrentNamespace(window);
  std::optional<GroupAccumulators> group = accumulators_->value();
  if (group) accumulators_->clear();
  return group;
}

bool WindowAggsHandle::store(const TimeWindow& window, GroupAccumulators&& group) {
  accumulators_->setCurrentNamespace(window);
  bool created = false;
  accumulators_->getOrCreate(created) = std::move(group);
  return created;
}

void WindowAggsHandle::emitWindow(const std::string& key, const TimeWindow& state_window, const TimeWindow& window,
                                  runtime::Output<RowChunk>* output) {
  bool created = false;
  const GroupAccumulators& group = load(state_window, created);
  if (created) {
    accumulators_->clear();
    return;
  }
  emitRow(key, group, window, output);
  accumulators_->clear();
}

void WindowAggsHandle::emitRow(std::string_view key, const GroupAccumulators& group, const TimeWindow& window,
                               runtime::Output<RowChunk>* output) {
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
}

}  // namespace eddy::sql
