#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "eddy/state/typed_keyed_state_backend.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/aggregate_accumulators.h"
#include "sql/runtime/mini_batch_bundle_operator.h"
#include "sql/runtime/mini_batch_row_bundle.h"
#include "sql/runtime/mini_batch_group_emitter.h"

namespace eddy::sql {

// A one-phase group aggregation in bundles (Flink's MiniBatchGroupAggFunction in a
// KeyedMapBundleOperator): it keeps the rows of a bundle per group key (references into the
// input chunks, which stay alive until the bundle ends), and when the bundle ends reads each
// key's accumulators ("accumulators", as GroupAggregateOperator keeps them) once, folds the
// key's rows in arrival order, writes them once and emits the key's change once
// (MiniBatchGroupEmitter). Retractions that come first for a group without state are
// dropped. Bundles end as MiniBatchBundleOperator says; a saved bundle holds the rows
// themselves, and on restore each instance takes those of its key groups. Output: the key
// fields, then one field per call. Used by one task thread.
class MiniBatchGroupAggregateOperator final : public MiniBatchBundleOperator {
 public:
  MiniBatchGroupAggregateOperator(std::vector<int> keys, std::vector<AggregateCall> calls, types::LogicalType input_type,
                                  types::LogicalType output_type, bool generate_update_before,
                                  int64_t state_retention_ms, int64_t bundle_size);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 protected:
  void finishBundle() override;
  void saveBundle(std::vector<std::string>& elements) override;

 private:
  using RowRef = MiniBatchRowBundle::RowRef;

  std::vector<int> keys_;
  std::vector<AggregateCall> calls_;
  int64_t state_retention_ms_;
  MiniBatchRowBundle bundle_;
  MiniBatchGroupEmitter emitter_;
  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  state::HeapValueState<std::string, state::VoidNamespace, GroupAccumulators>* accumulators_ = nullptr;
  // Reused per row.
  std::string scratch_;
};

}  // namespace eddy::sql
