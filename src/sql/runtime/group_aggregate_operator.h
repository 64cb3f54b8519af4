#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eddy/runtime/stream_operator.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/aggregate_accumulators.h"
#include "sql/runtime/chunk_builder.h"

namespace eddy::sql {

// A non-windowed GROUP BY over a changelog (Flink's GroupAggFunction in a
// KeyedProcessOperator). Per row: the group key's bytes select the current key of the keyed
// state backend (KeyedStateBackendT<std::string>), the group's accumulators in ValueState
// "accumulators" are updated in place (on the heap backend; read and written back on
// RocksDB), the row is accumulated (+I, +U) or retracted (-U, -D), and:
//   - a new group emits +I[key, results];
//   - a changed group emits -U[old] (when generate_update_before) and +U[new]; an unchanged
//     result emits nothing without state TTL, and -U/+U with it (as Flink, so that the
//     state of downstream operators is refreshed too);
//   - a group whose record count drops to zero emits -D[old] and clears its state;
//   - a retraction for a group without state is ignored.
// With a state retention time ('table.exec.state.ttl'), a group's accumulators expire that
// long after they were last written (createTtlConfig): the group then starts over, as new.
// Output: the key fields, then one field per aggregate call.
class GroupAggregateOperator final : public runtime::OneOutputOperator<RowChunk> {
 public:
  GroupAggregateOperator(std::vector<int> keys, std::vector<AggregateCall> calls, types::LogicalType output_type,
                         bool generate_update_before, int64_t state_retention_ms);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 private:
  void emit(const std::string& results, types::RowKind kind);

  std::vector<int> keys_;
  std::vector<AggregateCall> calls_;
  bool generate_update_before_;
  int64_t state_retention_ms_;
  ChunkBuilder builder_;
  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  state::HeapValueState<std::string, state::VoidNamespace, GroupAccumulators>* accumulators_ = nullptr;
  // Reused per row.
  std::string key_;
  std::string scratch_;
  std::string before_;
  std::string after_;
};

}  // namespace eddy::sql
