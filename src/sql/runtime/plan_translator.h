#pragma once

#include <map>
#include <string>

#include "eddy/api/data_stream.h"
#include "eddy/common/result.h"
#include "sql/expression/expression_evaluator.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// Turns a physical plan into operators of a StreamExecutionEnvironment (Flink's
// ExecNodeGraph translation), node by node from the sources up:
//   TableSourceScan       the connector's produceDataStream
//   Values                RowsSourceOperator (parallelism 1)
//   Calc                  CalcOperator, chained to its input
//   WatermarkAssigner     WatermarkAssignerOperator (pipeline.auto-watermark-interval); over
//                         a source that supports watermark push-down (Kafka), pushed into it:
//                         a RowWatermarkGenerator per split, as Flink's
//                         PushWatermarkIntoTableSourceScanRule does
//   Exchange + GroupAggregate        KeyedChunkOutput → GroupAggregateOperator (keyed)
//   Exchange + GroupWindowAggregate  KeyedChunkOutput → WindowAggregateOperator (keyed), or
//                         SessionWindowAggregateOperator for SESSION windows
//   WindowTableFunction   WindowTableFunctionOperator, chained to its input
//   Exchange + Rank       KeyedChunkOutput → RankOperator, or WindowRankOperator over a
//                         window TVF (keyed)
//   Exchange + Deduplicate           KeyedChunkOutput → DeduplicateOperator (keyed)
//   Exchange + OverAggregate         KeyedChunkOutput → OverAggregateOperator (keyed)
//   Exchange + TemporalSort          KeyedChunkOutput → OverAggregateOperator without aggregates
//   Union                 DataStream::union_
//   Exchange x2 + Join    KeyedChunkOutput per input → StreamingJoinOperator (keyed, two inputs)
//   LookupJoin            LookupJoinOperator, chained to its input
//   MiniBatchAssigner, LocalGroupAggregate (chained), Exchange + GlobalGroupAggregate (keyed),
//                         and a GroupAggregate in bundles: mini_batch_translation.h
//   Sink                  the connector's consumeDataStream
// Operators get names from the plan and uids numbered in plan order ("sql-3-GroupAggregate"),
// so the same statement planned again restores from the same checkpoint. Subtrees that print
// the same (planToString with changelog modes, Flink's digest) are translated once and their
// stream feeds every consumer, as Flink's sub-plan and source reuse do: a self-join or two
// views of one source read and compute it once, also across the INSERTs of a statement set. Aggregations
// without keys run with parallelism 1.
class PlanTranslator {
 public:
  PlanTranslator(StreamExecutionEnvironment& env, EvaluationContext context) : env_(env), context_(context) {}

  // The stream of the rows of `node` (for a Sink: of its input, after the sink was added).
  Result<DataStream<RowChunk>> translate(const PlanNode& node);

 private:
  Result<DataStream<RowChunk>> translateNode(const PlanNode& node);
  // Hands `assigner`'s watermark to the source below it (through a Calc without condition,
  // its computed columns inlined) when the source supports watermark push-down and has not
  // been translated yet; false when it cannot.
  bool pushWatermarkIntoSource(const PlanNode& assigner);
  std::string nextUid(const char* kind);

  StreamExecutionEnvironment& env_;
  EvaluationContext context_;
  int next_uid_ = 0;
  // The streams of the subtrees translated so far, by digest.
  std::map<std::string, DataStream<RowChunk>> translated_;
  // Set while translating the input of a session window aggregation, whose SESSION window
  // TVF assigns the unmerged windows that the aggregation merges.
  bool session_aggregation_input_ = false;
};

}  // namespace eddy::sql
