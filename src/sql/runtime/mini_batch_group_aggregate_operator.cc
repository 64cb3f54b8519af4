#include "sql/runtime/mini_batch_group_aggregate_operator.h"

#include <utility>

#include "eddy/state/state_descriptor.h"
#include "sql/runtime/state_config_util.h"

namespace eddy::sql {

using types::RowKind;

namespace {

bool isRetraction(RowKind kind) { return kind == RowKind::UPDATE_BEFORE || kind == RowKind::DELETE; }

}  // namespace

MiniBatchGroupAggregateOperator::MiniBatchGroupAggregateOperator(std::vector<int> keys, std::vector<AggregateCall> calls,
                                                                 types::LogicalType input_type,
                                                                 types::LogicalType output_type,
                                                                 bool generate_update_before, int64_t state_retention_ms,
                                                                 int64_t bundle_size)
    : MiniBatchBundleOperator(bundle_size, true),
      keys_(std::move(keys)),
      calls_(calls),
      state_retention_ms_(state_retention_ms),
      bundle_(std::move(input_type)),
      emitter_(std::move(calls), std::move(output_type), keys_.size(), generate_update_before) {}

void MiniBatchGroupAggregateOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  state::ValueStateDescriptor<GroupAccumulators> descriptor("accumulators");
  if (state_retention_ms_ > 0) descriptor.enableTimeToLive(createTtlConfig(state_retention_ms_));
  accumulators_ = backend_->getPartitionedState<state::VoidNamespace>(descriptor);
  bundle_.restore(savedBundle(), *backend_);
}

void MiniBatchGroupAggregateOperator::processBatch(runtime::BatchBase& batch, int) {
  addRows(batch, keys_, [this](const std::shared_ptr<const types::ColumnBatch>& rows, size_t i, const std::string& key) {
    bundle_.rowsOf(rows, key).push_back(bundle_.ref(i));
  });
}

void MiniBatchGroupAggregateOperator::finishBundle() {
  for (auto& [key, refs] : bundle_.entries()) {
    backend_->setCurrentKey(key);
    bool first_row = false;
    GroupAccumulators& group = accumulators_->getOrCreate(first_row);
    size_t start = 0;
    if (first_row) {
      // No accumulator for retractions: the group was never seen (or its state expired).
      while (start < refs.size() && isRetraction(bundle_.chunkOf(refs[start]).rowKind(bundle_.rowOf(refs[start])))) {
        ++start;
      }
      if (start == refs.size()) {
        accumulators_->clear();
        continue;
      }
      group.calls.resize(calls_.size());
    }
    emitter_.begin(group, first_row);
    for (size_t r = start; r < refs.size(); ++r) {
      const types::ColumnBatch& rows = bundle_.chunkOf(refs[r]);
      const size_t row = bundle_.rowOf(refs[r]);
      accumulateRow(group, calls_, rows, row, isRetraction(rows.rowKind(row)), scratch_);
    }
    if (!emitter_.end(key, group, typedOutput())) accumulators_->clear();
  }
  emitter_.flush(typedOutput());
  bundle_.clear();
}

void MiniBatchGroupAggregateOperator::saveBundle(std::vector<std::string>& elements) { bundle_.save(elements); }

}  // namespace eddy::sql
