#pragma once

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "eddy/runtime/stream_operator.h"
#include "sql/expression/expression_evaluator.h"
#include "sql/planner/correlate_call.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// What a Correlate runs, compiled once and shared read-only by the parallel instances: the
// call and its argument evaluators.
struct CorrelateProgram {
  explicit CorrelateProgram(types::LogicalType type) : output_type(std::move(type)) {}

  types::LogicalType output_type;
  std::shared_ptr<const CorrelateCall> call;
  std::vector<ExpressionEvaluator> arguments;
};

// Joins each input row with the rows a table function produces for it (Flink's
// StreamExecCorrelate): per chunk the arguments are evaluated a column at a time and the
// function's eval runs once over all rows; the output has the input row's fields, then the
// function's. With LEFT JOIN ... ON TRUE an input row the function produces nothing for is
// kept once, with NULLs. Output rows keep their input row's RowKind (so a changelog passes
// through) and come in input order, at most kRowChunkSize to a chunk. An error of the
// function fails the job naming this operator. Used by one task thread.
class CorrelateOperator final : public runtime::OneOutputOperator<RowChunk> {
 public:
  explicit CorrelateOperator(std::shared_ptr<const CorrelateProgram> program) : program_(std::move(program)) {}

  void processBatch(runtime::BatchBase& batch, int input) override;

 private:
  // Emits the joined rows left_rows_[from, to) / right_rows_[from, to) as one chunk.
  void emitRange(const types::ColumnBatch& input, const table::TableFunctionOutput& produced, size_t from, size_t to);

  std::shared_ptr<const CorrelateProgram> program_;
  runtime::RecordBatch<RowChunk> out_;
  // Per output row: its input row, and its row of the function's output (-1: NULLs).
  std::vector<int32_t> left_rows_;
  std::vector<int32_t> right_rows_;
};

}  // namespace eddy::sql
