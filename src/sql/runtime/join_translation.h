#pragma once

#include <string>

#include "eddy/api/data_stream.h"
#include "eddy/common/result.h"
#include "sql/expression/expression_evaluator.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// Adds the StreamingJoinOperator (IntervalJoinOperator for an interval join, WindowJoinOperator for a
// window join) of Join node `join` reading `left` and `right` (the streams
// below its two Exchanges), each input hash-partitioned by its join keys (KeyedChunkOutput);
// without keys the join runs with parallelism 1. NotSupported for a column type the state
// encoding does not handle.
Result<DataStream<RowChunk>> translateJoin(const PlanNode& join, DataStream<RowChunk> left, DataStream<RowChunk> right,
                                           EvaluationContext context, const std::string& uid);

}  // namespace eddy::sql
