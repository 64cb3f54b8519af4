#include "sql/runtime/plan_translator.h"

#include <utility>

#include "eddy/api/connected_streams.h"
#include "sql/expression/expression_binder.h"
#include "sql/planner/plan_builder.h"
#include "sql/runtime/aggregate_accumulators.h"
#include "sql/runtime/calc_operator.h"
#include "sql/runtime/changelog_normalize_operator.h"
#include "sql/runtime/correlate_operator.h"
#include "sql/runtime/deduplicate_operator.h"
#include "sql/runtime/group_aggregate_operator.h"
#include "sql/runtime/join_translation.h"
#include "sql/runtime/keyed_chunk_output.h"
#include "sql/runtime/lookup_join_translation.h"
#include "sql/runtime/merge_accumulators.h"
#include "sql/runtime/mini_batch_translation.h"
#include "sql/runtime/over_aggregate_operator.h"
#include "sql/runtime/proctime_over_aggregate_operator.h"
#include "sql/runtime/proctime_window_aggregate_operator.h"
#include "sql/runtime/rank_operator.h"
#include "sql/runtime/retractable_rank_operator.h"
#include "sql/runtime/row_watermark_generator.h"
#include "sql/runtime/rows_source_operator.h"
#include "sql/runtime/session_window_aggregate_operator.h"
#include "sql/runtime/sortable_codec.h"
#include "sql/runtime/state_config_util.h"
#include "sql/runtime/updatable_rank_operator.h"
#include "sql/runtime/watermark_assigner_operator.h"
#include "sql/runtime/window_aggregate_operator.h"
#include "sql/runtime/window_rank_operator.h"
#include "sql/runtime/window_table_function_operator.h"

namespace eddy::sql {

std::string PlanTranslator::nextUid(const char* kind) { return "sql-" + std::to_string(next_uid_++) + "-" + kind; }

Result<DataStream<RowChunk>> PlanTranslator::translate(const PlanNode& node) {
  if (node.kind == PlanNode::Kind::kSink) return translateNode(node);
  // Flink's sub-plan reuse: equal digests, one stream (table.optimizer.reuse-sub-plan-enabled).
  std::string digest = planToString(node, true);
  if (auto it = translated_.find(digest); it != translated_.end()) return it->second;
  EDDY_ASSIGN_OR_RETURN(DataStream<RowChunk> stream, translateNode(node));
  translated_.emplace(std::move(digest), stream);
  return stream;
}

Result<DataStream<RowChunk>> PlanTranslator::translateNode(const PlanNode& node) {
  using Kind = PlanNode::Kind;
  switch (node.kind) {
    case Kind::kTableSourceScan: {
      EDDY_ASSIGN_OR_RETURN(DataStream<RowChunk> stream, node.source->produceDataStream(env_));
      stream.name(node.describe()).uid(nextUid("TableSourceScan"));
      return stream;
    }
    case Kind::kValues: {
      auto factory = [type = node.output_type, rows = node.rows] {
        return std::make_unique<RowsSourceOperator>(type, rows);
      };
      int id = env_.addNode<RowChunk>(node.describe(), 0, factory);
      DataStream<RowChunk> stream(&env_, id);
      stream.setParallelism(1).uid(nextUid("Values"));
      return stream;
    }
    case Kind::kCalc: {
      EDDY_ASSIGN_OR_RETURN(DataStream<RowChunk> input, translate(*node.inputs[0]));
      auto program = std::make_shared<CalcProgram>(node.output_type);
      for (const BoundExprPtr& p : node.projections) program->projections.emplace_back(binder::copyOf(*p), context_);
      if (node.condition) program->condition = std::make_unique<ExpressionEvaluator>(binder::copyOf(*node.condition), context_);
      std::shared_ptr<const CalcProgram> shared = std::move(program);
      return input.transform<RowChunk>(node.describe(), [shared] { return std::make_unique<CalcOperator>(shared); });
    }
    case Kind::kCorrelate: {
      EDDY_ASSIGN_OR_RETURN(DataStream<RowChunk> input, translate(*node.inputs[0]));
      auto program = std::make_shared<CorrelateProgram>(node.output_type);
      program->call = node.correlate;
      for (const BoundExprPtr& a : node.correlate->arguments) program->arguments.emplace_back(binder::copyOf(*a), context_);
      std::shared_ptr<const CorrelateProgram> shared = std::move(program);
      return input.transform<RowChunk>(node.describe(), [shared] { return std::make_unique<CorrelateOperator>(shared); });
    }
    case Kind::kWatermarkAssigner: {
      if (pushWatermarkIntoSource(node)) return translate(*node.inputs[0]);
      EDDY_ASSIGN_OR_RETURN(DataStream<RowChunk> input, translate(*node.inputs[0]));
      auto watermark = std::make_shared<const ExpressionEvaluator>(binder::copyOf(*node.watermark), context_);
      const int64_t interval = env_.graph().auto_watermark_interval_ms;
      return input.transform<RowChunk>(node.describe(), [watermark, interval] {
        return std::make_unique<WatermarkAssignerOperator>(watermark, interval);
      });
    }
    case Kind::kExchange:
      return NotSupported("an Exchange is translated with the aggregation above it");
    case Kind::kMiniBatchAssigner: {
      EDDY_ASSIGN_OR_RETURN(DataStream<RowChunk> input, translate(*node.inputs[0]));
      return translateMiniBatchAssigner(node, std::move(input));
    }
    case Kind::kLocalGroupAggregate: {
      EDDY_ASSIGN_OR_RETURN(DataStream<RowChunk> input, translate(*node.inputs[0]));
      EDDY_ASSIGN_OR_RETURN(DataStream<RowChunk> out,
                            translateLocalGroupAggregate(node, std::move(input), env_.getConfiguration()));
      out.uid(nextUid("LocalGroupAggregate"));
      return out;
    }
    case Kind::kGroupAggregate:
    case Kind::kGlobalGroupAggregate:
    case Kind::kGroupWindowAggregate: {
      const PlanNode& exchange = *node.inputs[0];
      const types::LogicalType& input_type = exchange.output_type;
      for (int key : node.keys) {
        if (!isSortableType(input_type.typeAt(static_cast<size_t>(key)))) {
          return NotSupported("grouping by a column of type " + input_type.typeAt(static_cast<size_t>(key)).asSummaryString() +
                              " is not supported yet");
        }
      }
      for (const AggregateCall& call : node.aggregates) EDDY_RETURN_IF_ERROR(checkSupported(call));
      std::vector<AggregateCall> calls = node.aggregates;
      // A GlobalGroupAggregate merges what its LocalGroupAggregate aggregated.
      const PlanNode& aggregated = node.kind == Kind::kGlobalGroupAggregate ? *exchange.inputs[0]->inputs[0] : exchange;
      for (AggregateCall& call : calls) call.needs_retraction = !aggregated.changelog_mode.isInsertOnly();
      const bool session = node.kind == Kind::kGroupWindowAggregate && node.window.kind == GroupWindow::Kind::kSession;
      if (session) {
        for (const AggregateCall& call : node.aggregates) EDDY_RETURN_IF_ERROR(checkMergeable(call));
      }
      // The windows a SESSION window TVF below assigns are merged here.
      session_aggregation_input_ = session && node.window.start_field >= 0;
      EDDY_ASSIGN_OR_RETURN(DataStream<RowChunk> input, translate(*exchange.inputs[0]));
      std::function<std::unique_ptr<runtime::StreamOperator>()> factory;
      const char* kind = "GroupAggregate";
      // Whether the operator takes the key groups the exchange computes (ChunkKeyGroups).
      bool takes_key_groups = false;
      if (session) {
        kind = node.window.start_field >= 0 ? "WindowAggregate" : "GroupWindowAggregate";
        factory = [keys = node.keys, calls, window = node.window, type = node.output_type] {
          return std::make_unique<SessionWindowAggregateOperator>(keys, calls, window, type);
        };
      } else if (node.kind == Kind::kGroupWindowAggregate && node.window.proctime) {
        kind = node.window.start_field >= 0 ? "WindowAggregate" : "GroupWindowAggregate";
        factory = [keys = node.keys, calls, window = node.window, type = node.output_type] {
          return std::make_unique<ProcTimeWindowAggregateOperator>(keys, calls, window, type);
        };
      } else if (node.mini_batch.enabled()) {
        EDDY_ASSIGN_OR_RETURN(int64_t retention, idleStateRetentionMillis(env_.getConfiguration()));
        EDDY_ASSIGN_OR_RETURN(factory, miniBatchAggregateFactory(node, calls, retention, env_.getConfiguration()));
        if (node.kind == Kind::kGlobalGroupAggregate) kind = "GlobalGroupAggregate";
      } else if (node.kind == Kind::kGroupAggregate) {
        EDDY_ASSIGN_OR_RETURN(int64_t retention, idleStateRetentionMillis(env_.getConfiguration()));
        factory = [keys = node.keys, calls, type = node.output_type,
                   before = node.generate_update_before, retention] {
          return std::make_unique<GroupAggregateOperator>(keys, calls, type, before, retention);
        };
        takes_key_groups = true;
      } else {
        if (node.window.start_field < 0 && node.window.kind != GroupWindow::Kind::kTumble &&
            node.window.kind != GroupWindow::Kind::kHop) {
          return NotSupported("CUMULATE group windows are not supported yet");
        }
        kind = node.window.start_field >= 0 ? "WindowAggregate" : "GroupWindowAggregate";
        factory = [keys = node.keys, calls, window = node.window, type = node.output_type] {
          return std::make_unique<WindowAggregateOperator>(keys, calls, window, type);
        };
      }
      DataStream<RowChunk> out = input.transform<RowChunk>(node.describe(), std::move(factory),
                                                           keyedChunkExchange(node.keys, input_type, takes_key_groups));
      makeKeyed<std::string>(&env_, out.getId());
      out.uid(nextUid(kind));
      if (node.keys.empty()) out.setParallelism(1).setMaxParallelism(1);
      return out;
    }
    case Kind::kChangelogNormalize: {
      const PlanNode& exchange = *node.inputs[0];
      const types::LogicalType& input_type = exchange.output_type;
      for (size_t f = 0; f < input_type.fieldCount(); ++f) {
        if (!isSortableType(input_type.typeAt(f))) {
          return NotSupported("a ChangelogNormalize of rows with a column of type " + input_type.typeAt(f).asSummaryString() +
                              " is not supported yet");
        }
      }
      EDDY_ASSIGN_OR_RETURN(DataStream<RowChunk> input, translate(*exchange.inputs[0]));
      EDDY_ASSIGN_OR_RETURN(int64_t retention, idleStateRetentionMillis(env_.getConfiguration()));
      DataStream<RowChunk> out = input.transform<RowChunk>(
          node.describe(),
          [keys = node.keys, before = node.generate_update_before, type = node.output_type, retention] {
            return std::make_unique<ChangelogNormalizeOperator>(keys, before, type, retention);
          },
          keyedChunkExchange(node.keys, input_type));
      makeKeyed<std::string>(&env_, out.getId());
      out.uid(nextUid("ChangelogNormalize"));
      return out;
    }
    case Kind::kRank:
    case Kind::kDeduplicate:
    case Kind::kOverAggregate:
    case Kind::kTemporalSort: {
      const PlanNode& exchange = *node.inputs[0];
      const types::LogicalType& input_type = exchange.output_type;
      for (size_t f = 0; f < input_type.fieldCount(); ++f) {
        if (!isSortableType(input_type.typeAt(f))) {
          return NotSupported("a Top-N, deduplication or OVER aggregation of rows with a column of type " +
                              input_type.typeAt(f).asSummaryString() + " is not supported yet");
        }
      }
      EDDY_ASSIGN_OR_RETURN(DataStream<RowChunk> input, translate(*exchange.inputs[0]));
      EDDY_ASSIGN_OR_RETURN(int64_t retention, idleStateRetentionMillis(env_.getConfiguration()));
      std::function<std::unique_ptr<runtime::StreamOperator>()> factory;
      if (node.kind == Kind::kTemporalSort) {
        // Flink's RowTimeSortOperator is an OVER aggregation without aggregates: rows wait for
        // the watermark and leave in rowtime order.
        factory = [time = node.sort[0].field, in = input_type] {
          return std::make_unique<OverAggregateOperator>(std::vector<int>{}, time, true, -1, std::vector<AggregateCall>{},
                                                         in, in);
        };
      } else if (node.kind == Kind::kOverAggregate) {
        for (const AggregateCall& call : node.aggregates) EDDY_RETURN_IF_ERROR(checkSupported(call));
        if (node.sort[0].field == exchange.rowtime_field) {
          factory = [keys = node.keys, time = node.sort[0].field, rows = node.frame_rows,
                     preceding = node.frame_preceding, calls = node.aggregates, in = input_type, type = node.output_type] {
            return std::make_unique<OverAggregateOperator>(keys, time, rows, preceding, calls, in, type);
          };
        } else {
          factory = [keys = node.keys, rows = node.frame_rows, preceding = node.frame_preceding,
                     calls = node.aggregates, in = input_type, type = node.output_type] {
            return std::make_unique<ProcTimeOverAggregateOperator>(keys, rows, preceding, calls, in, type);
          };
        }
      } else if (node.kind == Kind::kRank && node.window.start_field >= 0) {
        factory = [keys = node.keys, sort = node.sort, window = node.window, start = node.rank_start,
                   end = node.rank_end, number = node.output_rank_number, fields = input_type.fieldCount(),
                   type = node.output_type] {
          return std::make_unique<WindowRankOperator>(keys, sort, window, start, end, number, fields, type);
        };
      } else if (node.kind == Kind::kRank && !exchange.changelog_mode.isInsertOnly() && !node.upsert_key.empty()) {
        factory = [keys = node.keys, sort = node.sort, upsert_key = node.upsert_key, start = node.rank_start,
                   end = node.rank_end, number = node.output_rank_number, before = node.generate_update_before,
                   fields = input_type.fieldCount(), type = node.output_type, retention] {
          return std::make_unique<UpdatableRankOperator>(keys, sort, upsert_key, start, end, number, before, fields, type,
                                                         retention);
        };
      } else if (node.kind == Kind::kRank && !exchange.changelog_mode.isInsertOnly()) {
        factory = [keys = node.keys, sort = node.sort, start = node.rank_start, end = node.rank_end,
                   number = node.output_rank_number, before = node.generate_update_before,
                   fields = input_type.fieldCount(), type = node.output_type, retention] {
          return std::make_unique<RetractableRankOperator>(keys, sort, start, end, number, before, fields, type,
                                                           retention);
        };
      } else if (node.kind == Kind::kRank) {
        factory = [keys = node.keys, sort = node.sort, start = node.rank_start, end = node.rank_end,
                   number = node.output_rank_number, before = node.generate_update_before,
                   fields = input_type.fieldCount(), type = node.output_type, retention] {
          return std::make_unique<RankOperator>(keys, sort, start, end, number, before, fields, type, retention);
        };
      } else if (node.mini_batch.enabled()) {
        EDDY_ASSIGN_OR_RETURN(factory, miniBatchDeduplicateFactory(node, node.sort[0].field == exchange.rowtime_field,
                                                                   retention, env_.getConfiguration()));
      } else {
        factory = [keys = node.keys, time = node.sort[0].field, rowtime = node.sort[0].field == exchange.rowtime_field,
                   last = node.keep_last_row, before = node.generate_update_before, type = node.output_type,
                   retention] {
          return std::make_unique<DeduplicateOperator>(keys, time, rowtime, last, before, type, retention);
        };
      }
      DataStream<RowChunk> out =
          input.transform<RowChunk>(node.describe(), std::move(factory), keyedChunkExchange(node.keys, input_type));
      makeKeyed<std::string>(&env_, out.getId());
      out.uid(nextUid(node.kind == Kind::kRank && node.window.start_field >= 0 ? "WindowRank"
                      : node.kind == Kind::kRank                              ? "Rank"
                      : node.kind == Kind::kDeduplicate ? "Deduplicate"
                      : node.kind == Kind::kTemporalSort ? "TemporalSort"
                                                        : "OverAggregate"));
      if (node.keys.empty()) out.setParallelism(1).setMaxParallelism(1);
      return out;
    }
    case Kind::kWindowTableFunction: {
      if (node.window.kind == GroupWindow::Kind::kSession && !session_aggregation_input_) {
        return NotSupported("the SESSION window table function is supported under a window aggregation only");
      }
      session_aggregation_input_ = false;
      EDDY_ASSIGN_OR_RETURN(DataStream<RowChunk> input, translate(*node.inputs[0]));
      return input.transform<RowChunk>(node.describe(), [in = node.inputs[0]->output_type, out = node.output_type,
                                                         window = node.window] {
        return std::make_unique<WindowTableFunctionOperator>(in, out, window);
      });
    }
    case Kind::kUnion: {
      EDDY_ASSIGN_OR_RETURN(DataStream<RowChunk> left, translate(*node.inputs[0]));
      EDDY_ASSIGN_OR_RETURN(DataStream<RowChunk> right, translate(*node.inputs[1]));
      return left.union_(right);
    }
    case Kind::kJoin: {
      EDDY_ASSIGN_OR_RETURN(DataStream<RowChunk> left, translate(*node.inputs[0]->inputs[0]));
      EDDY_ASSIGN_OR_RETURN(DataStream<RowChunk> right, translate(*node.inputs[1]->inputs[0]));
      return translateJoin(node, std::move(left), std::move(right), context_, nextUid("Join"));
    }
    case Kind::kLookupJoin: {
      EDDY_ASSIGN_OR_RETURN(DataStream<RowChunk> input, translate(*node.inputs[0]));
      return translateLookupJoin(node, std::move(input), context_);
    }
    case Kind::kSink: {
      EDDY_ASSIGN_OR_RETURN(DataStream<RowChunk> input, translate(*node.inputs[0]));
      EDDY_RETURN_IF_ERROR(node.sink->consumeDataStream(input));
      return input;
    }
  }
  return Internal("unknown plan node");
}

bool PlanTranslator::pushWatermarkIntoSource(const PlanNode& assigner) {
  const PlanNode* scan = assigner.inputs[0].get();
  const PlanNode* calc = nullptr;
  if (scan->kind == PlanNode::Kind::kCalc && !scan->condition) {
    calc = scan;
    scan = scan->inputs[0].get();
  }
  // A source already translated for another consumer reads without the watermark.
  if (scan->kind != PlanNode::Kind::kTableSourceScan || !scan->source->supportsWatermarkPushDown() ||
      translated_.count(planToString(*scan, true))) {
    return false;
  }
  BoundExprPtr watermark =
      calc ? inlineInputRefs(*assigner.watermark, calc->projections) : binder::copyOf(*assigner.watermark);
  scan->source->applyWatermark(
      RowWatermarkGenerator::strategy(std::make_shared<const ExpressionEvaluator>(std::move(watermark), context_)));
  return true;
}

}  // namespace eddy::sql
