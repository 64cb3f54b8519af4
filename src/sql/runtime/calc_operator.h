#pragma once

#include <memory>
#include <vector>

#include "eddy/runtime/stream_operator.h"
#include "sql/expression/expression_evaluator.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// What a Calc computes (Flink's generated Calc function): an optional condition and the
// projections, compiled once and shared, read-only, by the parallel instances.
struct CalcProgram {
  explicit CalcProgram(types::LogicalType type) : output_type(std::move(type)) {}

  types::LogicalType output_type;
  std::vector<ExpressionEvaluator> projections;
  std::unique_ptr<ExpressionEvaluator> condition;
};

// Filters and projects chunks (Flink's StreamExecCalc): evaluates the condition over a
// chunk, keeps the rows where it is TRUE as a selection vector, and evaluates every
// projection over those rows only; CURRENT_WATERMARK reads this operator's current
// watermark. RowKinds pass through. An evaluation error (division by zero, a bad CAST)
// fails the job naming this operator.
class CalcOperator final : public runtime::OneOutputOperator<RowChunk> {
 public:
  explicit CalcOperator(std::shared_ptr<const CalcProgram> program) : program_(std::move(program)) {}

  void processBatch(runtime::BatchBase& batch, int input) override;

 private:
  std::shared_ptr<const CalcProgram> program_;
  runtime::RecordBatch<RowChunk> out_;
  std::vector<int32_t> selection_;
};

}  // namespace eddy::sql
