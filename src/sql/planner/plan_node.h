#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "eddy/types/data_types.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"
#include "sql/catalog/object_identifier.h"
#include "sql/connectors/changelog_mode.h"
#include "sql/connectors/dynamic_table.h"
#include "sql/expression/bound_expr.h"
#include "sql/planner/join_spec.h"
#include "sql/planner/lookup_join_spec.h"

namespace eddy::sql {

struct PlanNode;
using PlanNodePtr = std::unique_ptr<PlanNode>;

struct AggregateUdfCall;

// A call of an aggregate function in a GroupAggregate or GroupWindowAggregate (Calcite's
// AggregateCall): the function, its argument (an input field, -1 for COUNT(*)), DISTINCT,
// and the input field of its FILTER (WHERE ...) condition (-1 for none).
struct AggregateCall {
  enum class Function {
    kCount, kSum, kAvg, kMin, kMax,
    kFirstValue, kLastValue, kListAgg, kStddevPop, kStddevSamp, kVarPop, kVarSamp,
    kUserDefined,  // an AggregateFunction registered from C++: `udaf`
  };

  Function function = Function::kCount;
  int argument = -1;
  bool distinct = false;
  int filter = -1;
  types::LogicalType result_type = types::DataTypes::BIGINT();
  types::LogicalType argument_type = types::DataTypes::BIGINT();
  std::string name;  // the output field, e.g. "EXPR$1" or the alias
  // COUNT(a, b, ...): the argument fields after the first (a row counts when none is NULL).
  std::vector<int> more_arguments;
  // LISTAGG: the separator (a literal in the call; Flink's default ',').
  std::string separator = ",";
  // kUserDefined: the function, as called, and its overload (aggregate_udf_call.h).
  std::shared_ptr<const AggregateUdfCall> udaf;
  // Flink's needRetraction: false when the aggregate's input is insert-only, so that MIN,
  // MAX, FIRST_VALUE and LAST_VALUE keep only their answer instead of every value.
  bool needs_retraction = true;

  // As Flink prints it in a plan: "COUNT(*) AS cnt", "SUM(b) AS EXPR$1", "COUNT(DISTINCT a) AS c".
  std::string toString(const types::LogicalType& input_type) const;
};

// A group window of the GROUP BY clause or a window TVF (Flink's LogicalWindow): TUMBLE
// (size), HOP (slide, size) or CUMULATE (step, size), over the rowtime field `time_field`.
struct GroupWindow {
  enum class Kind { kTumble, kHop, kCumulate, kSession };

  Kind kind = Kind::kTumble;
  int time_field = -1;
  int64_t size_ms = 0;
  int64_t slide_ms = 0;  // HOP slide, CUMULATE step, SESSION gap
  int64_t offset_ms = 0;  // window TVFs: the offset of the window starts from the epoch
  // Over a PROCTIME() attribute: windows fire on processing-time timers, not watermarks.
  bool proctime = false;
  // A window aggregation over a window TVF's output (Flink's WindowAttachedWindowingStrategy):
  // the input fields holding each row's window_start and window_end; -1 otherwise.
  int start_field = -1;
  int end_field = -1;
  // Which window properties the operator appends after the aggregates, in this order.
  bool emit_start = false;
  bool emit_end = false;
  bool emit_rowtime = false;

  // "TumblingGroupWindow('w$, ts, 300000)" as Flink prints it.
  std::string toString(const types::LogicalType& input_type) const;
};

// A field of a sort (ORDER BY of a Rank, Deduplicate or Sort): the input field, ASC or
// DESC, and where NULLs go (Flink's default: first for ASC, last for DESC).
struct SortField {
  int field = -1;
  bool ascending = true;
  bool nulls_first = true;
};

struct CorrelateCall;

// Flink's MiniBatchInterval: how often the bundles of mini-batch operators close (milliseconds;
// 0 without mini-batch) and whether processing time or the watermark closes them.
struct MiniBatchInterval {
  int64_t interval_ms = 0;
  bool rowtime = false;

  bool enabled() const { return interval_ms > 0; }
};

// A node of the physical plan Eddy runs (Flink's StreamPhysicalRel kinds by name). The
// planner builds the tree, infers every node's changelog mode, and the translator turns
// each node into operators of a StreamExecutionEnvironment. Plain data, owned by its parent.
struct PlanNode {
  enum class Kind {
    kTableSourceScan,       // source; scan_table; projected physical fields
    kValues,                // rows: constant rows (the VALUES clause)
    kCalc,                  // projections and an optional condition over one input
    kWatermarkAssigner,     // watermark expression for field rowtime_field
    kExchange,              // hash partition by `keys` (for aggregations)
    kGroupAggregate,        // keys, aggregates; updates
    kGroupWindowAggregate,  // keys, window, aggregates; insert-only
    kUnion,                 // UNION ALL of inputs
    kWindowTableFunction,   // window: appends window_start, window_end, window_time (plan_window_tvf.cc)
    kRank,                  // keys (PARTITION BY), sort, rank range; appends the row number (plan_rank.cc)
    kDeduplicate,           // keys, sort (the time attribute), keep_last_row (plan_rank.cc)
    kOverAggregate,         // keys, sort (the rowtime), frame, aggregates appended to the row (plan_over.cc)
    kTemporalSort,          // sort: ORDER BY the rowtime ascending (plan_sort.cc)
    kJoin,                  // join: a regular join of two hash Exchanges (plan_join.cc)
    kCorrelate,             // correlate: the input joined with a table function's rows (plan_lateral_table.cc)
    kLookupJoin,            // lookup: the input joined with rows looked up in a table (plan_lookup_join.cc)
    kChangelogNormalize,    // keys (the primary key): an upsert source's changelog made full (plan_scan.cc)
    kMiniBatchAssigner,     // mini_batch: the bundles' interval and mode, above a source (plan_mini_batch.h)
    kLocalGroupAggregate,   // keys, aggregates: a bundle's accumulators per key, before the Exchange
    kGlobalGroupAggregate,  // keys, aggregates: merges the local accumulators into keyed state
    kSink,                  // sink; the INSERT's target
  };

  explicit PlanNode(Kind kind) : kind(kind) {}

  Kind kind;
  types::LogicalType output_type = types::DataTypes::ROW(std::vector<types::RowField>{});  // a ROW type
  std::vector<PlanNodePtr> inputs;
  ChangelogMode changelog_mode;
  // The output field that is the rowtime attribute (its watermarks travel with it), or -1.
  int rowtime_field = -1;

  // kCorrelate (correlate_call.h)
  std::shared_ptr<const CorrelateCall> correlate;
  // kTableSourceScan
  ObjectIdentifier table;
  std::shared_ptr<ScanTableSource> source;
  // The leading output fields that are physical (the rest are metadata), and what was
  // pushed into the source as its digest shows it: "partitions=[...]", "filter=[...]"
  // (push_filter_into_scan.h).
  size_t physical_field_count = 0;
  std::vector<std::string> source_digests;
  // kValues
  std::vector<types::Row> rows;
  // kCalc
  std::vector<BoundExprPtr> projections;
  BoundExprPtr condition;
  // kWatermarkAssigner
  BoundExprPtr watermark;
  // kExchange, kGroupAggregate, kGroupWindowAggregate: grouping fields of the input.
  std::vector<int> keys;
  std::vector<AggregateCall> aggregates;
  GroupWindow window;
  // kGroupAggregate, kChangelogNormalize: emit UPDATE_BEFORE (the consumer needs it).
  bool generate_update_before = true;
  // kMiniBatchAssigner: the interval and mode (RowTime or ProcTime); kGroupAggregate,
  // kLocalGroupAggregate, kGlobalGroupAggregate: whether they run in bundles (plan_mini_batch.h).
  MiniBatchInterval mini_batch;
  // kRank, kDeduplicate: the ORDER BY of ROW_NUMBER() OVER (...), and the row numbers kept
  // (rank_end -1 until a filter on the row number bounds it); the row number is the last
  // output field of a Rank when output_rank_number.
  std::vector<SortField> sort;
  int64_t rank_start = 1;
  int64_t rank_end = -1;
  bool output_rank_number = true;
  // A Rank planned from ORDER BY ... LIMIT / LIMIT (Flink's SortLimit and Limit).
  bool sort_limit = false;
  bool keep_last_row = false;
  // kRank over an updating input: the input fields of the upsert key Flink's
  // UpdateFastStrategy keys its rows by (changelog_inference.cc); empty for its
  // RetractStrategy (and for AppendFastStrategy over an insert-only input).
  std::vector<int> upsert_key;
  // kOverAggregate: the frame, which ends at the current row: ROWS (rows) or RANGE
  // (milliseconds) preceding, -1 for UNBOUNDED PRECEDING.
  bool frame_rows = false;
  int64_t frame_preceding = -1;
  // kJoin
  JoinSpec join;
  // kLookupJoin
  std::shared_ptr<const LookupJoinSpec> lookup;
  // kSink
  std::shared_ptr<DynamicTableSink> sink;
  ObjectIdentifier sink_table;
  // The root of a planned query or INSERT: EXPLAIN's abstract syntax tree, the query's
  // Calcite logical tree before optimization (logical_explain.h); empty where it could not
  // be drawn.
  std::string abstract_syntax_tree;

  // Flink's one-line description: "Calc(select=[a, +(b, 1) AS c], where=[>(b, 0)])".
  std::string describe() const;
  // The names of the output fields.
  std::vector<std::string> fieldNames() const { return output_type.fieldNames(); }
};

// The three sections of Flink's EXPLAIN: "== Abstract Syntax Tree ==" (the root's
// abstract_syntax_tree; the physical plan where it is empty), "== Optimized Physical Plan =="
// (with changelogMode=[...] when asked) and "== Optimized Execution Plan ==".
std::string explainPlan(const PlanNode& plan, bool changelog_mode);

// The tree below `node`, one node a line, drawn as Calcite's RelTreeWriter (Flink's
// RelOptUtil.toString): the root at column 0, inputs prefixed "+- " (the last) and ":- ";
// `changelog_mode` appends ", changelogMode=[I,UB,UA]" to each node.
std::string planToString(const PlanNode& node, bool changelog_mode);

}  // namespace eddy::sql
