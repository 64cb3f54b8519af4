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
// A chunk's keys are encoded first; the state entry of a row's key is prefetched a few rows
// before the row is worked on, so that the cache misses of the state lookups overlap.
class GroupAggregateOperator final : public runtime::OneOutputOperator<RowChunk> {
 public:
  GroupAggregateOperator(std::vector<int> keys, std::vector<AggregateCall> calls, types::LogicalType output_type,
                         bool generate_update_before, int64_t state_retention_ms);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 private:
  void processChunk(const types::ColumnBatch& rows);
  // Encodes the chunk's keys into keys_buffer_ and computes their key groups.
  void prepareKeys(const types::ColumnBatch& rows);
  // Prefetches the state entry of the key of `row` (see StateTable::prefetch).
  void prefetchKey(size_t row) const;
  void emit(const std::string& results, types::RowKind kind);
  // Emits the group's current results for the key of `row` without encoding them first.
  void emitCurrent(const types::ColumnBatch& rows, size_t row, const GroupAccumulators& group, types::RowKind kind);

  std::vector<int> keys_;
  std::vector<AggregateCall> calls_;
  bool generate_update_before_;
  int64_t state_retention_ms_;
  ChunkBuilder builder_;
  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  state::HeapValueState<std::string, state::VoidNamespace, GroupAccumulators>* accumulators_ = nullptr;
  // Whether the results before a row are kept to emit or compare: not when no -U rows and no
  // state TTL are asked for and a COUNT(*) among the calls makes every row change the results.
  bool keep_results_before_ = true;
  // The chunk's encoded keys (the i-th ends at key_ends_[i]) and their key groups.
  std::string keys_buffer_;
  std::vector<size_t> key_ends_;
  std::vector<int> key_groups_;
  // Reused per row.
  std::string key_;
  std::string scratch_;
  std::string before_;
  std::string after_;
};

}  // namespace eddy::sql
