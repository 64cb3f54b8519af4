#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sql/planner/plan_node.h"
#include "sql/runtime/aggregate_accumulators.h"
#include "sql/runtime/chunk_builder.h"
#include "sql/runtime/mini_batch_bundle.h"
#include "sql/runtime/mini_batch_bundle_operator.h"

namespace eddy::sql {

// The first phase of a two-phase group aggregation (Flink's MiniBatchLocalGroupAggFunction in
// a MapBundleOperator), before the Exchange: it folds the rows of a bundle into accumulators
// per group key, without keyed state, and emits each key's accumulators once per bundle as
// +I[key fields, GroupAccumulators bytes]. Retractions (-U, -D) are folded in as such: the
// record count and the counts of MIN/MAX values may go below zero, and the global phase
// subtracts them. Bundles end as MiniBatchBundleOperator says; a restored bundle may hold
// the keys of any instance. Used by one task thread.
class MiniBatchLocalGroupAggregateOperator final : public MiniBatchBundleOperator {
 public:
  MiniBatchLocalGroupAggregateOperator(std::vector<int> keys, std::vector<AggregateCall> calls,
                                       types::LogicalType output_type, int64_t bundle_size);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 protected:
  void finishBundle() override;
  void saveBundle(std::vector<std::string>& elements) override;

 private:
  std::vector<int> keys_;
  std::vector<AggregateCall> calls_;
  MiniBatchBundle<GroupAccumulators> bundle_;
  ChunkBuilder builder_;
  // Reused per row.
  std::string scratch_;
};

}  // namespace eddy::sql
