#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "eddy/state/typed_keyed_state_backend.h"
#include "sql/runtime/deduplicate_function.h"
#include "sql/runtime/mini_batch_bundle_operator.h"
#include "sql/runtime/mini_batch_row_bundle.h"

namespace eddy::sql {

// Deduplication in bundles, with 'table.exec.mini-batch.enabled' (Flink's
// ProcTimeMiniBatchDeduplicateKeepFirstRowFunction, ProcTimeMiniBatchDeduplicateKeepLastRowFunction
// and RowTimeMiniBatchDeduplicateFunction in a KeyedMapBundleOperator). A bundle keeps per
// key the first row (processing time, first row), the last row (processing time, last row)
// or every row in arrival order (rowtime), as references into the input chunks, which stay
// alive until the bundle ends. When it ends, each key's kept row is read from the state
// "deduplicate" (as DeduplicateOperator keeps it) once, the key's rows go through
// DeduplicateFunction in order, and the kept row is written once. Bundles end as
// MiniBatchBundleOperator says; a saved bundle holds the rows themselves, and on restore each
// instance takes those of its key groups. Used by one task thread.
class MiniBatchDeduplicateOperator final : public MiniBatchBundleOperator {
 public:
  MiniBatchDeduplicateOperator(std::vector<int> keys, int time_field, bool rowtime, bool keep_last_row,
                               bool generate_update_before, types::LogicalType row_type, int64_t state_retention_ms,
                               int64_t bundle_size);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 protected:
  void finishBundle() override;
  void saveBundle(std::vector<std::string>& elements) override;

 private:
  using RowRef = MiniBatchRowBundle::RowRef;

  std::vector<int> keys_;
  bool rowtime_;
  bool keep_last_row_;
  int64_t state_retention_ms_;
  DeduplicateFunction function_;
  MiniBatchRowBundle bundle_;
  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  state::ValueState<std::string>* kept_ = nullptr;
};

}  // namespace eddy::sql
