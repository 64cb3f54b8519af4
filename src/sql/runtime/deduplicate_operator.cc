#include "sql/runtime/deduplicate_operator.h"

#include <utility>

#include "eddy/state/namespaces.h"
#include "eddy/state/state_descriptor.h"
#include "sql/runtime/row_selector.h"
#include "sql/runtime/state_config_util.h"

namespace eddy::sql {

state::ValueState<std::string>* deduplicateState(state::KeyedStateBackendT<std::string>& backend,
                                                 int64_t state_retention_ms) {
  state::ValueStateDescriptor<std::string> descriptor("deduplicate");
  if (state_retention_ms > 0) descriptor.enableTimeToLive(createTtlConfig(state_retention_ms));
  return backend.getPartitionedState<state::VoidNamespace>(descriptor);
}

DeduplicateOperator::DeduplicateOperator(std::vector<int> keys, int time_field, bool rowtime, bool keep_last_row,
                                         bool generate_update_before, types::LogicalType output_type,
                                         int64_t state_retention_ms)
    : keys_(std::move(keys)),
      state_retention_ms_(state_retention_ms),
      function_(time_field, rowtime, keep_last_row, generate_update_before, std::move(output_type)) {}

void DeduplicateOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  kept_ = deduplicateState(*backend_, state_retention_ms_);
}

void DeduplicateOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    for (size_t i = 0; i < rows.size(); ++i) {
      key_.clear();
      encodeRowKey(rows, keys_, i, key_);
      backend_->setCurrentKey(key_);
      std::optional<std::string> kept = kept_->value();
      if (function_.processRow(rows, i, kept, typedOutput())) kept_->update(*kept);
    }
  }
  function_.flush(typedOutput());
}

}  // namespace eddy::sql
