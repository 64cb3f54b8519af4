#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eddy/runtime/stream_operator.h"
#include "sql/connectors/dynamic_table.h"
#include "sql/expression/expression_evaluator.h"
#include "sql/planner/join_spec.h"
#include "sql/runtime/caching_lookup_function.h"
#include "sql/runtime/lookup_full_cache.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// What a LookupJoin computes (lookup_join_spec.h), compiled once and shared, read-only, by
// the parallel instances.
struct LookupJoinProgram {
  LookupRuntimeProvider provider;
  // The table's physical ROW type.
  types::LogicalType table_type = types::DataTypes::ROW(std::vector<types::RowField>{});
  FlinkJoinType join_type = FlinkJoinType::kInner;
  std::vector<int> input_keys;
  std::vector<int> table_keys;
  size_t input_field_count = 0;
  types::LogicalType input_type = types::DataTypes::ROW(std::vector<types::RowField>{});
  types::LogicalType output_type = types::DataTypes::ROW(std::vector<types::RowField>{});
  // Over the output row; null for none.
  std::unique_ptr<ExpressionEvaluator> condition;
};

// Joins each input row with the rows of a lookup table that have its key (Flink's
// LookupJoinRunner). With a FullCachingLookupProvider, open() loads the whole table once
// per task and indexes it by the lookup keys (LookupFullCache); with a
// PartialCachingLookupProvider, each input key is looked up through the provider's
// LookupFunction behind a per-task LookupCache (CachingLookupFunction), and the rows found
// for a chunk are copied into one batch. Then, for every chunk, the pairs are gathered column
// by column into the output chunk and the residual condition, if any, evaluated over the
// joined rows. A LEFT join emits an input row without a kept match padded with NULLs; an
// input row with a NULL key matches nothing and is not looked up. Each joined row has its
// input row's RowKind, so a changelog passes through. Not keyed and without state: the
// table is read again on restore, as Flink's cache is. Runs in the task thread; a load,
// lookup (after the function's own retries) or evaluation failure fails the job naming
// this operator.
class LookupJoinOperator final : public runtime::OneOutputOperator<RowChunk> {
 public:
  explicit LookupJoinOperator(std::shared_ptr<const LookupJoinProgram> program) : program_(std::move(program)) {}

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;
  void close() override;

 private:
  // Fills left_rows_ / table_rows_ with the candidate pairs of `rows`, in input order.
  void lookupRows(const types::ColumnBatch& rows, int64_t now_ms);
  // Looks up the key of input row `row` (encoded in key_) through lookup_ and appends its
  // rows to matched_ and the pairs.
  void appendLookedUp(const types::ColumnBatch& rows, size_t row, int64_t now_ms);
  // Keeps the candidates the condition accepts and pads outer rows left without any.
  void applyCondition(const types::ColumnBatch& rows);
  std::shared_ptr<types::ColumnBatch> gather(const types::ColumnBatch& rows) const;

  std::shared_ptr<const LookupJoinProgram> program_;
  // Exactly one is set after open(): the full cache or the per-key lookups.
  std::optional<LookupFullCache> cache_;
  std::optional<CachingLookupFunction> lookup_;
  // With lookup_: the padding row, then the rows looked up for the current chunk.
  std::optional<types::ColumnBatch> matched_;
  // Where table_rows_ point: the full cache's rows or matched_, and its padding row.
  const types::ColumnBatch* table_batch_ = nullptr;
  int32_t null_row_ = 0;
  // inputRef copies of the kept input fields and of the table's fields.
  std::vector<ExpressionEvaluator> input_copies_;
  std::vector<ExpressionEvaluator> table_copies_;
  // Reused per chunk: the pairs (input row, table row) to emit, the encoded key.
  std::vector<int32_t> left_rows_;
  std::vector<int32_t> table_rows_;
  std::vector<int32_t> kept_left_;
  std::vector<int32_t> kept_table_;
  std::string key_;
  runtime::RecordBatch<RowChunk> out_;
};

}  // namespace eddy::sql
