#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "eddy/api/data_stream.h"
#include "eddy/common/configuration.h"
#include "eddy/common/result.h"
#include "eddy/runtime/stream_operator.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

using OperatorFactory = std::function<std::unique_ptr<runtime::StreamOperator>()>;

// The operators of the mini-batch plan nodes (plan_mini_batch.h), for PlanTranslator. The
// bundle size is 'table.exec.mini-batch.size': InvalidArgument with Flink's message unless
// positive.

// A GroupAggregate in bundles (MiniBatchGroupAggregateOperator) or a GlobalGroupAggregate
// (MiniBatchGlobalGroupAggregateOperator), keyed by the caller; `calls` with needs_retraction
// set for the aggregated input.
Result<OperatorFactory> miniBatchAggregateFactory(const PlanNode& node, std::vector<AggregateCall> calls,
                                                  int64_t state_retention_ms, const Configuration& config);

// A Deduplicate in bundles (MiniBatchDeduplicateOperator), keyed by the caller; `rowtime`
// when it orders by the rowtime attribute.
Result<OperatorFactory> miniBatchDeduplicateFactory(const PlanNode& node, bool rowtime, int64_t state_retention_ms,
                                                    const Configuration& config);

// A LocalGroupAggregate chained to `input` (MiniBatchLocalGroupAggregateOperator).
Result<DataStream<RowChunk>> translateLocalGroupAggregate(const PlanNode& node, DataStream<RowChunk> input,
                                                          const Configuration& config);

// A MiniBatchAssigner chained to `input` (MiniBatchAssignerOperator).
DataStream<RowChunk> translateMiniBatchAssigner(const PlanNode& node, DataStream<RowChunk> input);

}  // namespace eddy::sql
