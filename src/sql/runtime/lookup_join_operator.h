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
#include "sql/runtime/lookup_full_cache.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// What a LookupJoin computes (lookup_join_spec.h), compiled once and shared, read-only, by
// the parallel instances.
struct LookupJoinProgram {
  std::shared_ptr<const FullCachingLookupProvider> provider;
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
// LookupJoinRunner over a full cache): open() loads the whole table once per task through
// the provider and indexes it by the lookup keys (LookupFullCache); then for every chunk the
// rows' keys are looked up, the pairs gathered column by column into the output chunk, and
// the residual condition, if any, evaluated over the joined rows. A LEFT join emits an input
// row without a kept match padded with NULLs; an input row with a NULL key matches nothing.
// Each joined row has its input row's RowKind, so a changelog passes through. Not keyed and
// without state: the table is read again on restore, as Flink's cache is. Runs in the task
// thread; a load or evaluation failure fails the job naming this operator.
class LookupJoinOperator final : public runtime::OneOutputOperator<RowChunk> {
 public:
  explicit LookupJoinOperator(std::shared_ptr<const LookupJoinProgram> program) : program_(std::move(program)) {}

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 private:
  // Fills left_rows_ / table_rows_ with the candidate pairs of `rows`, in input order.
  void lookupRows(const types::ColumnBatch& rows);
  // Keeps the candidates the condition accepts and pads outer rows left without any.
  void applyCondition(const types::ColumnBatch& rows);
  std::shared_ptr<types::ColumnBatch> gather(const types::ColumnBatch& rows) const;

  std::shared_ptr<const LookupJoinProgram> program_;
  std::optional<LookupFullCache> cache_;
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
