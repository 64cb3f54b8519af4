#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eddy/runtime/stream_operator.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/deduplicate_function.h"

namespace eddy::sql {

// Deduplication: ROW_NUMBER() OVER (PARTITION BY k ORDER BY time) = 1 over an insert-only
// input (Flink's ProcTimeDeduplicateKeepFirstRowFunction, ProcTimeDeduplicateKeepLastRowFunction
// and RowTimeDeduplicateFunction), row by row as DeduplicateFunction decides. ValueState
// "deduplicate" holds the kept row per key with its rowtime. With a state retention time
// ('table.exec.state.ttl') the kept row expires that long after it was last written (Flink's
// createTtlConfig on the functions' state, no cleanup timer): the key's next row is then a
// first row again.
class DeduplicateOperator final : public runtime::OneOutputOperator<RowChunk> {
 public:
  DeduplicateOperator(std::vector<int> keys, int time_field, bool rowtime, bool keep_last_row,
                      bool generate_update_before, types::LogicalType output_type, int64_t state_retention_ms);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 private:
  std::vector<int> keys_;
  int64_t state_retention_ms_;
  DeduplicateFunction function_;
  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  state::ValueState<std::string>* kept_ = nullptr;
  // Reused per row.
  std::string key_;
};

// The keyed state of the kept rows, "deduplicate", as both deduplicate operators keep it.
state::ValueState<std::string>* deduplicateState(state::KeyedStateBackendT<std::string>& backend,
                                                 int64_t state_retention_ms);

}  // namespace eddy::sql
