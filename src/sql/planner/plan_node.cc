#include "sql/planner/plan_node.h"

#include <fmt/format.h>

#include "sql/planner/aggregate_udf_call.h"
#include "sql/planner/correlate_call.h"
#include "sql/planner/logical_explain.h"
#include "sql/planner/plan_builder.h"
#include "sql/planner/plan_over.h"
#include "sql/planner/plan_rank.h"
#include "sql/planner/plan_window_tvf.h"
#include "sql/planner/plan_join.h"
#include "sql/planner/plan_lookup_join.h"
#include "sql/planner/plan_mini_batch.h"

namespace eddy::sql {

namespace {

const char* functionName(AggregateCall::Function function) {
  switch (function) {
    case AggregateCall::Function::kCount: return "COUNT";
    case AggregateCall::Function::kSum: return "SUM";
    case AggregateCall::Function::kAvg: return "AVG";
    case AggregateCall::Function::kMin: return "MIN";
    case AggregateCall::Function::kMax: return "MAX";
    case AggregateCall::Function::kFirstValue: return "FIRST_VALUE";
    case AggregateCall::Function::kLastValue: return "LAST_VALUE";
    case AggregateCall::Function::kListAgg: return "LISTAGG";
    case AggregateCall::Function::kStddevPop: return "STDDEV_POP";
    case AggregateCall::Function::kStddevSamp: return "STDDEV_SAMP";
    case AggregateCall::Function::kVarPop: return "VAR_POP";
    case AggregateCall::Function::kVarSamp: return "VAR_SAMP";
    case AggregateCall::Function::kUserDefined: break;
  }
  return "?";
}

std::string fieldList(const std::vector<std::string>& names) { return fmt::format("{}", fmt::join(names, ", ")); }

std::string keyList(const std::vector<int>& keys, const types::LogicalType& type) {
  std::vector<std::string> names;
  for (int k : keys) names.push_back(type.fields()[k].name);
  return fieldList(names);
}

}  // namespace

std::string AggregateCall::toString(const types::LogicalType& input_type) const {
  std::string out = function == Function::kUserDefined ? udaf->name : functionName(function);
  out += '(';
  if (distinct) out += "DISTINCT ";
  out += argument < 0 ? "*" : input_type.fields()[argument].name;
  for (int more : more_arguments) out += ", " + input_type.fields()[more].name;
  out += ')';
  if (filter >= 0) out += " FILTER " + input_type.fields()[filter].name;
  return out + " AS " + name;
}

std::string GroupWindow::toString(const types::LogicalType& input_type) const {
  const std::string& time = input_type.fields()[time_field].name;
  switch (kind) {
    case Kind::kTumble: return fmt::format("TumblingGroupWindow('w$, {}, {})", time, size_ms);
    case Kind::kHop: return fmt::format("SlidingGroupWindow('w$, {}, {}, {})", time, size_ms, slide_ms);
    case Kind::kSession: return fmt::format("SessionGroupWindow('w$, {}, {})", time, slide_ms);
    case Kind::kCumulate: return fmt::format("CumulativeGroupWindow('w$, {}, {}, {})", time, size_ms, slide_ms);
  }
  return "";
}

std::string PlanNode::describe() const {
  const std::vector<std::string> input_names = inputs.empty() ? std::vector<std::string>{} : inputs[0]->fieldNames();
  switch (kind) {
    case Kind::kTableSourceScan: {
      std::string digests;
      for (const std::string& digest : source_digests) digests += ", " + digest;
      return fmt::format("TableSourceScan(table=[[{}, {}, {}{}]], fields=[{}])", table.catalog, table.database,
                         table.object, digests, fieldList(fieldNames()));
    }
    case Kind::kValues: {
      std::vector<std::string> rendered;
      for (const types::Row& row : rows) {
        std::vector<std::string> values;
        for (const types::Value& value : row.fields()) values.push_back(value.toString());
        rendered.push_back("{ " + fieldList(values) + " }");
      }
      return fmt::format("Values(tuples=[[{}]], values=[{}])", fieldList(rendered), fieldList(fieldNames()));
    }
    case Kind::kCalc: {
      std::vector<std::string> select;
      const std::vector<std::string> names = fieldNames();
      for (size_t i = 0; i < projections.size(); ++i) {
        std::string text = exprToString(*projections[i], input_names);
        if (text != names[i]) text += " AS " + names[i];
        select.push_back(text);
      }
      std::string out = "Calc(select=[" + fieldList(select) + "]";
      if (condition) out += ", where=[" + exprToString(*condition, input_names) + "]";
      return out + ")";
    }
    case Kind::kWatermarkAssigner:
      return fmt::format("WatermarkAssigner(rowtime=[{}], watermark=[{}])", fieldNames()[rowtime_field],
                         exprToString(*watermark, input_names));
    case Kind::kExchange:
      return keys.empty() ? "Exchange(distribution=[single])"
                          : "Exchange(distribution=[hash[" + keyList(keys, output_type) + "]])";
    case Kind::kGroupAggregate:
    case Kind::kGroupWindowAggregate: {
      const types::LogicalType& in = inputs[0]->output_type;
      std::vector<std::string> select;
      for (int k : keys) select.push_back(in.fields()[k].name);
      for (const AggregateCall& call : aggregates) select.push_back(call.toString(in));
      const bool attached = kind == Kind::kGroupWindowAggregate && window.start_field >= 0;
      std::string out = kind == Kind::kGroupAggregate ? "GroupAggregate("
                        : attached                    ? "WindowAggregate("
                                                      : "GroupWindowAggregate(";
      if (!keys.empty()) out += "groupBy=[" + keyList(keys, in) + "], ";
      if (attached) {
        out += "window=[" + windowTvfToString(window, "win_start=[" + in.fields()[window.start_field].name +
                                                          "], win_end=[" + in.fields()[window.end_field].name + "]") +
               "], ";
        if (window.emit_start) select.push_back("start('w$) AS window_start");
        if (window.emit_end) select.push_back("end('w$) AS window_end");
        if (window.emit_rowtime) select.push_back("rowtime('w$) AS window_time");
      } else if (kind == Kind::kGroupWindowAggregate) {
        out += "window=[" + window.toString(in) + "], ";
        std::vector<std::string> properties;
        if (window.emit_start) properties.push_back("w$start");
        if (window.emit_end) properties.push_back("w$end");
        if (window.emit_rowtime) properties.push_back("w$rowtime");
        if (!properties.empty()) out += "properties=[" + fieldList(properties) + "], ";
        if (window.emit_start) select.push_back("start('w$) AS w$start");
        if (window.emit_end) select.push_back("end('w$) AS w$end");
        if (window.emit_rowtime) select.push_back("rowtime('w$) AS w$rowtime");
      }
      return out + "select=[" + fieldList(select) + "])";
    }
    case Kind::kUnion:
      return "Union(all=[true], union=[" + fieldList(fieldNames()) + "])";
    case Kind::kRank: {
      std::vector<std::string> order;
      for (const SortField& field : sort) {
        order.push_back(input_names[static_cast<size_t>(field.field)] + (field.ascending ? " ASC" : " DESC"));
      }
      if (sort_limit && sort.empty()) return fmt::format("Limit(offset=[0], fetch=[{}])", rank_end);
      if (window.start_field >= 0) {
        const types::LogicalType& in = inputs[0]->output_type;
        return fmt::format("WindowRank(window=[{}], rankType=[ROW_NUMBER], rankRange=[rankStart={}, rankEnd={}], "
                           "partitionBy=[{}], orderBy=[{}], select=[{}])",
                           windowTvfToString(window, "win_start=[" + in.fields()[window.start_field].name +
                                                         "], win_end=[" + in.fields()[window.end_field].name + "]"),
                           rank_start, rank_end, keyList(keys, in), fieldList(order), fieldList(fieldNames()));
      }
      if (sort_limit) {
        return fmt::format("SortLimit(orderBy=[{}], offset=[0], fetch=[{}], strategy=[{}])", fieldList(order),
                           rank_end, rankStrategyName(*this));
      }
      return fmt::format("Rank(strategy=[{}], rankType=[ROW_NUMBER], rankRange=[rankStart={}, "
                         "rankEnd={}], partitionBy=[{}], orderBy=[{}], select=[{}])",
                         rankStrategyName(*this), rank_start, rank_end, keyList(keys, inputs[0]->output_type), fieldList(order),
                         fieldList(fieldNames()));
    }
    case Kind::kOverAggregate: return describeOverAggregate(*this);
    case Kind::kTemporalSort:
      return "TemporalSort(orderBy=[" + input_names[static_cast<size_t>(sort[0].field)] + " ASC])";
    case Kind::kChangelogNormalize:
      return fmt::format("ChangelogNormalize(key=[{}])", keyList(keys, inputs[0]->output_type));
    case Kind::kDeduplicate:
      return fmt::format("Deduplicate(keep=[{}], key=[{}], order=[{}])", keep_last_row ? "LastRow" : "FirstRow",
                         keyList(keys, inputs[0]->output_type),
                         sort[0].field == inputs[0]->rowtime_field ? "ROWTIME" : "PROCTIME");
    case Kind::kWindowTableFunction:
      return "WindowTableFunction(window=[" +
             windowTvfToString(window, "time_col=[" + input_names[static_cast<size_t>(window.time_field)] + "]") + "])";
    case Kind::kJoin:
      return describeJoin(*this);
    case Kind::kCorrelate:
      return describeCorrelate(*this);
    case Kind::kLookupJoin:
      return describeLookupJoin(*this);
    case Kind::kMiniBatchAssigner: return describeMiniBatchAssigner(*this);
    case Kind::kLocalGroupAggregate: return describeLocalGroupAggregate(*this);
    case Kind::kGlobalGroupAggregate: return describeGlobalGroupAggregate(*this);
    case Kind::kSink:
      return fmt::format("Sink(table=[{}], fields=[{}])", sink_table.asSummaryString(), fieldList(input_names));
  }
  return "";
}

namespace {

void appendTree(const PlanNode& node, std::vector<bool>& last_flags, bool changelog_mode, std::string& out) {
  appendRelTreePrefix(last_flags, out);
  std::string text = node.describe();
  if (changelog_mode) {
    text.insert(text.size() - 1, ", changelogMode=[" + node.changelog_mode.toString() + "]");
  }
  out += text;
  out += '\n';
  for (size_t i = 0; i < node.inputs.size(); ++i) {
    last_flags.push_back(i + 1 == node.inputs.size());
    appendTree(*node.inputs[i], last_flags, changelog_mode, out);
    last_flags.pop_back();
  }
}

}  // namespace

std::string planToString(const PlanNode& node, bool changelog_mode) {
  std::string out;
  std::vector<bool> last_flags;
  appendTree(node, last_flags, changelog_mode, out);
  return out;
}

std::string explainPlan(const PlanNode& plan, bool changelog_mode) {
  std::string out = "== Abstract Syntax Tree ==\n";
  out += plan.abstract_syntax_tree.empty() ? planToString(plan, false) : plan.abstract_syntax_tree;
  out += "\n== Optimized Physical Plan ==\n";
  out += planToString(plan, changelog_mode);
  out += "\n== Optimized Execution Plan ==\n";
  out += planToString(plan, false);
  return out;
}

}  // namespace eddy::sql
