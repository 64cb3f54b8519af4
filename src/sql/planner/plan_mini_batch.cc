#include "sql/planner/plan_mini_batch.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>
#include <vector>

#include "eddy/types/data_types.h"
#include "sql/planner/aggregate_udf_call.h"
#include "sql/planner/plan_rank.h"

namespace eddy::sql {

namespace {

using types::DataTypes;

// Flink's MiniBatchIntervalTrait as it travels from the sink down to the sources.
struct Trait {
  enum class Mode { kNone, kProcTime, kRowTime, kNoMiniBatch };
  Mode mode = Mode::kNone;
  int64_t interval_ms = 0;
};

// Flink's requireWatermark: the operators that run on event time.
bool requiresWatermark(const PlanNode& node) {
  switch (node.kind) {
    case PlanNode::Kind::kGroupWindowAggregate:
    case PlanNode::Kind::kRank:
      return node.window.start_field >= 0 && !node.window.proctime;
    case PlanNode::Kind::kOverAggregate:
    case PlanNode::Kind::kTemporalSort:
    case PlanNode::Kind::kDeduplicate:
      return node.sort[0].field >= 0 && node.sort[0].field == node.inputs[0]->rowtime_field;
    case PlanNode::Kind::kJoin:
      return node.join.window_bounds || node.join.temporal || (node.join.window_join && !node.window.proctime);
    default:
      return false;
  }
}

// MiniBatchIntervalInferRule: `trait` is what the consumer of `node` asks for.
void inferMiniBatchInterval(PlanNode& node, Trait trait) {
  using Mode = Trait::Mode;
  if (node.kind == PlanNode::Kind::kGroupWindowAggregate && node.window.start_field < 0) {
    trait = Trait{Mode::kNoMiniBatch, 0};
  } else if (node.kind == PlanNode::Kind::kWatermarkAssigner || node.kind == PlanNode::Kind::kMiniBatchAssigner) {
    trait = Trait{};
  } else if (requiresWatermark(node) && (trait.mode == Mode::kProcTime || trait.mode == Mode::kNone)) {
    trait.mode = Mode::kRowTime;  // FlinkRelOptUtil.mergeMiniBatchInterval with (RowTime, 0)
  }
  for (PlanNodePtr& input : node.inputs) {
    const bool leaf = input->kind == PlanNode::Kind::kTableSourceScan || input->kind == PlanNode::Kind::kWatermarkAssigner;
    if (leaf && (trait.mode == Mode::kProcTime || trait.mode == Mode::kRowTime)) {
      auto assigner = std::make_unique<PlanNode>(PlanNode::Kind::kMiniBatchAssigner);
      assigner->output_type = input->output_type;
      assigner->rowtime_field = input->rowtime_field;
      assigner->mini_batch = MiniBatchInterval{trait.interval_ms, trait.mode == Mode::kRowTime};
      assigner->inputs.push_back(std::move(input));
      input = std::move(assigner);
      continue;
    }
    inferMiniBatchInterval(*input, trait);
  }
}

// Flink picks Deduplicate over Rank (StreamPhysicalDeduplicateRule) before it infers the
// mini-batch intervals; so a Rank whose row number nobody reads becomes a Deduplicate here
// already (changelog inference would do it later), and a rowtime one asks for watermarks.
void planDeduplicates(PlanNode& node) {
  for (PlanNodePtr& input : node.inputs) planDeduplicates(*input);
  pruneUnusedRankNumber(node);
}

// TwoStageOptimizedAggregateRule on the aggregate `node` (over an Exchange): the Exchange
// moves above a LocalGroupAggregate that emits the key fields and the bundle's accumulators.
void splitIntoLocalGlobal(PlanNode& node) {
  PlanNode& exchange = *node.inputs[0];
  auto local = std::make_unique<PlanNode>(PlanNode::Kind::kLocalGroupAggregate);
  const types::LogicalType& in = exchange.inputs[0]->output_type;
  std::vector<types::RowField> fields;
  std::vector<int> global_keys;
  for (size_t k = 0; k < node.keys.size(); ++k) {
    const int key = node.keys[k];
    fields.push_back(in.fields()[static_cast<size_t>(key)]);
    global_keys.push_back(static_cast<int>(k));
  }
  // The accumulators travel as GroupAccumulators bytes (aggregate_accumulators.h).
  fields.push_back(DataTypes::FIELD("accumulators", DataTypes::BYTES().notNull()));
  local->output_type = DataTypes::ROW(std::move(fields));
  local->keys = node.keys;
  local->aggregates = node.aggregates;
  local->mini_batch = node.mini_batch;
  local->inputs.push_back(std::move(exchange.inputs[0]));
  exchange.output_type = local->output_type;
  exchange.rowtime_field = -1;
  exchange.keys = global_keys;
  exchange.inputs[0] = std::move(local);
  node.kind = PlanNode::Kind::kGlobalGroupAggregate;
  node.keys = std::move(global_keys);
}

void planMiniBatchAggregates(PlanNode& node, MiniBatchInterval interval, bool two_phase_allowed) {
  for (PlanNodePtr& input : node.inputs) planMiniBatchAggregates(*input, interval, two_phase_allowed);
  // Flink's StreamExecDeduplicate runs its mini-batch functions whenever mini-batch is on.
  if (node.kind == PlanNode::Kind::kDeduplicate) node.mini_batch = interval;
  if (node.kind != PlanNode::Kind::kGroupAggregate) return;
  node.mini_batch = interval;
  const bool mergeable = std::all_of(node.aggregates.begin(), node.aggregates.end(), canRunTwoPhase);
  if (two_phase_allowed && mergeable) splitIntoLocalGlobal(node);
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The accumulator fields of the local aggregation (Flink's inferAggAccumulatorNames) and how
// each call reads in the local and in the global aggregation's select.
struct AccumulatorNames {
  std::vector<std::string> local_calls;
  std::vector<std::string> global_calls;
  std::vector<std::string> extra_local;  // COUNT_RETRACT(*) AS count1$n, DISTINCT(a) AS distinct$i
};

AccumulatorNames accumulatorNames(const std::vector<AggregateCall>& calls, const types::LogicalType& input,
                                  bool retract) {
  AccumulatorNames names;
  int index = 0;
  std::map<int, int> distinct_index;  // argument field → distinct$i
  std::vector<std::string> distinct_lines;
  bool count_star = false;
  for (const AggregateCall& call : calls) {
    std::string function = call.toString(input);
    function = function.substr(0, function.find('('));
    if (retract) function += "_RETRACT";
    std::vector<std::string> buffers;
    switch (call.function) {
      case AggregateCall::Function::kCount: buffers = {call.argument < 0 ? "count1" : "count"}; break;
      case AggregateCall::Function::kSum: buffers = retract ? std::vector<std::string>{"sum", "count"}
                                                            : std::vector<std::string>{"sum"}; break;
      case AggregateCall::Function::kAvg: buffers = {"sum", "count"}; break;
      case AggregateCall::Function::kMin: buffers = {"min"}; break;
      case AggregateCall::Function::kMax: buffers = {"max"}; break;
      case AggregateCall::Function::kUserDefined:  // the function's own accumulator, by its lower-case name
        function = call.udaf->name;
        buffers = {lower(function)};
        break;
      default: break;  // never two-phase (canRunTwoPhase)
    }
    count_star |= call.function == AggregateCall::Function::kCount && call.argument < 0 && call.filter < 0 && !call.distinct;
    for (std::string& buffer : buffers) buffer += "$" + std::to_string(index++);
    const std::string accumulators =
        buffers.size() == 1 ? buffers[0] : "(" + fmt::format("{}", fmt::join(buffers, ", ")) + ")";
    std::string argument = call.argument < 0 ? "*" : input.fields()[static_cast<size_t>(call.argument)].name;
    for (int more : call.more_arguments) argument += ", " + input.fields()[static_cast<size_t>(more)].name;
    std::string distinct;
    if (call.distinct) {
      auto [it, added] = distinct_index.try_emplace(call.argument, static_cast<int>(distinct_index.size()));
      distinct = "distinct$" + std::to_string(it->second) + " ";
      if (added) distinct_lines.push_back("DISTINCT(" + argument + ") AS distinct$" + std::to_string(it->second));
    }
    std::string local = function + "(" + distinct + argument + ")";
    if (call.filter >= 0) local += " FILTER " + input.fields()[static_cast<size_t>(call.filter)].name;
    names.local_calls.push_back(local + " AS " + accumulators);
    names.global_calls.push_back(function + "(" + distinct + accumulators + ") AS " + call.name);
  }
  // Over retractions the local aggregation counts rows itself (Flink's indexOfCountStar).
  if (retract && !count_star) names.extra_local.push_back("COUNT_RETRACT(*) AS count1$" + std::to_string(index));
  names.extra_local.insert(names.extra_local.end(), distinct_lines.begin(), distinct_lines.end());
  return names;
}

std::string describeAggregate(const char* name, const std::vector<int>& keys, const types::LogicalType& key_type,
                              std::vector<std::string> select) {
  std::vector<std::string> key_names;
  for (int k : keys) key_names.push_back(key_type.fields()[static_cast<size_t>(k)].name);
  std::string out = std::string(name) + "(";
  if (!keys.empty()) out += fmt::format("groupBy=[{}], ", fmt::join(key_names, ", "));
  key_names.insert(key_names.end(), select.begin(), select.end());
  return out + fmt::format("select=[{}])", fmt::join(key_names, ", "));
}

}  // namespace

bool canRunTwoPhase(const AggregateCall& call) {
  switch (call.function) {
    case AggregateCall::Function::kCount: return !call.distinct || call.more_arguments.empty();
    case AggregateCall::Function::kSum:
    case AggregateCall::Function::kAvg:
    case AggregateCall::Function::kMin:
    case AggregateCall::Function::kMax: return !call.distinct;
    case AggregateCall::Function::kUserDefined: return call.udaf->function->implementsMerge();
    default: return false;
  }
}

Status applyMiniBatch(PlanNodePtr& root, const Configuration& config) {
  EDDY_ASSIGN_OR_RETURN(bool enabled, config.get(kMiniBatchEnabled));
  if (!enabled) return Status::OK();
  EDDY_ASSIGN_OR_RETURN(std::chrono::nanoseconds latency, config.get(kMiniBatchAllowLatency));
  const int64_t latency_ms = std::chrono::duration_cast<std::chrono::milliseconds>(latency).count();
  if (latency_ms <= 0) return InvalidArgument("MiniBatch Latency must be greater than 0 ms.");
  EDDY_ASSIGN_OR_RETURN(std::string strategy, config.get(kAggPhaseStrategy));
  strategy = upper(strategy);
  if (strategy != "AUTO" && strategy != "ONE_PHASE" && strategy != "TWO_PHASE") {
    return InvalidArgument(fmt::format(
        "Could not parse value '{}' for key 'table.optimizer.agg-phase-strategy'. Possible values: [AUTO, "
        "ONE_PHASE, TWO_PHASE]",
        config.getString(kAggPhaseStrategy.key(), "")));
  }
  // The root's trait (StreamCommonSubGraphBasedOptimizer): ProcTime at the allowed latency.
  PlanNode holder(PlanNode::Kind::kSink);
  holder.inputs.push_back(std::move(root));
  planDeduplicates(holder);
  inferMiniBatchInterval(holder, Trait{Trait::Mode::kProcTime, latency_ms});
  planMiniBatchAggregates(holder, MiniBatchInterval{latency_ms, false}, strategy != "ONE_PHASE");
  root = std::move(holder.inputs[0]);
  return Status::OK();
}

Result<int64_t> miniBatchSize(const Configuration& config) {
  EDDY_ASSIGN_OR_RETURN(int64_t size, config.get(kMiniBatchSize));
  if (size <= 0) {
    return InvalidArgument("Key: 'table.exec.mini-batch.size' , default: -1 (fallback keys: []) must be > 0.");
  }
  return size;
}

std::string describeMiniBatchAssigner(const PlanNode& node) {
  return fmt::format("MiniBatchAssigner(interval=[{}ms], mode=[{}])", node.mini_batch.interval_ms,
                     node.mini_batch.rowtime ? "RowTime" : "ProcTime");
}

std::string describeLocalGroupAggregate(const PlanNode& node) {
  const types::LogicalType& in = node.inputs[0]->output_type;
  AccumulatorNames names = accumulatorNames(node.aggregates, in, !node.inputs[0]->changelog_mode.isInsertOnly());
  names.local_calls.insert(names.local_calls.end(), names.extra_local.begin(), names.extra_local.end());
  return describeAggregate("LocalGroupAggregate", node.keys, in, std::move(names.local_calls));
}

std::string describeGlobalGroupAggregate(const PlanNode& node) {
  const PlanNode& local = *node.inputs[0]->inputs[0];
  const types::LogicalType& local_in = local.inputs[0]->output_type;
  AccumulatorNames names = accumulatorNames(node.aggregates, local_in, !local.inputs[0]->changelog_mode.isInsertOnly());
  return describeAggregate("GlobalGroupAggregate", node.keys, node.inputs[0]->output_type, std::move(names.global_calls));
}

}  // namespace eddy::sql
