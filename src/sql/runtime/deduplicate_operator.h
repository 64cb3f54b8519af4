#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eddy/runtime/stream_operator.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/chunk_builder.h"

namespace eddy::sql {

// Deduplication: ROW_NUMBER() OVER (PARTITION BY k ORDER BY time) = 1 over an insert-only
// input (Flink's ProcTimeDeduplicateKeepFirstRowFunction, ProcTimeDeduplicateKeepLastRowFunction
// and RowTimeDeduplicateFunction). ValueState "deduplicate" holds the kept row per key with
// its rowtime.
//   - processing time, first row: the first row of a key is +I, later ones are dropped;
//   - processing time, last row: +I for the first, then -U[kept] / +U[new] for each row;
//   - rowtime: a row replaces the kept one when its rowtime is earlier (first row) or not
//     earlier (last row), emitting +I for the first and -U / +U after.
// -U only when generate_update_before. With a state retention time ('table.exec.state.ttl')
// the kept row expires that long after it was last written (Flink's createTtlConfig on the
// functions' state, no cleanup timer): the key's next row is then a first row again.
class DeduplicateOperator final : public runtime::OneOutputOperator<RowChunk> {
 public:
  DeduplicateOperator(std::vector<int> keys, int time_field, bool rowtime, bool keep_last_row,
                      bool generate_update_before, types::LogicalType output_type, int64_t state_retention_ms);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 private:
  void emit(std::string_view row, types::RowKind kind);

  std::vector<int> keys_;
  int time_field_;
  bool rowtime_;
  bool keep_last_row_;
  bool generate_update_before_;
  int64_t state_retention_ms_;
  std::vector<int> all_fields_;
  ChunkBuilder builder_;
  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  state::ValueState<std::string>* kept_ = nullptr;
  // Reused per row: the key, and the candidate as 8 bytes of rowtime then the encoded row.
  std::string key_;
  std::string candidate_;
};

}  // namespace eddy::sql
