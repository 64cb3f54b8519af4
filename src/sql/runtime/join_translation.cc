#include "sql/runtime/join_translation.h"

#include <memory>
#include <utility>
#include <vector>

#include "eddy/api/connected_streams.h"
#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/runtime/interval_join_operator.h"
#include "sql/runtime/keyed_chunk_output.h"
#include "sql/runtime/sortable_codec.h"
#include "sql/runtime/state_config_util.h"
#include "sql/runtime/streaming_join_operator.h"
#include "sql/runtime/temporal_join_operator.h"
#include "sql/runtime/window_join_operator.h"

namespace eddy::sql {

namespace {

Status checkStorable(const types::LogicalType& row_type) {
  for (size_t i = 0; i < row_type.fieldCount(); ++i) {
    if (!isSortableType(row_type.typeAt(i))) {
      return NotSupported("joining rows with a column of type " + row_type.typeAt(i).asSummaryString() +
                          " is not supported yet");
    }
  }
  return Status::OK();
}

}  // namespace

Result<DataStream<RowChunk>> translateJoin(const PlanNode& join, DataStream<RowChunk> left, DataStream<RowChunk> right,
                                           EvaluationContext context, const std::string& uid) {
  auto spec = std::make_shared<StreamingJoinSpec>();
  spec->join_type = join.join.join_type;
  spec->left_keys = join.join.left_keys;
  spec->right_keys = join.join.right_keys;
  spec->filter_nulls = join.join.filter_nulls;
  spec->left_type = join.inputs[0]->output_type;
  spec->right_type = join.inputs[1]->output_type;
  EDDY_RETURN_IF_ERROR(checkStorable(spec->left_type));
  EDDY_RETURN_IF_ERROR(checkStorable(spec->right_type));
  // Field names of the concatenated row must be unique; the condition reads fields by index.
  std::vector<types::RowField> fields;
  for (size_t i = 0; i < spec->left_type.fieldCount(); ++i) {
    fields.push_back(types::DataTypes::FIELD("l" + std::to_string(i), spec->left_type.typeAt(i)));
  }
  for (size_t i = 0; i < spec->right_type.fieldCount(); ++i) {
    fields.push_back(types::DataTypes::FIELD("r" + std::to_string(i), spec->right_type.typeAt(i)));
  }
  spec->joined_type = types::DataTypes::ROW(std::move(fields));
  spec->output_type = join.output_type;
  EDDY_ASSIGN_OR_RETURN(spec->state_retention_ms,
                        idleStateRetentionMillis(left.getExecutionEnvironment()->getConfiguration()));
  if (join.join.non_equi_condition) {
    spec->condition = std::make_shared<const ExpressionEvaluator>(binder::copyOf(*join.join.non_equi_condition), context);
  }
  std::shared_ptr<const StreamingJoinSpec> shared = std::move(spec);

  StreamExecutionEnvironment* env = left.getExecutionEnvironment();
  std::function<std::unique_ptr<runtime::StreamOperator>()> factory;
  if (const std::optional<TemporalJoinTimes>& times = join.join.temporal) {
    factory = [shared, times = *times] { return std::make_unique<TemporalJoinOperator>(shared, times); };
  } else if (const std::optional<WindowJoinFields>& window = join.join.window_join) {
    std::vector<int> fields{window->left_start, window->left_end, window->right_start, window->right_end};
    factory = [shared, fields] { return std::make_unique<WindowJoinOperator>(shared, fields); };
  } else if (const std::optional<WindowBounds>& bounds = join.join.window_bounds) {
    factory = [shared, bounds = *bounds] { return std::make_unique<IntervalJoinOperator>(shared, bounds); };
  } else {
    factory = [shared] { return std::make_unique<StreamingJoinOperator>(shared); };
  }
  const int id = env->addNode<RowChunk>(join.describe(), 2, std::move(factory));
  makeKeyed<std::string>(env, id);
  left.connectTo(id, 0, keyedChunkExchange(shared->left_keys, shared->left_type));
  right.connectTo(id, 1, keyedChunkExchange(shared->right_keys, shared->right_type));
  DataStream<RowChunk> out(env, id);
  out.uid(uid);
  if (shared->left_keys.empty()) out.setParallelism(1).setMaxParallelism(1);
  return out;
}

}  // namespace eddy::sql
