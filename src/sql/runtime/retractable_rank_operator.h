#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "eddy/runtime/stream_operator.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/rank_output.h"

namespace eddy::sql {

// Top-N over an updating input without a usable upsert key (Flink's RetractableTopNFunction
// with ROW_NUMBER): every row of the partition is kept, since a retraction may pull a row
// from below the top N back into it. Per partition key:
//   ValueState "sorted-map"  the distinct sort keys in order, each with its number of rows;
//   MapState "data-state"    sort key -> its rows in arrival order.
// +I/+U accumulate a row (after the rows with equal sort keys), -U/-D retract the first equal
// row. With the row number (or a rank range not starting at 1) every rank whose row changes
// is emitted as -U[old row, rank] / +U[new row, rank], +I for a rank that appears and -D for
// one that disappears; without it, the rows entering and leaving the top N as +I / -D. Only
// ranks in [rank_start, rank_end] are emitted. Keyed by the partition key.
// With a state retention time ('table.exec.state.ttl') both states expire, each value or map
// entry that long after it was last written (Flink's createTtlConfig, no cleanup timer); a
// sort key whose rows expired while "sorted-map" still counts them is skipped, as in Flink's
// lenient mode.
class RetractableRankOperator final : public runtime::OneOutputOperator<RowChunk> {
 public:
  RetractableRankOperator(std::vector<int> keys, std::vector<SortField> sort, int64_t rank_start, int64_t rank_end,
                          bool output_rank_number, bool generate_update_before, size_t input_fields,
                          types::LogicalType output_type, int64_t state_retention_ms);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 private:
  // Sort key and row count, in sort order.
  using SortedMap = std::vector<std::pair<std::string, int64_t>>;

  void accumulate();
  void retract();
  void emitWithRowNumber();
  void emitWithoutRowNumber();
  // Both return whether the row was found (and removed from "data-state").
  bool retractWithRowNumber();
  bool retractWithoutRowNumber();
  // The rows of a sort key into `rows`; false when it has none.
  bool loadRows(const std::string& sort_key, std::vector<std::string>& rows);
  void storeRows(const std::string& sort_key, const std::vector<std::string>& rows);

  std::vector<int> keys_;
  std::vector<SortField> sort_;
  std::vector<int> all_fields_;
  RankOutput out_;
  int64_t state_retention_ms_;
  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  state::ValueState<std::string>* sorted_map_state_ = nullptr;
  state::MapState<std::string, std::string>* data_state_ = nullptr;
  // Reused per row.
  std::string key_;
  std::string sort_key_;
  std::string row_;
  std::string current_;
  std::string serialized_;
  SortedMap sorted_map_;
  std::vector<std::string> rows_;
};

}  // namespace eddy::sql
