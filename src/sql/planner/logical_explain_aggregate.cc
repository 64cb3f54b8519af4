#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <utility>

#include "eddy/types/data_types.h"
#include "sql/parser/unparse.h"
#include "sql/planner/logical_explain_digest.h"
#include "sql/planner/logical_explain_rel.h"
#include "sql/planner/plan_builder.h"
#include "sql/planner/plan_grouping_sets.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;

namespace {

std::string upperName(const Expr& call) { return call.names.empty() ? std::string() : upperCase(call.names.back()); }

// GROUPING(a) and GROUPING_ID(a, b) are aggregate calls of Calcite's tree too.
bool isAggregateCall(const Expr& expr) {
  if (expr.kind != ExprKind::kFunctionCall || expr.over || expr.names.size() != 1) return false;
  const std::string name = upperName(expr);
  return isAggregateFunctionName(name) || name == "GROUPING" || name == "GROUPING_ID";
}

bool isRankingFunction(const std::string& name) {
  return name == "ROW_NUMBER" || name == "RANK" || name == "DENSE_RANK";
}

bool isGroupWindow(const std::string& name) { return name == "TUMBLE" || name == "HOP" || name == "SESSION"; }

// COUNT(*) and COUNT() have no argument.
bool hasArguments(const Expr& call) {
  return !call.operands.empty() && call.operands[0]->kind != ExprKind::kStar;
}

// What an aggregate function returns over an argument of type `argument`, for binding the
// expressions above the aggregate.
LogicalType aggregateType(const std::string& name, const LogicalType* argument) {
  if (name == "COUNT" || name == "ROW_NUMBER" || name == "RANK" || name == "DENSE_RANK" || name == "GROUPING" ||
      name == "GROUPING_ID") {
    return DataTypes::BIGINT().notNull();
  }
  if (name == "LISTAGG") return DataTypes::STRING();
  return argument ? argument->nullable() : DataTypes::BIGINT();
}

void collectAggregateCalls(const Expr& expr, std::vector<const Expr*>& calls) {
  if (isAggregateCall(expr)) {
    calls.push_back(&expr);
    return;
  }
  if (expr.kind == ExprKind::kFunctionCall && expr.over) return;
  for (const ExprPtr& operand : expr.operands) {
    if (operand) collectAggregateCalls(*operand, calls);
  }
}

// One output of the projection below an aggregate: its digest, type and name.
struct ProjectedExpr {
  std::string digest;
  LogicalType type;
  std::string name;
};

// The index of `expr` in `projected`, appended when new and named `alias` when there is one;
// otherwise input references keep their field's name, other expressions are named $f<index>
// as Calcite does.
int projectExpr(const BoundExpr& expr, std::string digest, const LogicalRel& input,
                std::vector<ProjectedExpr>& projected, const std::string* alias = nullptr) {
  for (size_t i = 0; i < projected.size(); ++i) {
    if (projected[i].digest == digest) return static_cast<int>(i);
  }
  std::string name = alias ? *alias
                     : expr.kind == BoundExpr::Kind::kInputRef && expr.input_index < static_cast<int>(input.names.size())
                         ? input.row_type.fields()[static_cast<size_t>(expr.input_index)].name
                         : "$f" + std::to_string(projected.size());
  projected.push_back({std::move(digest), expr.type, std::move(name)});
  return static_cast<int>(projected.size() - 1);
}

// Calcite's groups=[[{0, 1}, {0}, {}]] of an Aggregate with grouping sets, the sets ordered
// as ImmutableBitSet.COMPARATOR orders them (the set holding the lowest differing key first);
// empty when the only set holds every key (Calcite's SIMPLE group type). Clears the flag of
// every key some set leaves out.
Result<std::string> groupSetsTerm(const std::vector<ExprPtr>& group_by, const std::map<std::string, int>& column_of,
                                  size_t keys, std::vector<bool>& in_every_set) {
  std::vector<std::vector<bool>> sets = groupingSetsOf(group_by, column_of, keys);
  std::sort(sets.begin(), sets.end(), std::greater<>());
  if (std::adjacent_find(sets.begin(), sets.end()) != sets.end()) {
    return NotSupported("repeated grouping sets in the abstract syntax tree");
  }
  std::vector<std::string> printed;
  for (const std::vector<bool>& set : sets) {
    std::vector<size_t> members;
    for (size_t k = 0; k < keys; ++k) {
      if (set[k]) {
        members.push_back(k);
      } else {
        in_every_set[k] = false;
      }
    }
    printed.push_back(fmt::format("{{{}}}", fmt::join(members, ", ")));
  }
  if (sets.size() == 1 && std::find(in_every_set.begin(), in_every_set.end(), false) == in_every_set.end()) return std::string();
  return fmt::format("groups=[[{}]]", fmt::join(printed, ", "));
}

}  // namespace

BoundExprPtr LogicalRelBuilder::placeholder(std::string digest, LogicalType type) {
  const int index = next_placeholder_++;
  substitutions_[index] = std::move(digest);
  return BoundExpr::inputRef(index, std::move(type), {});
}

Result<std::string> LogicalRelBuilder::overDigest(const Expr& call, const Select& select, const LogicalRel& input,
                                                  const ExpressionBinder::NodeResolver& resolver) const {
  const std::string name = upperName(call);
  std::vector<std::string> arguments;
  if (hasArguments(call)) {
    for (const ExprPtr& operand : call.operands) {
      EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, bind(*operand, input, resolver));
      arguments.push_back(rexDigest(*bound, substitutions_));
    }
  }
  // OVER w and OVER (w ORDER BY ...) take the named window's clauses first.
  const WindowSpec& own = *call.over;
  const WindowSpec* base = nullptr;
  if (own.reference) {
    for (const NamedWindow& window : select.windows) {
      if (window.name == *own.reference) base = &window.spec;
    }
    if (!base) return InvalidArgument("Window '" + *own.reference + "' not found");
  }
  const WindowSpec& partition = base && own.partition_by.empty() ? *base : own;
  const WindowSpec& order = base && own.order_by.empty() ? *base : own;
  const WindowSpec& frame = base && !own.has_frame ? *base : own;
  std::vector<std::string> clauses;
  if (!partition.partition_by.empty()) {
    std::vector<std::string> keys;
    for (const ExprPtr& key : partition.partition_by) {
      EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, bind(*key, input, resolver));
      keys.push_back(rexDigest(*bound, substitutions_));
    }
    clauses.push_back(fmt::format("PARTITION BY {}", fmt::join(keys, ", ")));
  }
  if (!order.order_by.empty()) {
    std::vector<std::string> keys;
    for (const OrderItem& item : order.order_by) {
      EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, bind(*item.expr, input, resolver));
      const bool desc = item.direction == OrderItem::Direction::kDesc;
      const bool nulls_first =
          item.null_order == OrderItem::NullOrder::kDefault ? !desc : item.null_order == OrderItem::NullOrder::kFirst;
      keys.push_back(rexDigest(*bound, substitutions_) + (desc ? " DESC" : "") +
                     (nulls_first ? " NULLS FIRST" : " NULLS LAST"));
    }
    clauses.push_back(fmt::format("ORDER BY {}", fmt::join(keys, ", ")));
  }
  // Calcite prints a frame other than the default RANGE UNBOUNDED PRECEDING, and only its
  // lower bound when the upper one is CURRENT ROW: "ROWS 2 PRECEDING".
  if (!isRankingFunction(name) && frame.has_frame) {
    auto bound_text = [&](const WindowFrameBound& bound) -> Result<std::string> {
      switch (bound.kind) {
        case WindowFrameBound::Kind::kUnboundedPreceding: return std::string("UNBOUNDED PRECEDING");
        case WindowFrameBound::Kind::kCurrentRow: return std::string("CURRENT ROW");
        case WindowFrameBound::Kind::kUnboundedFollowing: return std::string("UNBOUNDED FOLLOWING");
        case WindowFrameBound::Kind::kPreceding:
        case WindowFrameBound::Kind::kFollowing: break;
      }
      EDDY_ASSIGN_OR_RETURN(BoundExprPtr offset, bind(*bound.offset, input, resolver));
      return rexDigest(*offset) + (bound.kind == WindowFrameBound::Kind::kPreceding ? " PRECEDING" : " FOLLOWING");
    };
    EDDY_ASSIGN_OR_RETURN(std::string lower, bound_text(frame.lower));
    std::string upper = "CURRENT ROW";
    if (frame.between) {
      EDDY_ASSIGN_OR_RETURN(upper, bound_text(frame.upper));
    }
    const bool default_frame = !frame.rows && lower == "UNBOUNDED PRECEDING" && upper == "CURRENT ROW";
    if (!default_frame) {
      clauses.push_back(fmt::format("{} {}", frame.rows ? "ROWS" : "RANGE",
                                    upper == "CURRENT ROW" ? lower : "BETWEEN " + lower + " AND " + upper));
    }
  }
  const std::string window = fmt::format("OVER ({})", fmt::join(clauses, " "));
  const std::string distinct = call.distinct ? "DISTINCT " : "";
  if (name == "SUM" && hasArguments(call)) {
    // Calcite's SUM over a window: CASE(>(COUNT(x) OVER w, 0), SUM(x) OVER w, null:<type>).
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr first, bind(*call.operands[0], input, resolver));
    return fmt::format("CASE(>(COUNT({0}{1}) {2}, 0), SUM({0}{1}) {2}, null:{3})", distinct,
                       fmt::join(arguments, ", "), window, calciteTypeString(first->type.nullable()));
  }
  return fmt::format("{}({}{}) {}", name, distinct, fmt::join(arguments, ", "), window);
}

Result<LogicalRel> LogicalRelBuilder::selectItems(const Select& select, LogicalRel input,
                                                  const std::vector<const Expr*>& extra,
                                                  const ExpressionBinder::NodeResolver& resolver, bool force) {
  const ExpressionBinder::NodeResolver with_over = [&](const Expr& node) -> std::optional<Result<BoundExprPtr>> {
    if (node.kind == ExprKind::kFunctionCall && node.over) {
      Result<std::string> digest = overDigest(node, select, input, resolver);
      if (!digest.ok()) return Result<BoundExprPtr>(digest.status());
      const LogicalType* argument = nullptr;
      BoundExprPtr first;
      if (hasArguments(node)) {
        Result<BoundExprPtr> bound = bind(*node.operands[0], input, resolver);
        if (!bound.ok()) return bound;
        first = std::move(bound).value();
        argument = &first->type;
      }
      return Result<BoundExprPtr>(placeholder(*digest, aggregateType(upperName(node), argument)));
    }
    return resolver ? resolver(node) : std::nullopt;
  };
  std::vector<std::string> exprs;
  std::vector<LogicalType> types;
  std::vector<std::string> names;
  for (size_t i = 0; i < select.items.size(); ++i) {
    const SelectItem& item = select.items[i];
    if (item.expr->kind == ExprKind::kStar) {
      for (size_t f = 0; f < input.names.size(); ++f) {
        if (!item.expr->names.empty() && input.qualifiers[f] != item.expr->names.back()) continue;
        exprs.push_back("$" + std::to_string(f));
        types.push_back(input.row_type.typeAt(f));
        names.push_back(input.row_type.fields()[f].name);
      }
      continue;
    }
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, bind(*item.expr, input, with_over));
    exprs.push_back(rexDigest(*bound, substitutions_));
    types.push_back(bound->type);
    names.push_back(item.alias ? *item.alias : defaultAlias(*item.expr, names.size()));
  }
  for (const Expr* expr : extra) {
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, bind(*expr, input, with_over));
    exprs.push_back(rexDigest(*bound, substitutions_));
    types.push_back(bound->type);
    names.push_back(defaultAlias(*expr, names.size()));
  }
  uniquifyNames(names);
  bool identity = !force && exprs.size() == input.row_type.fieldCount();
  for (size_t i = 0; identity && i < exprs.size(); ++i) {
    identity = exprs[i] == "$" + std::to_string(i) && names[i] == input.row_type.fields()[i].name;
  }
  if (identity) return input;
  return logicalProject(std::move(input), exprs, types, std::move(names));
}

// Calcite's aggregate conversion: a projection of the group keys and then the aggregate
// arguments (left out when it is the identity), LogicalAggregate(group=[{0, 1}], name=[CALL($2)]),
// a LogicalFilter for HAVING and the select items over the aggregate's output.
Result<LogicalRel> LogicalRelBuilder::aggregate(const Select& select, LogicalRel input,
                                                const std::vector<const Expr*>& extra) {
  std::vector<const Expr*> group_exprs;
  if (select.group_by.empty() && select.distinct) {
    for (const SelectItem& item : select.items) group_exprs.push_back(item.expr.get());
  }
  // With GROUPING SETS, ROLLUP or CUBE the keys are the distinct columns they name, in order.
  const bool grouping_sets = hasGroupingSets(select.group_by);
  std::map<std::string, int> column_of;
  for (const ExprPtr& expr : select.group_by) {
    if (!grouping_sets) {
      group_exprs.push_back(expr.get());
      continue;
    }
    std::vector<const Expr*> columns;
    collectGroupingColumns(*expr, columns);
    for (const Expr* column : columns) {
      if (column_of.emplace(unparse(*column), static_cast<int>(group_exprs.size())).second) group_exprs.push_back(column);
    }
  }
  // Calcite's AggConverter names a grouped expression after the select item that is the same
  // expression: its alias, or the alias Calcite derives for it (a column's name, EXPR$<i>).
  std::map<std::string, std::string> select_names;
  for (size_t i = 0; i < select.items.size(); ++i) {
    const SelectItem& item = select.items[i];
    if (item.expr->kind == ExprKind::kStar) continue;
    select_names.insert_or_assign(unparse(*item.expr), item.alias ? *item.alias : defaultAlias(*item.expr, i));
  }
  std::vector<ProjectedExpr> projected;
  std::vector<std::string> group_texts;
  std::vector<std::string> group_windows;  // per group key: "TUMBLE" etc. for group windows
  for (const Expr* expr : group_exprs) {
    const std::string name = expr->kind == ExprKind::kFunctionCall ? upperName(*expr) : std::string();
    if (isGroupWindow(name)) {
      std::vector<std::string> arguments;
      for (const ExprPtr& operand : expr->operands) {
        EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, bind(*operand, input));
        arguments.push_back(rexDigest(*bound));
      }
      projected.push_back({fmt::format("${}({})", name, fmt::join(arguments, ", ")), DataTypes::TIMESTAMP(3),
                           "$f" + std::to_string(projected.size())});
    } else {
      EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, bind(*expr, input));
      auto named = select_names.find(unparse(*expr));
      projectExpr(*bound, rexDigest(*bound), input, projected, named == select_names.end() ? nullptr : &named->second);
    }
    group_texts.push_back(unparse(*expr));
    group_windows.push_back(isGroupWindow(name) ? name : "");
  }
  const size_t group_count = projected.size();

  std::vector<const Expr*> calls;
  for (const SelectItem& item : select.items) collectAggregateCalls(*item.expr, calls);
  if (select.having) collectAggregateCalls(*select.having, calls);
  for (const Expr* expr : extra) collectAggregateCalls(*expr, calls);
  std::vector<std::string> call_texts;
  std::vector<std::string> call_digests;
  std::vector<LogicalType> call_types;
  std::vector<std::string> call_names;
  for (const Expr* call : calls) {
    const std::string text = unparse(*call);
    if (std::find(call_texts.begin(), call_texts.end(), text) != call_texts.end()) continue;
    const std::string name = upperName(*call);
    std::vector<std::string> arguments;
    std::optional<LogicalType> first_type;
    if (hasArguments(*call)) {
      for (const ExprPtr& operand : call->operands) {
        EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, bind(*operand, input));
        if (!first_type) first_type = bound->type;
        arguments.push_back("$" + std::to_string(projectExpr(*bound, rexDigest(*bound), input, projected)));
      }
    }
    std::string digest = fmt::format("{}({}{})", name, call->distinct ? "DISTINCT " : "", fmt::join(arguments, ", "));
    if (call->filter) {
      EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, bind(*call->filter, input));
      digest += " FILTER $" + std::to_string(projectExpr(*bound, rexDigest(*bound), input, projected));
    }
    // An aggregate that is a whole select item takes its name; others are agg#<n>.
    std::string output = "agg#" + std::to_string(call_texts.size());
    for (size_t i = 0; i < select.items.size(); ++i) {
      if (select.items[i].expr.get() == call) output = select.items[i].alias.value_or("EXPR$" + std::to_string(i));
    }
    call_texts.push_back(text);
    call_digests.push_back(std::move(digest));
    call_types.push_back(aggregateType(name, first_type ? &*first_type : nullptr));
    call_names.push_back(std::move(output));
  }

  bool identity = projected.size() == input.row_type.fieldCount();
  for (size_t i = 0; identity && i < projected.size(); ++i) identity = projected[i].digest == "$" + std::to_string(i);
  if (!identity) {
    std::vector<std::string> exprs;
    std::vector<LogicalType> types;
    std::vector<std::string> names;
    for (const ProjectedExpr& p : projected) {
      exprs.push_back(p.digest);
      types.push_back(p.type);
      names.push_back(p.name);
    }
    input = logicalProject(std::move(input), exprs, types, std::move(names));
  }

  std::vector<std::string> group_indices;
  for (size_t i = 0; i < group_count; ++i) group_indices.push_back(std::to_string(i));
  std::vector<std::string> terms{fmt::format("group=[{{{}}}]", fmt::join(group_indices, ", "))};
  std::vector<bool> in_every_set(group_count, true);
  if (grouping_sets) {
    EDDY_ASSIGN_OR_RETURN(std::string groups, groupSetsTerm(select.group_by, column_of, group_count, in_every_set));
    if (!groups.empty()) terms.push_back(std::move(groups));
  }
  std::vector<types::RowField> fields;
  for (size_t i = 0; i < group_count; ++i) {
    // A key that some grouping set leaves out is NULL in that set's rows.
    fields.push_back(DataTypes::FIELD(projected[i].name, in_every_set[i] ? projected[i].type : projected[i].type.nullable()));
  }
  for (size_t i = 0; i < call_digests.size(); ++i) {
    terms.push_back(call_names[i] + "=[" + call_digests[i] + "]");
    fields.push_back(DataTypes::FIELD(call_names[i], call_types[i]));
  }
  LogicalRel rel;
  rel.node = logicalNode(fmt::format("LogicalAggregate({})", fmt::join(terms, ", ")), std::move(input.node));
  rel.row_type = DataTypes::ROW(std::move(fields));
  rel.names = rel.row_type.fieldNames();
  rel.qualifiers.assign(rel.names.size(), "");

  // Above the aggregate, aggregate calls and grouped expressions read its output fields;
  // TUMBLE_START(ts, ...) and the like read the group window key.
  const LogicalType row_type = rel.row_type;  // a copy: rel moves below
  const ExpressionBinder::NodeResolver resolver = [&](const Expr& node) -> std::optional<Result<BoundExprPtr>> {
    if (node.kind == ExprKind::kFunctionCall && !node.over) {
      const std::string name = upperName(node);
      for (size_t g = 0; g < group_windows.size(); ++g) {
        if (group_windows[g].empty() || !name.starts_with(group_windows[g] + "_")) continue;
        return Result<BoundExprPtr>(placeholder(fmt::format("{}(${})", name, g), DataTypes::TIMESTAMP(3).notNull()));
      }
    }
    if (node.kind != ExprKind::kIdentifier && node.kind != ExprKind::kFunctionCall && node.kind != ExprKind::kBinary &&
        node.kind != ExprKind::kUnary && node.kind != ExprKind::kCast) {
      return std::nullopt;
    }
    const std::string text = unparse(node);
    for (size_t i = 0; i < call_texts.size(); ++i) {
      if (call_texts[i] == text) return Result<BoundExprPtr>(BoundExpr::inputRef(static_cast<int>(group_count + i), row_type.typeAt(group_count + i), node.position));
    }
    for (size_t g = 0; g < group_texts.size(); ++g) {
      const bool same_column = node.kind == ExprKind::kIdentifier && group_exprs[g]->kind == ExprKind::kIdentifier &&
                               node.names.back() == group_exprs[g]->names.back();
      if (group_texts[g] == text || same_column) {
        return Result<BoundExprPtr>(BoundExpr::inputRef(static_cast<int>(g), row_type.typeAt(g), node.position));
      }
    }
    return std::nullopt;
  };
  if (select.having) {
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr condition, bind(*select.having, rel, resolver));
    rel = logicalFilter(std::move(rel), rexDigest(*condition, substitutions_));
  }
  return selectItems(select, std::move(rel), extra, resolver, false);
}

}  // namespace eddy::sql
