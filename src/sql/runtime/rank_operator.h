#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "eddy/runtime/stream_operator.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/rank_output.h"
#include "sql/runtime/sort_key.h"

namespace eddy::sql {

// Top-N over an insert-only input (Flink's AppendOnlyTopNFunction with ROW_NUMBER): per
// partition key, ValueState "topn" holds the rows of the top `rank_end` in sort order (equal
// sort keys in arrival order). A row that sorts after a full top N is dropped; otherwise it
// enters, and:
//   - with the row number in the output: +I[row, rank] when the top N grows; the rows after
//     it shift down one rank each, emitted as -U[old row, rank] / +U[row moved in, rank];
//   - without: -D[the row that fell out] then +I[row].
// Only ranks in [rank_start, rank_end] are emitted (a range not starting at 1 always takes
// the first way). The rank number, when emitted, is the last output field. Keyed by the
// partition key. With a state retention time ('table.exec.state.ttl') "topn" expires that long
// after it was last written (Flink puts createTtlConfig on its "data-state-with-append"; no
// cleanup timer): the partition then starts over, as new.
class RankOperator final : public runtime::OneOutputOperator<RowChunk> {
 public:
  RankOperator(std::vector<int> keys, std::vector<SortField> sort, int64_t rank_start, int64_t rank_end,
               bool output_rank_number, bool generate_update_before, size_t input_fields,
               types::LogicalType output_type, int64_t state_retention_ms);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 private:
  void load();
  void store();

  std::vector<int> keys_;
  std::vector<SortField> sort_;
  std::vector<int> all_fields_;
  RankOutput out_;
  int64_t state_retention_ms_;
  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  state::ValueState<std::string>* top_ = nullptr;
  // Reused per row.
  std::string key_;
  std::string sort_key_;
  std::string row_;
  std::string serialized_;
  SortedRows buffer_;
};

}  // namespace eddy::sql
