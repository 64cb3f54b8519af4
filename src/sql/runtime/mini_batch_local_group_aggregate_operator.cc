#include "sql/runtime/mini_batch_local_group_aggregate_operator.h"

#include <utility>

#include "sql/runtime/merge_accumulators.h"

namespace eddy::sql {

using types::RowKind;

MiniBatchLocalGroupAggregateOperator::MiniBatchLocalGroupAggregateOperator(std::vector<int> keys,
                                                                           std::vector<AggregateCall> calls,
                                                                           types::LogicalType output_type,
                                                                           int64_t bundle_size)
    : MiniBatchBundleOperator(bundle_size, false),
      keys_(std::move(keys)),
      calls_(std::move(calls)),
      builder_(std::move(output_type)) {}

void MiniBatchLocalGroupAggregateOperator::open() {
  for (const std::string& element : savedBundle()) {
    auto [key, value] = decodeBundleEntry(element);
    GroupAccumulators& group = bundle_.get(key);
    if (group.calls.size() != calls_.size()) group.calls.resize(calls_.size());
    mergeAccumulators(group, GroupAccumulators::fromBytes(value), calls_);
  }
}

void MiniBatchLocalGroupAggregateOperator::processBatch(runtime::BatchBase& batch, int) {
  addRows(batch, keys_, [this](const std::shared_ptr<const types::ColumnBatch>& rows, size_t i, const std::string& key) {
    const RowKind kind = rows->rowKind(i);
    GroupAccumulators& group = bundle_.get(key);
    if (group.calls.size() != calls_.size()) group.calls.resize(calls_.size());
    accumulateRow(group, calls_, *rows, i, kind == RowKind::UPDATE_BEFORE || kind == RowKind::DELETE, scratch_);
  });
}

void MiniBatchLocalGroupAggregateOperator::finishBundle() {
  const size_t accumulators_field = keys_.size();
  for (auto& [key, group] : bundle_.entries()) {
    builder_.decodeInto(key, 0);
    scratch_.clear();
    group.appendTo(scratch_);
    builder_.batch().column(accumulators_field).appendString(scratch_);
    builder_.endRow(RowKind::INSERT, typedOutput());
  }
  builder_.flush(typedOutput());
  bundle_.clear();
}

void MiniBatchLocalGroupAggregateOperator::saveBundle(std::vector<std::string>& elements) {
  appendBundleEntries(bundle_, [](const GroupAccumulators& group, std::string& out) { group.appendTo(out); }, elements);
}

}  // namespace eddy::sql
