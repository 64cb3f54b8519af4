#include "sql/runtime/mini_batch_global_group_aggregate_operator.h"

#include <iterator>
#include <map>
#include <utility>

#include "eddy/state/state_descriptor.h"
#include "sql/runtime/merge_accumulators.h"
#include "sql/runtime/state_config_util.h"

namespace eddy::sql {

namespace {

// Tidies accumulators after a merge: values whose count the merge brought to zero leave the
// MIN/MAX multisets and DISTINCT maps (a retraction in one bundle cancels an earlier value),
// and over an insert-only input MIN and MAX keep only their extreme
// (AggregateCall::needs_retraction).
void dropMergedAwayValues(GroupAccumulators& group, const std::vector<AggregateCall>& calls) {
  for (size_t c = 0; c < calls.size(); ++c) {
    const AggregateCall& call = calls[c];
    const Accumulator& accumulator = group.calls[c];
    if (accumulator.extras().empty()) continue;
    AccumulatorExtras& extras = group.calls[c].extras();
    std::erase_if(extras.multiset, [](const auto& entry) { return entry.second == 0; });
    absl::erase_if(extras.distinct, [](const auto& entry) { return entry.second == 0; });
    const bool extreme = call.function == AggregateCall::Function::kMin || call.function == AggregateCall::Function::kMax;
    if (!extreme || call.needs_retraction || extras.multiset.size() < 2) continue;
    if (call.function == AggregateCall::Function::kMin) {
      extras.multiset.erase(std::next(extras.multiset.begin()), extras.multiset.end());
    } else {
      extras.multiset.erase(extras.multiset.begin(), std::prev(extras.multiset.end()));
    }
  }
}

}  // namespace

MiniBatchGlobalGroupAggregateOperator::MiniBatchGlobalGroupAggregateOperator(
    size_t key_count, std::vector<AggregateCall> calls, types::LogicalType output_type, bool generate_update_before,
    int64_t state_retention_ms, int64_t bundle_size)
    : MiniBatchBundleOperator(bundle_size, true),
      calls_(calls),
      state_retention_ms_(state_retention_ms),
      emitter_(std::move(calls), std::move(output_type), key_count, generate_update_before) {
  for (size_t k = 0; k < key_count; ++k) keys_.push_back(static_cast<int>(k));
}

void MiniBatchGlobalGroupAggregateOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  state::ValueStateDescriptor<GroupAccumulators> descriptor("accumulators");
  if (state_retention_ms_ > 0) descriptor.enableTimeToLive(createTtlConfig(state_retention_ms_));
  accumulators_ = backend_->getPartitionedState<state::VoidNamespace>(descriptor);
  for (const std::string& element : savedBundle()) {
    auto [key, value] = decodeBundleEntry(element);
    key_.assign(key);
    if (!backend_->getKeyGroupRange().contains(backend_->keyGroupOf(key_))) continue;
    addToBundle(key, GroupAccumulators::fromBytes(value));
  }
}

void MiniBatchGlobalGroupAggregateOperator::addToBundle(std::string_view key, GroupAccumulators accumulators) {
  GroupAccumulators& group = bundle_.get(key);
  if (group.calls.size() != calls_.size()) {
    group = std::move(accumulators);
  } else {
    mergeAccumulators(group, accumulators, calls_);
  }
}

void MiniBatchGlobalGroupAggregateOperator::processBatch(runtime::BatchBase& batch, int) {
  const size_t accumulators_field = keys_.size();
  addRows(batch, keys_, [&](const std::shared_ptr<const types::ColumnBatch>& rows, size_t i, const std::string& key) {
    addToBundle(key, GroupAccumulators::fromBytes(rows->column(accumulators_field).stringAt(i)));
  });
}

void MiniBatchGlobalGroupAggregateOperator::finishBundle() {
  for (auto& [key, partial] : bundle_.entries()) {
    backend_->setCurrentKey(key);
    bool first_row = false;
    GroupAccumulators& group = accumulators_->getOrCreate(first_row);
    if (first_row) {
      // Only retractions for a group without state (never seen, or expired): nothing to take back.
      if (partial.record_count <= 0) {
        accumulators_->clear();
        continue;
      }
      group.calls.resize(calls_.size());
    }
    emitter_.begin(group, first_row);
    mergeAccumulators(group, partial, calls_);
    dropMergedAwayValues(group, calls_);
    if (!emitter_.end(key, group, typedOutput())) accumulators_->clear();
  }
  emitter_.flush(typedOutput());
  bundle_.clear();
}

void MiniBatchGlobalGroupAggregateOperator::saveBundle(std::vector<std::string>& elements) {
  appendBundleEntries(bundle_, [](const GroupAccumulators& group, std::string& out) { group.appendTo(out); }, elements);
}

}  // namespace eddy::sql
