#include <fmt/format.h>

#include <map>
#include <utility>

#include "eddy/types/data_types.h"
#include "sql/expression/validation_error.h"
#include "sql/parser/unparse.h"
#include "sql/planner/aggregate_function_types.h"
#include "sql/planner/computed_key.h"
#include "sql/planner/plan_builder.h"
#include "sql/planner/plan_over.h"
#include "sql/planner/plan_rank.h"
#include "sql/planner/query_planner.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;
using types::LogicalTypeRoot;

namespace {

std::string upper(std::string name) {
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

void collectOverCalls(const Expr& expr, std::vector<const Expr*>& out) {
  if (expr.kind == ExprKind::kFunctionCall && expr.over) {
    out.push_back(&expr);
    return;
  }
  for (const ExprPtr& operand : expr.operands) {
    if (operand) collectOverCalls(*operand, out);
  }
}

// The window of an OVER clause, looked up in the WINDOW clause when it names one.
Result<const WindowSpec*> resolveWindow(const Select& select, const WindowSpec& spec) {
  if (!spec.reference) return &spec;
  for (const NamedWindow& window : select.windows) {
    if (window.name != *spec.reference) continue;
    if (!spec.partition_by.empty() || !spec.order_by.empty() || spec.has_frame) {
      return NotSupported(fmt::format("At line {}, column {}: refining a named window is not supported yet",
                                      spec.position.line, spec.position.column));
    }
    return &window.spec;
  }
  return validationError(spec.position, fmt::format("Window '{}' not found", *spec.reference));
}

// A text that is equal for two windows exactly when they are the same window.
std::string windowDigest(const WindowSpec& spec) {
  std::string out;
  for (const ExprPtr& key : spec.partition_by) out += unparse(*key) + ",";
  out += "|";
  for (const OrderItem& item : spec.order_by) {
    out += unparse(*item.expr) + std::to_string(static_cast<int>(item.direction)) +
           std::to_string(static_cast<int>(item.null_order)) + ",";
  }
  out += fmt::format("|{}{}{}{}", spec.has_frame, spec.rows, static_cast<int>(spec.lower.kind),
                     static_cast<int>(spec.upper.kind));
  if (spec.lower.offset) out += unparse(*spec.lower.offset);
  return out;
}

std::string frameString(const PlanNode& node) {
  const char* unit = node.frame_rows ? "ROWS" : "RANGE";
  if (node.frame_preceding < 0) return fmt::format("{} BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW", unit);
  return fmt::format("{} BETWEEN {} PRECEDING AND CURRENT ROW", unit, node.frame_preceding);
}

}  // namespace

bool containsOverCall(const Expr& expr) {
  std::vector<const Expr*> calls;
  collectOverCalls(expr, calls);
  return !calls.empty();
}

std::string describeOverAggregate(const PlanNode& node) {
  const LogicalType& in = node.inputs[0]->output_type;
  std::vector<std::string> keys;
  for (int k : node.keys) keys.push_back(in.fields()[k].name);
  std::vector<std::string> select = in.fieldNames();
  for (const AggregateCall& call : node.aggregates) select.push_back(call.toString(in));
  std::string out = "OverAggregate(";
  if (!keys.empty()) out += fmt::format("partitionBy=[{}], ", fmt::join(keys, ", "));
  return out + fmt::format("orderBy=[{} ASC], window=[ {}], select=[{}])", in.fields()[node.sort[0].field].name,
                           frameString(node), fmt::join(select, ", "));
}

// A SELECT whose items call functions OVER a window: ROW_NUMBER() (a Top-N or
// deduplication once a filter bounds it, plan_rank.cc) or aggregates over a frame that ends
// at the current row, ordered by the rowtime or a processing-time attribute (an OverAggregate).
Result<Relation> QueryPlanner::planOverSelect(const Select& select, Relation input) {
  std::vector<const Expr*> calls;
  for (const SelectItem& item : select.items) {
    if (item.expr->kind != ExprKind::kStar) collectOverCalls(*item.expr, calls);
  }
  std::vector<const WindowSpec*> specs;
  for (const Expr* call : calls) {
    EDDY_ASSIGN_OR_RETURN(const WindowSpec* spec, resolveWindow(select, *call->over));
    specs.push_back(spec);
  }
  for (size_t i = 0; i < calls.size(); ++i) {
    const std::string name = upper(calls[i]->names.back());
    // Flink's AbstractTopNFunction runs ROW_NUMBER only.
    if (name == "RANK" || name == "DENSE_RANK") {
      return NotSupported(fmt::format("{}() on streaming table is not supported currently", name));
    }
    if (name != "ROW_NUMBER") continue;
    if (calls.size() != 1) {
      return NotSupported(fmt::format("At line {}, column {}: ROW_NUMBER() with other OVER functions is not supported yet",
                                      calls[i]->position.line, calls[i]->position.column));
    }
    return planRowNumber(select, std::move(input), *calls[0], *specs[0]);
  }
  const WindowSpec& spec = *specs[0];
  for (const WindowSpec* other : specs) {
    if (windowDigest(*other) != windowDigest(spec)) {
      return InvalidArgument("Over Agg: Unsupported use of OVER windows. All aggregates must be computed on the same "
                             "window.");
    }
  }
  auto over = std::make_unique<PlanNode>(PlanNode::Kind::kOverAggregate);
  // PARTITION BY expressions become fields of the input; * does not show them.
  const size_t visible = input.node->output_type.fieldCount();
  for (const ExprPtr& key : spec.partition_by) {
    EDDY_ASSIGN_OR_RETURN(int field, keyField(input, *key));
    over->keys.push_back(field);
  }
  if (spec.order_by.size() != 1 || spec.order_by[0].expr->kind != ExprKind::kIdentifier) {
    return InvalidArgument("OVER windows' ordering in stream mode must be defined on a time attribute.");
  }
  SortField order;
  EDDY_ASSIGN_OR_RETURN(order.field, resolveField(input, *spec.order_by[0].expr));
  if (!isTimeAttribute(*input.node, order.field)) {
    return InvalidArgument("OVER windows' ordering in stream mode must be defined on a time attribute.");
  }
  if (spec.order_by[0].direction == OrderItem::Direction::kDesc) {
    return InvalidArgument("The window can only be ordered in ASCENDING mode.");
  }
  over->sort.push_back(order);
  over->frame_rows = spec.has_frame && spec.rows;
  if (spec.has_frame) {
    // Without BETWEEN the frame ends at the current row.
    const WindowFrameBound::Kind upper_kind = spec.between ? spec.upper.kind : WindowFrameBound::Kind::kCurrentRow;
    if (upper_kind == WindowFrameBound::Kind::kFollowing || upper_kind == WindowFrameBound::Kind::kUnboundedFollowing ||
        spec.lower.kind == WindowFrameBound::Kind::kFollowing ||
        spec.lower.kind == WindowFrameBound::Kind::kUnboundedFollowing) {
      return InvalidArgument(spec.rows ? "OVER ROW FOLLOWING windows are not supported yet."
                                       : "OVER RANGE FOLLOWING windows are not supported yet.");
    }
    if (upper_kind != WindowFrameBound::Kind::kCurrentRow) {
      return NotSupported(fmt::format("At line {}, column {}: an OVER frame that does not end at the current row is "
                                      "not supported yet",
                                      spec.position.line, spec.position.column));
    }
    switch (spec.lower.kind) {
      case WindowFrameBound::Kind::kUnboundedPreceding: over->frame_preceding = -1; break;
      case WindowFrameBound::Kind::kCurrentRow: over->frame_preceding = 0; break;
      case WindowFrameBound::Kind::kPreceding: {
        EDDY_ASSIGN_OR_RETURN(BoundExprPtr offset, relationBinder(input).bind(*spec.lower.offset));
        const LogicalTypeRoot root = offset->type.root();
        const bool fits = spec.rows ? (root == LogicalTypeRoot::INTEGER || root == LogicalTypeRoot::BIGINT ||
                                       root == LogicalTypeRoot::SMALLINT || root == LogicalTypeRoot::TINYINT)
                                    : root == LogicalTypeRoot::INTERVAL_DAY_TIME;
        if (!fits || offset->kind == BoundExpr::Kind::kInputRef) {
          return validationError(spec.lower.offset->position,
                                 spec.rows ? "ROWS value must be a non-negative integral constant"
                                           : "RANGE value must be a constant interval of days, hours, minutes or seconds");
        }
        // ROWS counts arrive as any integral type; RANGE intervals are BIGINT milliseconds.
        const LogicalType as = spec.rows ? DataTypes::BIGINT() : offset->type;
        EDDY_ASSIGN_OR_RETURN(types::Value value, evaluateConstant(*binder::castTo(std::move(offset), as)));
        over->frame_preceding = value.getLong();
        break;
      }
      case WindowFrameBound::Kind::kFollowing:
      case WindowFrameBound::Kind::kUnboundedFollowing: break;
    }
  }

  // Pre-projection: the input's fields, then the aggregates' arguments.
  const LogicalType& input_type = input.node->output_type;
  std::vector<BoundExprPtr> pre;
  std::vector<std::string> pre_names = input_type.fieldNames();
  for (size_t f = 0; f < input_type.fieldCount(); ++f) pre.push_back(BoundExpr::inputRef(static_cast<int>(f), input_type.typeAt(f), {}));
  ExpressionBinder binder = relationBinder(input);
  std::map<const Expr*, int> call_fields;
  std::map<std::string, int> digests;
  for (const Expr* call : calls) {
    const std::string name = upper(call->names.back());
    std::optional<AggregateCall::Function> function = aggregateFunctionByName(name);
    if (!function) {
      return NotSupported(fmt::format("At line {}, column {}: {} OVER a window is not supported yet", call->position.line,
                                      call->position.column, name));
    }
    const std::string digest = unparse(*call);
    if (auto it = digests.find(digest); it != digests.end()) {
      call_fields[call] = it->second;
      continue;
    }
    AggregateCall aggregate;
    aggregate.function = *function;
    aggregate.distinct = call->distinct;
    const bool star = call->operands.size() == 1 && call->operands[0]->kind == ExprKind::kStar;
    if (call->operands.size() > 1 || (*function != AggregateCall::Function::kCount && (call->operands.empty() || star))) {
      return validationError(call->position, fmt::format("Invalid number of arguments to function '{}'. Was expecting 1 "
                                                         "arguments",
                                                         name));
    }
    if (call->filter) {
      return NotSupported(fmt::format("At line {}, column {}: FILTER in an OVER aggregation is not supported yet",
                                      call->position.line, call->position.column));
    }
    aggregate.argument_type = DataTypes::BIGINT();
    if (!call->operands.empty() && !star) {
      EDDY_ASSIGN_OR_RETURN(BoundExprPtr argument, binder.bind(*call->operands[0]));
      aggregate.argument_type = argument->type;
      if (argument->kind == BoundExpr::Kind::kInputRef) {
        aggregate.argument = argument->input_index;
      } else {
        aggregate.argument = static_cast<int>(pre.size());
        pre_names.push_back("$" + std::to_string(pre.size()));
        pre.push_back(std::move(argument));
      }
    }
    EDDY_ASSIGN_OR_RETURN(aggregate.result_type,
                          aggregateResultType(aggregate.function, aggregate.argument_type, call->position, name));
    aggregate.name = "w0$o" + std::to_string(over->aggregates.size());
    digests[digest] = static_cast<int>(over->aggregates.size());
    call_fields[call] = static_cast<int>(over->aggregates.size());
    over->aggregates.push_back(std::move(aggregate));
  }
  PlanNodePtr below = makeCalc(std::move(input.node), std::move(pre), nullptr, pre_names);
  const LogicalType below_type = below->output_type;
  std::vector<types::RowField> fields = below_type.fields();
  for (const AggregateCall& call : over->aggregates) fields.push_back(DataTypes::FIELD(call.name, call.result_type));
  over->output_type = DataTypes::ROW(std::move(fields));
  over->rowtime_field = below->rowtime_field;
  over->inputs.push_back(makeExchange(std::move(below), over->keys));

  // The SELECT items over the input's fields and the aggregates.
  const int first_aggregate = static_cast<int>(below_type.fieldCount());
  const LogicalType over_type = over->output_type;
  std::vector<std::string> qualifiers = input.qualifiers;
  qualifiers.resize(over_type.fieldCount());
  Relation relation{std::move(over), qualifiers};
  ExpressionBinder post = relationBinder(relation, [&](const Expr& expr) -> std::optional<Result<BoundExprPtr>> {
    auto it = call_fields.find(&expr);
    if (it == call_fields.end()) return std::nullopt;
    const int field = first_aggregate + it->second;
    return Result<BoundExprPtr>(BoundExpr::inputRef(field, over_type.typeAt(static_cast<size_t>(field)), expr.position));
  });
  std::vector<BoundExprPtr> projections;
  std::vector<std::string> names;
  for (size_t i = 0; i < select.items.size(); ++i) {
    const SelectItem& item = select.items[i];
    if (item.expr->kind == ExprKind::kStar) {
      for (int f = 0; f < static_cast<int>(visible); ++f) {
        if (!item.expr->names.empty() && relation.qualifiers[f] != item.expr->names.back()) continue;
        projections.push_back(BoundExpr::inputRef(f, over_type.typeAt(static_cast<size_t>(f)), item.position));
        names.push_back(over_type.fields()[f].name);
      }
      continue;
    }
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, post.bind(*item.expr));
    projections.push_back(std::move(bound));
    names.push_back(item.alias ? *item.alias : defaultAlias(*item.expr, projections.size() - 1));
  }
  uniquifyNames(names);
  relation.node = makeCalc(std::move(relation.node), std::move(projections), nullptr, names);
  relation.qualifiers.assign(names.size(), "");
  return relation;
}

}  // namespace eddy::sql
