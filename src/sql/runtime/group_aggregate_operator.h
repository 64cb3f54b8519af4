#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eddy/runtime/stream_operator.h"
#include "eddy/state/heap/packed_value_state.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/aggregate_accumulators.h"
#include "sql/runtime/chunk_builder.h"
#include "sql/runtime/compact_group_accumulators.h"
#include "sql/runtime/row_chunk.h"

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
// When every call is a plain COUNT or SUM of numbers (CompactAggregates::of), the state holds
// CompactGroupAccumulators instead: a fixed-size value serialized as GroupAccumulators, so
// that the groups' slots are small and the two layouts' state restores into either. When,
// besides, the keys are fixed-width and short, the state is on the heap and has no TTL, it
// is a PackedValueState of the accumulators' packed words (CompactAggregates::pack): a
// group's key and accumulators take a few words in place and their slot is prefetched
// exactly; its snapshots are the same as the HeapValueState's.
class GroupAggregateOperator final : public runtime::OneOutputOperator<RowChunk> {
 public:
  GroupAggregateOperator(std::vector<int> keys, std::vector<AggregateCall> calls, types::LogicalType output_type,
                         bool generate_update_before, int64_t state_retention_ms);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 private:
  void processChunk(const RowChunk& chunk);
  void processCompactChunk(const RowChunk& chunk);
  void processPackedChunk(const RowChunk& chunk);
  // processPackedChunk for a chunk of inserts when every row changes the results (see
  // keep_results_before_): each row emits one row, +I for a new group and +U otherwise, with
  // the row's own key, so the key columns are copied whole.
  void processPackedInserts(const RowChunk& chunk);
  // Accumulates row `i` into `group` and emits the changes; false when the group is left
  // without rows (its state is then to be cleared).
  bool updateCompact(const types::ColumnBatch& rows, size_t i, bool retract, bool first_row,
                     CompactGroupAccumulators& group);
  // Encodes the chunk's keys and computes their key groups: into keys_buffer_, or for the
  // packed state into their packed words and hashes. The key groups are the Exchange's when
  // it sent them for these keys (ChunkKeyGroups), else computed here.
  void prepareKeys(const RowChunk& chunk);
  void preparePackedKeys(const types::ColumnBatch& rows, const std::vector<int>* given_key_groups);
  // Prefetches the entry of the key of `row` in `state` (see StateTable::prefetch).
  template <typename State>
  void prefetchKey(const State& state, size_t row) const;
  void prefetchKey(const state::PackedValueState& state, size_t row) const;
  // Makes the key of `row` the current key of `state`.
  template <typename State>
  void selectKey(State& state, size_t row);
  void selectKey(state::PackedValueState& state, size_t row);
  // Encodes the chunk's keys, then for each row sets its key as the current one and calls
  // update(row, retract, first_row, accumulators) with the group's entry in `state`, created
  // if new; a retraction for a group without state is dropped.
  template <typename State, typename Update>
  void forEachGroupOf(const RowChunk& chunk, State& state, Update&& update);
  void emit(const std::string& results, types::RowKind kind);
  // Emits the group's current results for the key of `row` without encoding them first.
  void emitCurrent(const types::ColumnBatch& rows, size_t row, const GroupAccumulators& group, types::RowKind kind);
  // The same for compact accumulators.
  void emitCompact(const types::ColumnBatch& rows, size_t row, const CompactGroupAccumulators& group,
                   types::RowKind kind);
  // Appends the key fields of `row` to the output's current row.
  void appendKey(const types::ColumnBatch& rows, size_t row);

  std::vector<int> keys_;
  std::vector<AggregateCall> calls_;
  bool generate_update_before_;
  int64_t state_retention_ms_;
  ChunkBuilder builder_;
  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  // The calls' compact form, when they have one; then compact_accumulators_ holds the state,
  // otherwise accumulators_.
  std::optional<CompactAggregates> compact_;
  state::HeapValueState<std::string, state::VoidNamespace, GroupAccumulators>* accumulators_ = nullptr;
  state::HeapValueState<std::string, state::VoidNamespace, CompactGroupAccumulators>* compact_accumulators_ = nullptr;
  // The words of a packed key, 0 when the encoded keys may not fit two; then, on the heap
  // backend without TTL, packed_accumulators_ holds the compact state instead of
  // compact_accumulators_.
  size_t packed_key_words_ = 0;
  state::PackedValueState* packed_accumulators_ = nullptr;
  // Whether the results before a row are kept to emit or compare: not when no -U rows and no
  // state TTL are asked for and a COUNT(*) among the calls makes every row change the results.
  bool keep_results_before_ = true;
  // The chunk's key groups and its encoded keys (the i-th ends at key_ends_[i]), or with the
  // packed state their packed words and hashes.
  std::vector<int> key_groups_;
  std::string keys_buffer_;
  std::vector<size_t> key_ends_;
  std::vector<uint64_t> packed_keys_;
  std::vector<uint8_t> key_lengths_;
  std::vector<uint64_t> key_hashes_;
  // Reused per row.
  std::string key_;
  std::string scratch_;
  std::string before_;
  std::string after_;
};

}  // namespace eddy::sql
