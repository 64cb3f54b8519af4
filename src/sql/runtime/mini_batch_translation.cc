#include "sql/runtime/mini_batch_translation.h"

#include <utility>

#include "sql/planner/plan_mini_batch.h"
#include "sql/runtime/aggregate_accumulators.h"
#include "sql/runtime/mini_batch_assigner_operator.h"
#include "sql/runtime/mini_batch_deduplicate_operator.h"
#include "sql/runtime/mini_batch_global_group_aggregate_operator.h"
#include "sql/runtime/mini_batch_group_aggregate_operator.h"
#include "sql/runtime/mini_batch_local_group_aggregate_operator.h"

namespace eddy::sql {

Result<OperatorFactory> miniBatchAggregateFactory(const PlanNode& node, std::vector<AggregateCall> calls,
                                                  int64_t state_retention_ms, const Configuration& config) {
  EDDY_ASSIGN_OR_RETURN(int64_t size, miniBatchSize(config));
  if (node.kind == PlanNode::Kind::kGlobalGroupAggregate) {
    return OperatorFactory([keys = node.keys.size(), calls = std::move(calls), type = node.output_type,
                            before = node.generate_update_before, state_retention_ms, size] {
      return std::make_unique<MiniBatchGlobalGroupAggregateOperator>(keys, calls, type, before, state_retention_ms, size);
    });
  }
  return OperatorFactory([keys = node.keys, calls = std::move(calls), in = node.inputs[0]->output_type,
                          type = node.output_type, before = node.generate_update_before, state_retention_ms, size] {
    return std::make_unique<MiniBatchGroupAggregateOperator>(keys, calls, in, type, before, state_retention_ms, size);
  });
}

Result<OperatorFactory> miniBatchDeduplicateFactory(const PlanNode& node, bool rowtime, int64_t state_retention_ms,
                                                    const Configuration& config) {
  EDDY_ASSIGN_OR_RETURN(int64_t size, miniBatchSize(config));
  return OperatorFactory([keys = node.keys, time = node.sort[0].field, rowtime, last = node.keep_last_row,
                          before = node.generate_update_before, type = node.output_type, state_retention_ms, size] {
    return std::make_unique<MiniBatchDeduplicateOperator>(keys, time, rowtime, last, before, type, state_retention_ms,
                                                          size);
  });
}

Result<DataStream<RowChunk>> translateLocalGroupAggregate(const PlanNode& node, DataStream<RowChunk> input,
                                                          const Configuration& config) {
  EDDY_ASSIGN_OR_RETURN(int64_t size, miniBatchSize(config));
  std::vector<AggregateCall> calls = node.aggregates;
  for (AggregateCall& call : calls) {
    EDDY_RETURN_IF_ERROR(checkSupported(call));
    call.needs_retraction = !node.inputs[0]->changelog_mode.isInsertOnly();
  }
  return input.transform<RowChunk>(node.describe(), [keys = node.keys, calls, type = node.output_type, size] {
    return std::make_unique<MiniBatchLocalGroupAggregateOperator>(keys, calls, type, size);
  });
}

DataStream<RowChunk> translateMiniBatchAssigner(const PlanNode& node, DataStream<RowChunk> input) {
  return input.transform<RowChunk>(node.describe(), [interval = node.mini_batch] {
    return std::make_unique<MiniBatchAssignerOperator>(interval);
  });
}

}  // namespace eddy::sql
