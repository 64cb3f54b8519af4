#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eddy/state/typed_keyed_state_backend.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/aggregate_accumulators.h"
#include "sql/runtime/mini_batch_bundle.h"
#include "sql/runtime/mini_batch_bundle_operator.h"
#include "sql/runtime/mini_batch_group_emitter.h"

namespace eddy::sql {

// The second phase of a two-phase group aggregation (Flink's MiniBatchGlobalGroupAggFunction
// in a KeyedMapBundleOperator), after the Exchange. Its input rows are [key fields,
// GroupAccumulators bytes] from MiniBatchLocalGroupAggregateOperator; a bundle merges those of
// each key, and when it ends each key's state ("accumulators", as GroupAggregateOperator keeps
// it) is read once, merged with the bundle's accumulators and written once, and the key's
// change is emitted once (MiniBatchGroupEmitter). Bundles end as MiniBatchBundleOperator
// says; on restore each instance takes the saved keys of its key groups. Output: the key
// fields, then one field per call. Used by one task thread.
class MiniBatchGlobalGroupAggregateOperator final : public MiniBatchBundleOperator {
 public:
  MiniBatchGlobalGroupAggregateOperator(size_t key_count, std::vector<AggregateCall> calls,
                                        types::LogicalType output_type, bool generate_update_before,
                                        int64_t state_retention_ms, int64_t bundle_size);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 protected:
  void finishBundle() override;
  void saveBundle(std::vector<std::string>& elements) override;

 private:
  void addToBundle(std::string_view key, GroupAccumulators accumulators);

  std::vector<int> keys_;
  std::vector<AggregateCall> calls_;
  int64_t state_retention_ms_;
  MiniBatchBundle<GroupAccumulators> bundle_;
  MiniBatchGroupEmitter emitter_;
  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  state::HeapValueState<std::string, state::VoidNamespace, GroupAccumulators>* accumulators_ = nullptr;
  // Reused per saved key on restore.
  std::string key_;
};

}  // namespace eddy::sql
