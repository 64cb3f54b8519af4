#include "sql/runtime/group_aggregate_operator.h"

#include <utility>

#include "eddy/state/state_descriptor.h"
#include "sql/runtime/row_selector.h"
#include "sql/runtime/state_config_util.h"

namespace eddy::sql {

using types::RowKind;

GroupAggregateOperator::GroupAggregateOperator(std::vector<int> keys, std::vector<AggregateCall> calls,
                                               types::LogicalType output_type, bool generate_update_before,
                                               int64_t state_retention_ms)
    : keys_(std::move(keys)),
      calls_(std::move(calls)),
      generate_update_before_(generate_update_before),
      state_retention_ms_(state_retention_ms),
      builder_(std::move(output_type)) {}

void GroupAggregateOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  state::ValueStateDescriptor<GroupAccumulators> descriptor("accumulators");
  if (state_retention_ms_ > 0) descriptor.enableTimeToLive(createTtlConfig(state_retention_ms_));
  accumulators_ = backend_->getPartitionedState<state::VoidNamespace>(descriptor);
}

void GroupAggregateOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    for (size_t i = 0; i < rows.size(); ++i) {
      const RowKind kind = rows.rowKind(i);
      const bool retract = kind == RowKind::UPDATE_BEFORE || kind == RowKind::DELETE;
      key_.clear();
      encodeRowKey(rows, keys_, i, key_);
      backend_->setCurrentKey(key_);
      bool first_row = false;
      GroupAccumulators& group = accumulators_->getOrCreate(first_row);
      if (first_row) {
        // No accumulator for a retraction: the group was never seen (or was cleaned up).
        if (retract) {
          accumulators_->clear();
          continue;
        }
        group.calls.resize(calls_.size());
      }
      before_.clear();
      if (!first_row) appendResults(group, calls_, before_);
      accumulateRow(group, calls_, rows, i, retract, scratch_);
      if (group.record_count != 0) {
        after_.clear();
        appendResults(group, calls_, after_);
        if (first_row) {
          emit(after_, RowKind::INSERT);
        } else if (state_retention_ms_ > 0 || before_ != after_) {
          if (generate_update_before_) emit(before_, RowKind::UPDATE_BEFORE);
          emit(after_, RowKind::UPDATE_AFTER);
        }
      } else {
        if (!first_row) emit(before_, RowKind::DELETE);
        accumulators_->clear();
      }
    }
  }
  builder_.flush(typedOutput());
}

void GroupAggregateOperator::emit(const std::string& results, RowKind kind) {
  builder_.decodeInto(key_, 0);
  builder_.decodeInto(results, keys_.size());
  builder_.endRow(kind, typedOutput());
}

}  // namespace eddy::sql
