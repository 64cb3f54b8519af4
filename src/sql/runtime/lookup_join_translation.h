#pragma once

#include "eddy/api/data_stream.h"
#include "eddy/common/result.h"
#include "sql/expression/expression_evaluator.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// A LookupJoin node as a LookupJoinOperator chained to `input` (the stream of the node's
// input): no exchange, no state. NotSupported for a lookup key of a type the key codec
// cannot encode.
Result<DataStream<RowChunk>> translateLookupJoin(const PlanNode& node, DataStream<RowChunk> input,
                                                 EvaluationContext context);

}  // namespace eddy::sql
