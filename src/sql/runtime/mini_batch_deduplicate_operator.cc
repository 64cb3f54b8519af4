#include "sql/runtime/mini_batch_deduplicate_operator.h"

#include <utility>

#include "sql/runtime/deduplicate_operator.h"

namespace eddy::sql {

MiniBatchDeduplicateOperator::MiniBatchDeduplicateOperator(std::vector<int> keys, int time_field, bool rowtime,
                                                           bool keep_last_row, bool generate_update_before,
                                                           types::LogicalType row_type, int64_t state_retention_ms,
                                                           int64_t bundle_size)
    : MiniBatchBundleOperator(bundle_size, true),
      keys_(std::move(keys)),
      rowtime_(rowtime),
      keep_last_row_(keep_last_row),
      state_retention_ms_(state_retention_ms),
      function_(time_field, rowtime, keep_last_row, generate_update_before, row_type),
      bundle_(std::move(row_type)) {}

void MiniBatchDeduplicateOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  kept_ = deduplicateState(*backend_, state_retention_ms_);
  bundle_.restore(savedBundle(), *backend_);
}

void MiniBatchDeduplicateOperator::processBatch(runtime::BatchBase& batch, int) {
  addRows(batch, keys_, [this](const std::shared_ptr<const types::ColumnBatch>& rows, size_t i, const std::string& key) {
    std::vector<RowRef>& refs = bundle_.rowsOf(rows, key);
    const RowRef ref = bundle_.ref(i);
    // At processing time only the bundle's first (or last) row of a key can be kept.
    if (rowtime_ || refs.empty()) {
      refs.push_back(ref);
    } else if (keep_last_row_) {
      refs.back() = ref;
    }
  });
}

void MiniBatchDeduplicateOperator::finishBundle() {
  for (const auto& [key, refs] : bundle_.entries()) {
    backend_->setCurrentKey(key);
    std::optional<std::string> kept = kept_->value();
    bool changed = false;
    for (RowRef ref : refs) changed |= function_.processRow(bundle_.chunkOf(ref), bundle_.rowOf(ref), kept, typedOutput());
    if (changed) kept_->update(*kept);
  }
  function_.flush(typedOutput());
  bundle_.clear();
}

void MiniBatchDeduplicateOperator::saveBundle(std::vector<std::string>& elements) { bundle_.save(elements); }

}  // namespace eddy::sql
