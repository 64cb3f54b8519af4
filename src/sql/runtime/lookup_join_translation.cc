#include "sql/runtime/lookup_join_translation.h"

#include <memory>
#include <utility>

#include "sql/expression/expression_binder.h"
#include "sql/runtime/lookup_join_operator.h"
#include "sql/runtime/sortable_codec.h"

namespace eddy::sql {

Result<DataStream<RowChunk>> translateLookupJoin(const PlanNode& node, DataStream<RowChunk> input,
                                                 EvaluationContext context) {
  const LookupJoinSpec& spec = *node.lookup;
  for (int key : spec.table_keys) {
    const types::LogicalType& type = spec.table_type.typeAt(static_cast<size_t>(key));
    if (!isSortableType(type)) {
      return NotSupported("a lookup key of type " + type.asSummaryString() + " is not supported yet");
    }
  }
  auto program = std::make_shared<LookupJoinProgram>();
  program->provider = spec.provider;
  program->table_type = spec.table_type;
  program->join_type = spec.join_type;
  program->input_keys = spec.input_keys;
  program->table_keys = spec.table_keys;
  program->input_field_count = spec.input_field_count;
  program->input_type = node.inputs[0]->output_type;
  program->output_type = node.output_type;
  if (spec.condition) program->condition = std::make_unique<ExpressionEvaluator>(binder::copyOf(*spec.condition), context);
  std::shared_ptr<const LookupJoinProgram> shared = std::move(program);
  return input.transform<RowChunk>(node.describe(), [shared] { return std::make_unique<LookupJoinOperator>(shared); });
}

}  // namespace eddy::sql
