#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eddy/runtime/stream_operator.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/rank_output.h"

namespace eddy::sql {

// Top-N over an updating input whose upsert key contains the partition key and whose sort key
// only moves up a row's rank (Flink's UpdatableTopNFunction, the planner's UpdateFastStrategy:
// e.g. ORDER BY COUNT(*) DESC over an insert-only aggregation). Only the top N rows are kept,
// in ValueState "data-state-with-update" per partition key: (sort key, upsert key, row) in
// rank order, equal sort keys in arrival order. Every input row is an upsert (+I or +U; the
// planner asks for no -U): a row whose upsert key is in the top N replaces it and moves up,
// emitting -U / +U for each rank between its new and its old one; a new row enters as with
// insert-only input and pushes the last rows out. Without the row number a replaced row is
// -U[old] / +U[new], and a row pushed out -D. Keyed by the partition key. With a state
// retention time ('table.exec.state.ttl') the top N expires that long after it was last
// written (Flink's createTtlConfig, no cleanup timer): the partition then starts over.
class UpdatableRankOperator final : public runtime::OneOutputOperator<RowChunk> {
 public:
  UpdatableRankOperator(std::vector<int> keys, std::vector<SortField> sort, std::vector<int> upsert_key,
                        int64_t rank_start, int64_t rank_end, bool output_rank_number, bool generate_update_before,
                        size_t input_fields, types::LogicalType output_type, int64_t state_retention_ms);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 private:
  struct Entry {
    std::string sort_key;
    std::string row_key;
    std::string row;
  };

  void processWithRowNumber();
  void processWithoutRowNumber();
  // Flink's emitRecordsWithRowNumber for the current row, just put into the buffer; `old` and
  // `old_rank` are the entry it replaced and its rank (null and -1 for a new row).
  void emitWithRowNumber(const Entry* old, int64_t old_rank);
  // Flink's lenient path for a row whose sort key moved down (monotonicity broken by expired
  // upstream state): the ranks from the old to the new one are emitted again.
  void emitMovedDown(const std::string& old_row, int64_t old_rank, int64_t new_rank);
  // Inserts an entry for the current row after the entries with its sort key.
  size_t put();
  // Flink's checkSortKeyInBufferRange.
  bool inBufferRange() const;

  std::vector<int> keys_;
  std::vector<SortField> sort_;
  std::vector<int> upsert_key_;
  std::vector<int> all_fields_;
  RankOutput out_;
  int64_t state_retention_ms_;
  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  state::ValueState<std::string>* top_ = nullptr;
  // Reused per row.
  std::string key_;
  std::string sort_key_;
  std::string row_key_;
  std::string row_;
  std::string serialized_;
  std::vector<Entry> buffer_;
};

}  // namespace eddy::sql
