#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "eddy/common/config_options.h"
#include "eddy/common/configuration.h"
#include "eddy/common/result.h"
#include "sql/planner/plan_node.h"

namespace eddy::sql {

// Flink's ExecutionConfigOptions.TABLE_EXEC_MINIBATCH_*: group aggregations buffer their
// input in bundles and touch the state of each key once per bundle.
inline const ConfigOption<bool> kMiniBatchEnabled =
    ConfigOptions::key("table.exec.mini-batch.enabled")
        .booleanType()
        .defaultValue(false)
        .withDescription(
            "Specifies whether to enable MiniBatch optimization. MiniBatch is an optimization to buffer input records "
            "to reduce state access. This is disabled by default. To enable this, users should set this config to "
            "true. NOTE: If mini-batch is enabled, 'table.exec.mini-batch.allow-latency' and "
            "'table.exec.mini-batch.size' must be set.");
inline const ConfigOption<std::chrono::nanoseconds> kMiniBatchAllowLatency =
    ConfigOptions::key("table.exec.mini-batch.allow-latency")
        .durationType()
        .defaultValue(std::chrono::nanoseconds(0))
        .withDescription(
            "The maximum latency can be used for MiniBatch to buffer input records. MiniBatch is an optimization to "
            "buffer input records to reduce state access. MiniBatch is triggered with the allowed latency interval "
            "and when the maximum number of buffered records reached. NOTE: If table.exec.mini-batch.enabled is set "
            "true, its value must be greater than zero.");
inline const ConfigOption<int64_t> kMiniBatchSize =
    ConfigOptions::key("table.exec.mini-batch.size")
        .longType()
        .defaultValue(-1)
        .withDescription(
            "The maximum number of input records can be buffered for MiniBatch. MiniBatch is an optimization to "
            "buffer input records to reduce state access. MiniBatch is triggered with the allowed latency interval "
            "and when the maximum number of buffered records reached. NOTE: MiniBatch only works for non-windowed "
            "aggregations currently. If table.exec.mini-batch.enabled is set true, its value must be positive.");
// Flink's OptimizerConfigOptions.TABLE_OPTIMIZER_AGG_PHASE_STRATEGY.
inline const ConfigOption<std::string> kAggPhaseStrategy =
    ConfigOptions::key("table.optimizer.agg-phase-strategy")
        .stringType()
        .defaultValue("AUTO")
        .withDescription(
            "Strategy for aggregate phase. Only AUTO, TWO_PHASE or ONE_PHASE can be set. AUTO: No special enforcer "
            "for aggregate stage. Whether to choose two stage aggregate or one stage aggregate depends on cost. "
            "TWO_PHASE: Enforce to use two stage aggregate which has localAggregate and globalAggregate. Note that if "
            "aggregate call does not support optimize into two phase, we will still use one stage aggregate. "
            "ONE_PHASE: Enforce to use one stage aggregate which only has CompleteGlobalAggregate.");

// Flink's mini-batch planning, on a plan whose Calc fields are pruned and before changelog
// inference; nothing changes unless 'table.exec.mini-batch.enabled':
//   - MiniBatchIntervalInferRule: a MiniBatchAssigner goes above every TableSourceScan or
//     WatermarkAssigner that is not below a group window aggregation. Its mode is RowTime when
//     an operator above it needs watermarks (window TVF aggregations and Top-N, interval,
//     window and event-time temporal joins, rowtime OVER, sort and deduplication), ProcTime
//     otherwise; the interval is 'table.exec.mini-batch.allow-latency' (InvalidArgument with
//     Flink's message unless positive).
//   - every GroupAggregate runs in bundles; TwoStageOptimizedAggregateRule splits it into
//     LocalGroupAggregate → Exchange → GlobalGroupAggregate unless
//     'table.optimizer.agg-phase-strategy' is ONE_PHASE or a call cannot merge (canRunTwoPhase);
//   - every Deduplicate runs in bundles (Flink's mini-batch deduplicate functions).
Status applyMiniBatch(PlanNodePtr& root, const Configuration& config);

// Whether the local and global aggregations can run `call`: COUNT, SUM, AVG, MIN and MAX,
// COUNT(DISTINCT x) and user-defined functions that implement merge, whose accumulators
// merge (merge_accumulators.h).
bool canRunTwoPhase(const AggregateCall& call);

// 'table.exec.mini-batch.size', or InvalidArgument with Flink's message unless positive
// (checked where the operators are created, as Flink's MinibatchUtil does).
Result<int64_t> miniBatchSize(const Configuration& config);

// EXPLAIN's lines: "MiniBatchAssigner(interval=[5000ms], mode=[ProcTime])",
// "LocalGroupAggregate(groupBy=[a], select=[a, COUNT(*) AS count1$0])" and
// "GlobalGroupAggregate(groupBy=[a], select=[a, COUNT(count1$0) AS cnt])", with Flink's names
// of the accumulator fields.
std::string describeMiniBatchAssigner(const PlanNode& node);
std::string describeLocalGroupAggregate(const PlanNode& node);
std::string describeGlobalGroupAggregate(const PlanNode& node);

}  // namespace eddy::sql
