#include <fmt/format.h>

#include <map>
#include <utility>

#include "eddy/types/data_types.h"
#include "sql/expression/type_rules.h"
#include "sql/expression/validation_error.h"
#include "sql/parser/unparse.h"
#include "sql/planner/aggregate_function_types.h"
#include "sql/planner/aggregate_udf_call.h"
#include "sql/planner/plan_builder.h"
#include "sql/planner/plan_grouping_sets.h"
#include "sql/planner/plan_window_tvf.h"
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

bool isCallNamed(const Expr& expr, std::initializer_list<const char*> names) {
  if (expr.kind != ExprKind::kFunctionCall || expr.names.size() != 1) return false;
  const std::string name = upper(expr.names[0]);
  for (const char* candidate : names) {
    if (name == candidate) return true;
  }
  return false;
}

bool isAggregateCall(const Expr& expr) {
  return expr.kind == ExprKind::kFunctionCall && !expr.over && expr.names.size() == 1 &&
         isAggregateFunctionName(upper(expr.names[0]));
}

// Collects the aggregate calls of `expr` (not inside other aggregate calls) in order.
void collectAggregateCalls(const Expr& expr, std::vector<const Expr*>& out) {
  if (isAggregateCall(expr)) {
    out.push_back(&expr);
    return;
  }
  for (const ExprPtr& operand : expr.operands) {
    if (operand) collectAggregateCalls(*operand, out);
  }
}

struct WindowProperty {
  GroupWindow::Kind kind;
  enum class Which { kStart, kEnd, kRowtime } which;
};

std::optional<WindowProperty> windowPropertyOf(const Expr& expr) {
  if (expr.kind != ExprKind::kFunctionCall || expr.names.size() != 1) return std::nullopt;
  static const std::pair<const char*, WindowProperty> kProperties[] = {
      {"TUMBLE_START", {GroupWindow::Kind::kTumble, WindowProperty::Which::kStart}},
      {"TUMBLE_END", {GroupWindow::Kind::kTumble, WindowProperty::Which::kEnd}},
      {"TUMBLE_ROWTIME", {GroupWindow::Kind::kTumble, WindowProperty::Which::kRowtime}},
      {"HOP_START", {GroupWindow::Kind::kHop, WindowProperty::Which::kStart}},
      {"HOP_END", {GroupWindow::Kind::kHop, WindowProperty::Which::kEnd}},
      {"HOP_ROWTIME", {GroupWindow::Kind::kHop, WindowProperty::Which::kRowtime}},
      {"SESSION_START", {GroupWindow::Kind::kSession, WindowProperty::Which::kStart}},
      {"SESSION_END", {GroupWindow::Kind::kSession, WindowProperty::Which::kEnd}},
      {"SESSION_ROWTIME", {GroupWindow::Kind::kSession, WindowProperty::Which::kRowtime}},
  };
  const std::string name = upper(expr.names[0]);
  for (const auto& [text, property] : kProperties) {
    if (name == text) return property;
  }
  return std::nullopt;
}

Result<int64_t> intervalMillis(const Expr& expr, const Relation& input) {
  EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, relationBinder(input).bind(expr));
  if (bound->type.root() != LogicalTypeRoot::INTERVAL_DAY_TIME) {
    return validationError(expr.position, "A group window expects an INTERVAL DAY TO SECOND literal as its size");
  }
  EDDY_ASSIGN_OR_RETURN(types::Value value, evaluateConstant(*bound));
  return value.getLong();
}

// The output name of aggregate call number `index`: the alias of the SELECT item that is the
// call, "EXPR$i" for an unaliased item, "$a<index>" for a call inside an expression.
std::string aggregateOutputName(const Select& select, const Expr* call, size_t index) {
  std::string name = "$a" + std::to_string(index);
  for (size_t i = 0; i < select.items.size(); ++i) {
    if (select.items[i].expr.get() == call) name = select.items[i].alias.value_or("EXPR$" + std::to_string(i));
  }
  return name;
}

// The group window of a GROUP BY item TUMBLE(ts, size) / HOP(ts, slide, size) / SESSION(ts, gap).
Result<GroupWindow> planGroupWindow(const Expr& call, const Relation& input) {
  GroupWindow window;
  const std::string name = upper(call.names[0]);
  const size_t arity = name == "HOP" ? 3 : 2;
  if (call.operands.size() != arity) {
    return validationError(call.position, fmt::format("Invalid number of arguments to function '{}'. Was expecting {} arguments",
                                                      name, arity));
  }
  if (call.operands[0]->kind != ExprKind::kIdentifier) {
    return validationError(call.operands[0]->position, "A group window expects a time attribute for grouping in a stream environment.");
  }
  EDDY_ASSIGN_OR_RETURN(window.time_field, resolveField(input, *call.operands[0]));
  window.proctime = input.node->output_type.typeAt(static_cast<size_t>(window.time_field)).timestampKind() ==
                    types::TimestampKind::PROCTIME;
  if (window.proctime && name == "SESSION") {
    return NotSupported(fmt::format("At line {}, column {}: SESSION windows on processing time are not supported yet",
                                    call.position.line, call.position.column));
  }
  if (window.time_field != input.node->rowtime_field && !window.proctime) {
    return validationError(call.operands[0]->position,
                           "A group window expects a time attribute for grouping in a stream environment.");
  }
  if (name == "TUMBLE") {
    window.kind = GroupWindow::Kind::kTumble;
    EDDY_ASSIGN_OR_RETURN(window.size_ms, intervalMillis(*call.operands[1], input));
  } else if (name == "HOP") {
    window.kind = GroupWindow::Kind::kHop;
    EDDY_ASSIGN_OR_RETURN(window.slide_ms, intervalMillis(*call.operands[1], input));
    EDDY_ASSIGN_OR_RETURN(window.size_ms, intervalMillis(*call.operands[2], input));
  } else {
    window.kind = GroupWindow::Kind::kSession;
    EDDY_ASSIGN_OR_RETURN(window.slide_ms, intervalMillis(*call.operands[1], input));
  }
  return window;
}

// Whether the rows of an aggregating SELECT are distinct already: it has no GROUP BY (one
// row), or selects every grouping expression (Flink's AggregateRemoveRule then drops the
// DISTINCT's aggregate).
bool rowsAreDistinct(const Select& select) {
  for (const ExprPtr& key : select.group_by) {
    const std::string text = unparse(*key);
    bool selected = false;
    for (const SelectItem& item : select.items) selected |= unparse(*item.expr) == text;
    if (!selected) return false;
  }
  return true;
}

// SELECT DISTINCT over an aggregation: a GroupAggregate keyed on every field, without
// aggregate calls, as Calcite plans the DISTINCT of an aggregating query.
PlanNodePtr distinctRows(PlanNodePtr input) {
  const LogicalType type = input->output_type;
  std::vector<int> keys;
  for (size_t i = 0; i < type.fieldCount(); ++i) keys.push_back(static_cast<int>(i));
  auto distinct = std::make_unique<PlanNode>(PlanNode::Kind::kGroupAggregate);
  distinct->output_type = type;
  distinct->keys = keys;
  distinct->inputs.push_back(makeExchange(std::move(input), keys));
  return distinct;
}

}  // namespace

Result<Relation> QueryPlanner::planAggregate(const Select& select, Relation input) {
  std::vector<BoundExprPtr> pre;             // the pre-projection: keys, then arguments
  std::vector<std::string> pre_names;
  std::map<std::string, int> group_fields;   // unparsed grouping expression → key index
  std::optional<GroupWindow> window;
  ExpressionBinder binder = relationBinder(input);

  std::vector<const Expr*> grouping;
  struct AttachedColumn {
    const Expr* expr;
    int field;
    WindowColumn column;
  };
  std::vector<AttachedColumn> window_columns;
  // SELECT DISTINCT without GROUP BY and aggregates groups by its items; with them, the
  // aggregate's rows are made distinct afterwards (distinctRows).
  bool aggregated_items = false;
  for (const SelectItem& item : select.items) aggregated_items |= containsAggregateCall(*item.expr);
  const bool distinct_items = select.distinct && select.group_by.empty() && !aggregated_items;
  if (distinct_items) {
    for (const SelectItem& item : select.items) {
      if (item.expr->kind == ExprKind::kStar) {
        return NotSupported(fmt::format("At line {}, column {}: SELECT DISTINCT * is not supported yet",
                                        item.position.line, item.position.column));
      }
      grouping.push_back(item.expr.get());
    }
  }
  for (const ExprPtr& expr : select.group_by) {
    if (expr->kind == ExprKind::kGroupingSets || expr->kind == ExprKind::kRollup || expr->kind == ExprKind::kCube) {
      collectGroupingColumns(*expr, grouping);
      continue;
    }
    if (isCallNamed(*expr, {"TUMBLE", "HOP", "SESSION"})) {
      if (window) return validationError(expr->position, "Only a single window group is allowed");
      EDDY_ASSIGN_OR_RETURN(GroupWindow planned, planGroupWindow(*expr, input));
      window = planned;
      continue;
    }
    if (expr->kind == ExprKind::kIdentifier) {
      Result<int> field = resolveField(input, *expr);
      if (field.ok()) {
        if (std::optional<WindowColumn> column = windowColumnOf(*input.node, *field)) {
          window_columns.push_back(AttachedColumn{expr.get(), *field, *column});
          continue;
        }
      }
    }
    grouping.push_back(expr.get());
  }
  // GROUP BY window_start, window_end of one window TVF is a window aggregation; otherwise
  // the window columns are plain grouping keys.
  const PlanNode* attached_function = nullptr;
  int attached_start = -1;
  int attached_end = -1;
  for (const AttachedColumn& column : window_columns) {
    if (column.column.which == WindowColumn::Which::kStart) attached_start = column.field;
    if (column.column.which == WindowColumn::Which::kEnd) attached_end = column.field;
  }
  if (attached_start >= 0 && attached_end >= 0 && !window) {
    attached_function = window_columns[0].column.function;
    for (const AttachedColumn& column : window_columns) {
      if (column.column.function != attached_function) attached_function = nullptr;
    }
  }
  if (!attached_function) {
    for (const AttachedColumn& column : window_columns) grouping.push_back(column.expr);
  }
  for (const Expr* expr : grouping) {
    const std::string text = unparse(*expr);
    if (group_fields.contains(text)) continue;
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.bind(*expr));
    group_fields[text] = static_cast<int>(pre.size());
    pre_names.push_back(expr->kind == ExprKind::kIdentifier ? expr->names.back() : "$f" + std::to_string(pre.size()));
    pre.push_back(std::move(bound));
  }
  // GROUPING SETS, ROLLUP and CUBE: the expansion's $e is a key after the grouping columns.
  const bool grouping_sets = hasGroupingSets(select.group_by);
  const size_t grouping_columns = pre.size();
  if (grouping_sets) {
    if (window || attached_function) {
      return NotSupported(fmt::format("At line {}, column {}: GROUPING SETS, ROLLUP and CUBE with a group window are "
                                      "not supported yet", select.position.line, select.position.column));
    }
    pre_names.push_back("$e");
    pre.push_back(BoundExpr::literal(types::Value(int64_t{0}), DataTypes::BIGINT().notNull(), {}));
  }
  const int key_count = static_cast<int>(pre.size());
  if (attached_function) {
    window = attached_function->window;
    window->time_field = -1;
    window->emit_start = window->emit_end = window->emit_rowtime = true;
    const LogicalType& type = input.node->output_type;
    window->start_field = static_cast<int>(pre.size());
    pre_names.push_back("window_start");
    pre.push_back(BoundExpr::inputRef(attached_start, type.typeAt(static_cast<size_t>(attached_start)), {}));
    window->end_field = static_cast<int>(pre.size());
    pre_names.push_back("window_end");
    pre.push_back(BoundExpr::inputRef(attached_end, type.typeAt(static_cast<size_t>(attached_end)), {}));
  } else if (window) {
    const int time_field = window->time_field;
    window->time_field = static_cast<int>(pre.size());
    pre_names.push_back(input.node->output_type.fields()[time_field].name);
    pre.push_back(BoundExpr::inputRef(time_field, input.node->output_type.typeAt(time_field), {}));
  }

  // Aggregate calls of the SELECT list and HAVING, each once.
  std::vector<const Expr*> calls;
  for (const SelectItem& item : select.items) {
    if (item.expr->kind == ExprKind::kStar) {
      return validationError(item.position, "Expression '*' is not being grouped");
    }
    collectAggregateCalls(*item.expr, calls);
  }
  if (select.having) collectAggregateCalls(*select.having, calls);
  std::map<std::string, int> aggregate_fields;  // unparsed call → aggregate index
  std::vector<AggregateCall> aggregates;
  std::map<std::string, int> argument_fields;
  auto argumentField = [&](const Expr& argument) -> Result<int> {
    const std::string text = unparse(argument);
    auto it = argument_fields.find(text);
    if (it != argument_fields.end()) return it->second;
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.bind(argument));
    const int index = static_cast<int>(pre.size());
    pre_names.push_back("$f" + std::to_string(index));
    pre.push_back(std::move(bound));
    argument_fields[text] = index;
    return index;
  };
  for (const Expr* call : calls) {
    const std::string text = unparse(*call);
    if (aggregate_fields.contains(text)) continue;
    const std::string name = upper(call->names[0]);
    if (const auto* udaf = userAggregateFunction(name)) {
      EDDY_ASSIGN_OR_RETURN(AggregateCall aggregate, planUserAggregateCall(*call, *udaf, binder, pre, pre_names));
      aggregate.name = aggregateOutputName(select, call, aggregates.size());
      aggregate_fields[text] = static_cast<int>(aggregates.size());
      aggregates.push_back(std::move(aggregate));
      continue;
    }
    AggregateCall aggregate;
    using F = AggregateCall::Function;
    std::optional<F> function = aggregateFunctionByName(name);
    if (!function) {
      return NotSupported(fmt::format("At line {}, column {}: aggregate function {} is not supported yet",
                                      call->position.line, call->position.column, name));
    }
    aggregate.function = *function;
    for (const ExprPtr& operand : call->operands) {
      if (containsAggregateCall(*operand)) {
        return validationError(operand->position, "Aggregate expressions cannot be nested");
      }
    }
    const bool star = call->operands.size() == 1 && call->operands[0]->kind == ExprKind::kStar;
    const size_t max_arity = aggregate.function == F::kCount     ? call->operands.size()
                             : aggregate.function == F::kListAgg ? 2
                                                                 : 1;
    if (call->operands.size() > max_arity || (call->operands.empty() && aggregate.function != F::kCount) ||
        (star && aggregate.function != F::kCount)) {
      return validationError(call->position, fmt::format("Invalid number of arguments to function '{}'. Was expecting 1 arguments", name));
    }
    if (!call->operands.empty() && !star) {
      EDDY_ASSIGN_OR_RETURN(aggregate.argument, argumentField(*call->operands[0]));
      aggregate.argument_type = pre[aggregate.argument]->type;
    } else {
      aggregate.argument_type = DataTypes::BIGINT();
    }
    if (aggregate.function == F::kCount) {
      for (size_t a = 1; a < call->operands.size(); ++a) {
        EDDY_ASSIGN_OR_RETURN(int more, argumentField(*call->operands[a]));
        aggregate.more_arguments.push_back(more);
      }
    }
    if (aggregate.function == F::kListAgg && call->operands.size() == 2) {
      EDDY_ASSIGN_OR_RETURN(BoundExprPtr separator, binder.bind(*call->operands[1]));
      const LogicalTypeRoot root = separator->type.root();
      if (separator->kind != BoundExpr::Kind::kLiteral || (root != LogicalTypeRoot::CHAR && root != LogicalTypeRoot::VARCHAR)) {
        return NotSupported(fmt::format("At line {}, column {}: LISTAGG with a separator that is not a string literal "
                                        "is not supported yet",
                                        call->operands[1]->position.line, call->operands[1]->position.column));
      }
      aggregate.separator = separator->value.getString();
    }
    aggregate.distinct = call->distinct;
    if (call->filter) {
      EDDY_ASSIGN_OR_RETURN(aggregate.filter, argumentField(*call->filter));
      if (pre[aggregate.filter]->type.root() != LogicalTypeRoot::BOOLEAN) {
        return validationError(call->filter->position, "FILTER expression must be of type BOOLEAN");
      }
    }
    EDDY_ASSIGN_OR_RETURN(aggregate.result_type,
                          aggregateResultType(aggregate.function, aggregate.argument_type, call->position, name));
    aggregate.name = aggregateOutputName(select, call, aggregates.size());
    aggregate_fields[text] = static_cast<int>(aggregates.size());
    aggregates.push_back(std::move(aggregate));
  }

  // Calc (pre-projection) → Exchange → aggregate.
  const int rowtime_in_pre = window ? window->time_field : -1;
  PlanNodePtr below = makeCalc(std::move(input.node), std::move(pre), nullptr, pre_names);
  if (grouping_sets) {
    below = expandGroupingSets(std::move(below), grouping_columns,
                               groupingSetsOf(select.group_by, group_fields, grouping_columns));
  }
  std::vector<int> keys;
  for (int k = 0; k < key_count; ++k) keys.push_back(k);
  below = makeExchange(std::move(below), keys);
  auto aggregate = std::make_unique<PlanNode>(window ? PlanNode::Kind::kGroupWindowAggregate
                                                     : PlanNode::Kind::kGroupAggregate);
  std::vector<types::RowField> fields;
  for (int k = 0; k < key_count; ++k) {
    fields.push_back(DataTypes::FIELD(pre_names[k], below->output_type.typeAt(k)));
  }
  for (const AggregateCall& call : aggregates) fields.push_back(DataTypes::FIELD(call.name, call.result_type));

  // Window properties the query asks for, and where they land.
  std::map<WindowProperty::Which, int> property_fields;
  if (window) {
    window->time_field = rowtime_in_pre;
    std::vector<const Expr*> property_calls;
    std::function<void(const Expr&)> collect = [&](const Expr& expr) {
      if (auto property = windowPropertyOf(expr)) {
        property_calls.push_back(&expr);
        return;
      }
      for (const ExprPtr& operand : expr.operands) {
        if (operand) collect(*operand);
      }
    };
    for (const SelectItem& item : select.items) collect(*item.expr);
    if (select.having) collect(*select.having);
    for (const Expr* call : property_calls) {
      WindowProperty property = *windowPropertyOf(*call);
      if (property.kind != window->kind) {
        return validationError(call->position, fmt::format("Window property {} does not match the window of the GROUP BY clause",
                                                           upper(call->names[0])));
      }
      if (property.which == WindowProperty::Which::kStart) window->emit_start = true;
      if (property.which == WindowProperty::Which::kEnd) window->emit_end = true;
      if (property.which == WindowProperty::Which::kRowtime) window->emit_rowtime = true;
    }
    const LogicalType timestamp = DataTypes::TIMESTAMP(3).notNull();
    const bool attached = attached_function != nullptr;
    if (window->emit_start) {
      property_fields[WindowProperty::Which::kStart] = static_cast<int>(fields.size());
      fields.push_back(DataTypes::FIELD(attached ? "window_start" : "w$start", timestamp));
    }
    if (window->emit_end) {
      property_fields[WindowProperty::Which::kEnd] = static_cast<int>(fields.size());
      fields.push_back(DataTypes::FIELD(attached ? "window_end" : "w$end", timestamp));
    }
    if (window->emit_rowtime) {
      property_fields[WindowProperty::Which::kRowtime] = static_cast<int>(fields.size());
      if (!window->proctime) aggregate->rowtime_field = static_cast<int>(fields.size());
      const LogicalType rowtime_type =
          attached ? attached_function->output_type.typeAt(attached_function->output_type.fieldCount() - 1)
                   : timestamp;
      fields.push_back(DataTypes::FIELD(attached ? "window_time" : "w$rowtime", rowtime_type));
    }
    // The window columns of the GROUP BY read the window's properties.
    for (const AttachedColumn& column : window_columns) {
      if (!attached) break;
      const WindowProperty::Which which = column.column.which == WindowColumn::Which::kStart ? WindowProperty::Which::kStart
                                          : column.column.which == WindowColumn::Which::kEnd ? WindowProperty::Which::kEnd
                                                                                              : WindowProperty::Which::kRowtime;
      group_fields[unparse(*column.expr)] = property_fields.at(which);
    }
    aggregate->window = *window;
  }
  aggregate->output_type = DataTypes::ROW(fields);
  aggregate->keys = keys;
  aggregate->aggregates = std::move(aggregates);
  aggregate->inputs.push_back(std::move(below));

  // The SELECT list and HAVING over the aggregate's output.
  Relation grouped{std::move(aggregate), std::vector<std::string>(fields.size())};
  const LogicalType grouped_type = grouped.node->output_type;
  ExpressionBinder::NodeResolver resolver = [&](const Expr& expr) -> std::optional<Result<BoundExprPtr>> {
    if (expr.kind == ExprKind::kLiteral) return std::nullopt;
    auto ref = [&](int field) {
      return Result<BoundExprPtr>(BoundExpr::inputRef(field, grouped_type.typeAt(field), expr.position));
    };
    if (auto property = windowPropertyOf(expr)) return ref(property_fields.at(property->which));
    const std::optional<int> e_field = grouping_sets ? std::optional<int>(static_cast<int>(grouping_columns)) : std::nullopt;
    if (auto grouping = bindGroupingFunction(expr, group_fields, grouping_columns, e_field)) return std::move(*grouping);
    const std::string text = unparse(expr);
    if (auto it = group_fields.find(text); it != group_fields.end()) return ref(it->second);
    if (auto it = aggregate_fields.find(text); it != aggregate_fields.end()) return ref(key_count + it->second);
    if (expr.kind == ExprKind::kIdentifier) {
      return Result<BoundExprPtr>(validationError(expr.position, fmt::format("Expression '{}' is not being grouped",
                                                                             fmt::join(expr.names, "."))));
    }
    return std::nullopt;
  };
  ExpressionBinder post(grouped_type, resolver);
  std::vector<BoundExprPtr> projections;
  std::vector<std::string> names;
  for (size_t i = 0; i < select.items.size(); ++i) {
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, post.bind(*select.items[i].expr));
    projections.push_back(std::move(bound));
    names.push_back(select.items[i].alias ? *select.items[i].alias : defaultAlias(*select.items[i].expr, i));
  }
  BoundExprPtr having;
  if (select.having) {
    EDDY_ASSIGN_OR_RETURN(having, post.bind(*select.having));
    if (having->type.root() != LogicalTypeRoot::BOOLEAN) {
      return validationError(select.having->position, "HAVING clause must be a condition");
    }
  }
  uniquifyNames(names);
  grouped.node = makeCalc(std::move(grouped.node), std::move(projections), std::move(having), names);
  grouped.qualifiers.assign(names.size(), "");
  if (select.distinct && !distinct_items && !rowsAreDistinct(select)) grouped.node = distinctRows(std::move(grouped.node));
  return grouped;
}

}  // namespace eddy::sql
