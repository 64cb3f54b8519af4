#pragma once

#include <memory>
#include <vector>

#include "eddy/runtime/stream_operator.h"
#include "eddy/windowing/time_window.h"
#include "sql/expression/expression_evaluator.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// A window table function TUMBLE/HOP/CUMULATE over event time (Flink's
// WindowTableFunctionOperator): every row is emitted once per window its rowtime falls in,
// with window_start, window_end and window_time (end - 1) appended. Rows with a NULL rowtime
// are dropped; late rows pass (the consumer decides). Stateless; insert-only in and out.
// Chunks are built a column at a time from a selection vector of the input rows.
class WindowTableFunctionOperator final : public runtime::OneOutputOperator<RowChunk> {
 public:
  WindowTableFunctionOperator(const types::LogicalType& input_type, types::LogicalType output_type, GroupWindow window);

  void processBatch(runtime::BatchBase& batch, int input) override;

 private:
  types::LogicalType output_type_;
  GroupWindow window_;
  std::vector<ExpressionEvaluator> columns_;
  runtime::RecordBatch<RowChunk> out_;
  // Reused per chunk.
  std::vector<int32_t> selection_;
  std::vector<windowing::TimeWindow> windows_;
  std::vector<windowing::TimeWindow> row_windows_;
};

}  // namespace eddy::sql
