#pragma once

#include <string>
#include <vector>

#include "sql/planner/plan_node.h"
#include "sql/runtime/aggregate_accumulators.h"
#include "sql/runtime/chunk_builder.h"

namespace eddy::sql {

// Emits what one bundle changed in a group (Flink's MiniBatchGroupAggFunction and
// MiniBatchGlobalGroupAggFunction): +I for a new group, -U (when generate_update_before) and
// +U when its results changed, nothing when they did not, -D when its record count reached
// zero. Rows are the key fields, then one field per call. Used by one operator instance:
//
//   begin(group) → fold the bundle's rows or accumulators into group → end(key, group)
class MiniBatchGroupEmitter {
 public:
  MiniBatchGroupEmitter(std::vector<AggregateCall> calls, types::LogicalType output_type, size_t key_count,
                        bool generate_update_before)
      : calls_(std::move(calls)),
        builder_(std::move(output_type)),
        key_count_(key_count),
        generate_update_before_(generate_update_before) {}

  // Remembers the results of `group` before the bundle; `first_row`: it has no state yet.
  void begin(const GroupAccumulators& group, bool first_row);
  // Emits the change of group `key`; false when the group is empty now (its state goes).
  bool end(const std::string& key, const GroupAccumulators& group, runtime::Output<RowChunk>* output);
  // Emits the rows built so far.
  void flush(runtime::Output<RowChunk>* output) { builder_.flush(output); }

 private:
  void emit(const std::string& key, const std::string& results, types::RowKind kind, runtime::Output<RowChunk>* output);

  std::vector<AggregateCall> calls_;
  ChunkBuilder builder_;
  size_t key_count_;
  bool generate_update_before_;
  bool first_row_ = false;
  std::string before_;
  std::string after_;
};

}  // namespace eddy::sql
