// Scalar subqueries, as Calcite's SubQueryRemoveRule and Flink's decorrelation plan them: the
// subquery becomes the right side of a LEFT join whose extra field the expression reads.
//   uncorrelated   (SELECT MAX(x) FROM t2): joined on TRUE. A subquery that is not known to
//                  return at most one row (an aggregate without GROUP BY is) is first
//                  aggregated into COUNT(*) and MAX(value); SINGLE_VALUE(count, value) fails
//                  the job when it returned more than one row, as Flink's SINGLE_VALUE.
//   correlated     (SELECT COUNT(*) FROM t2 WHERE t2.k = t1.k AND ...): the conditions that
//                  equate an inner expression with an outer one become the grouping keys of
//                  the subquery and the equi-join keys; the other conditions filter the
//                  inner rows. COUNT over no rows is 0, not NULL (Calcite's count-bug rule).
// A subquery whose input updates makes the join's output update too (-U/+U), as in Flink.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cctype>
#include <utility>

#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/expression/type_rules.h"
#include "sql/expression/validation_error.h"
#include "sql/planner/expr_clone.h"
#include "sql/planner/plan_builder.h"
#include "sql/planner/plan_join.h"
#include "sql/planner/query_planner.h"
#include "sql/planner/where_parts.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;
using F = BuiltInFunction;

namespace {

// The scalar subqueries of `expr`, outside nested subqueries and IN / EXISTS lists.
void collectScalarSubqueries(const Expr& expr, std::vector<const Expr*>& out) {
  if (expr.kind == ExprKind::kScalarSubquery) {
    out.push_back(&expr);
    return;
  }
  for (const ExprPtr& operand : expr.operands) {
    if (operand) collectScalarSubqueries(*operand, out);
  }
}

ExprPtr identifier(const std::string& name, SourcePosition position) {
  auto expr = std::make_unique<Expr>(ExprKind::kIdentifier, position);
  expr->names.push_back(name);
  return expr;
}

ExprPtr aggregateCall(const std::string& name, ExprPtr argument, SourcePosition position) {
  auto call = std::make_unique<Expr>(ExprKind::kFunctionCall, position);
  call->names.push_back(name);
  call->operands.push_back(argument ? std::move(argument) : std::make_unique<Expr>(ExprKind::kStar, position));
  return call;
}

bool isCountCall(const Expr& expr) {
  if (expr.kind != ExprKind::kFunctionCall || expr.over || expr.names.size() != 1) return false;
  std::string upper = expr.names[0];
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper == "COUNT";
}

bool containsCount(const Expr& expr) {
  if (isCountCall(expr)) return true;
  for (const ExprPtr& operand : expr.operands) {
    if (operand && containsCount(*operand)) return true;
  }
  return false;
}

// Whether the query returns at most one row whatever its input: an aggregate without GROUP BY,
// a SELECT without FROM, one VALUES row (Calcite's areColumnsUnique on the empty key).
bool returnsAtMostOneRow(const Query& query) {
  if (query.fetch && query.fetch->kind == ExprKind::kLiteral && query.fetch->text == "1") return true;
  switch (query.kind) {
    case QueryKind::kValues: return query.rows.size() == 1;
    case QueryKind::kNested: return returnsAtMostOneRow(*query.left);
    case QueryKind::kSetOperation: return false;
    case QueryKind::kSelect: break;
  }
  const Select& select = *query.select;
  if (!select.from) return true;
  if (!select.group_by.empty() || select.items.size() != 1) return false;
  return containsAggregateCall(*select.items[0].expr);
}

// An inner = outer condition of a correlated subquery: the inner side as written, the outer
// side bound over the outer relation.
struct Correlation {
  const Expr* inner;
  BoundExprPtr outer;
};

}  // namespace

Status QueryPlanner::joinScalarSubqueries(const Expr& expr, Relation& input) {
  std::vector<const Expr*> subqueries;
  collectScalarSubqueries(expr, subqueries);
  for (const Expr* subquery : subqueries) {
    const std::string field = scalarSubqueryFieldName(*subquery);
    if (input.node->output_type.fieldIndex(field) >= 0) continue;
    EDDY_RETURN_IF_ERROR(joinScalarSubquery(*subquery, input));
  }
  return Status::OK();
}

Status QueryPlanner::joinScalarSubquery(const Expr& subquery, Relation& input) {
  const Query& query = *subquery.query;
  const SourcePosition position = subquery.position;
  const Select* select = query.kind == QueryKind::kSelect ? query.select.get() : nullptr;

  // Correlated: the WHERE parts that cannot be bound over the subquery's own FROM.
  std::vector<Correlation> correlations;
  std::vector<BoundExprPtr> inner_filters;
  Relation inner;
  if (select && select->from && select->where) {
    EDDY_ASSIGN_OR_RETURN(inner, planFrom(*select->from));
    std::vector<const Expr*> parts;
    splitAnd(*select->where, parts);
    const ExpressionBinder inner_binder = relationBinder(inner);
    const ExpressionBinder outer_binder = relationBinder(input);
    for (const Expr* part : parts) {
      Result<BoundExprPtr> own = inner_binder.bind(*part);
      if (own.ok()) {
        inner_filters.push_back(std::move(own).value());
        continue;
      }
      bool correlated = false;
      const bool equality = part->kind == ExprKind::kBinary && part->op == Operator::kEquals;
      for (size_t outer_side = 1; equality && !correlated && outer_side <= 1; --outer_side) {
        const Expr& inner_side = *part->operands[1 - outer_side];
        Result<BoundExprPtr> outer = outer_binder.bind(*part->operands[outer_side]);
        if (!outer.ok() || !inner_binder.bind(inner_side).ok()) continue;
        correlations.push_back(Correlation{&inner_side, std::move(outer).value()});
        correlated = true;
      }
      if (!correlated) return own.status();
    }
  }

  PlanNodePtr right;
  std::vector<LogicalType> key_types;
  bool count_of_rows = false;
  if (correlations.empty()) {
    EDDY_ASSIGN_OR_RETURN(Relation sub, planQueryExpr(query));
    if (sub.node->output_type.fieldCount() != 1) {
      std::vector<std::string> fields;
      for (const types::RowField& f : sub.node->output_type.fields()) {
        fields.push_back(type_rules::calciteTypeName(f.type) + " " + f.name);
      }
      // Calcite prints the operand type upper case.
      std::string record = fmt::format("{}", fmt::join(fields, ", "));
      for (char& c : record) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return validationError(position,
                             fmt::format("Cannot apply '$SCALAR_QUERY' to arguments of type '$SCALAR_QUERY(<RECORDTYPE({})>)'. "
                                         "Supported form(s): '$SCALAR_QUERY(<RECORDTYPE(SINGLE FIELD)>)'",
                                         record));
    }
    if (returnsAtMostOneRow(query)) {
      right = std::move(sub.node);
    } else {
      Select single;
      single.position = position;
      single.items.push_back(SelectItem{position, aggregateCall("COUNT", nullptr, position), "$c"});
      single.items.push_back(
          SelectItem{position, aggregateCall("MAX", identifier(sub.node->output_type.fields()[0].name, position), position), "$v"});
      sub.qualifiers.assign(1, "");
      sub.names.clear();
      EDDY_ASSIGN_OR_RETURN(Relation counted, planAggregate(single, std::move(sub)));
      right = std::move(counted.node);
    }
  } else {
    if (!select->group_by.empty() || select->having || select->distinct || select->items.size() != 1 ||
        !query.with.empty() || !query.order_by.empty() || query.fetch || query.offset) {
      return NotSupported(fmt::format("At line {}, column {}: a correlated scalar subquery with more than one "
                                      "SELECT item, GROUP BY, HAVING, DISTINCT, ORDER BY or LIMIT",
                                      position.line, position.column));
    }
    const Expr& item = *select->items[0].expr;
    const bool aggregated = containsAggregateCall(item);
    if (aggregated && containsCount(item) && !isCountCall(item)) {
      return NotSupported(fmt::format("At line {}, column {}: COUNT inside an expression of a correlated scalar "
                                      "subquery", position.line, position.column));
    }
    count_of_rows = aggregated && isCountCall(item);
    if (!inner_filters.empty()) {
      const std::vector<std::string> names = inner.node->output_type.fieldNames();
      inner.node = makeCalc(std::move(inner.node), refsOf(inner.node->output_type), makeConjunction(std::move(inner_filters)),
                            names);
    }
    // SELECT keys..., item FROM inner GROUP BY keys (or COUNT(*), MAX(item) for SINGLE_VALUE).
    Select grouped;
    grouped.position = select->position;
    for (size_t k = 0; k < correlations.size(); ++k) {
      EDDY_ASSIGN_OR_RETURN(ExprPtr key, cloneExpr(*correlations[k].inner));
      EDDY_ASSIGN_OR_RETURN(ExprPtr group, cloneExpr(*correlations[k].inner));
      grouped.items.push_back(SelectItem{position, std::move(key), "$k" + std::to_string(k)});
      grouped.group_by.push_back(std::move(group));
    }
    EDDY_ASSIGN_OR_RETURN(ExprPtr value, cloneExpr(item));
    if (aggregated) {
      grouped.items.push_back(SelectItem{position, std::move(value), "$v"});
    } else {
      grouped.items.push_back(SelectItem{position, aggregateCall("COUNT", nullptr, position), "$c"});
      grouped.items.push_back(SelectItem{position, aggregateCall("MAX", std::move(value), position), "$v"});
    }
    EDDY_ASSIGN_OR_RETURN(Relation counted, planAggregate(grouped, std::move(inner)));
    right = std::move(counted.node);
    for (size_t k = 0; k < correlations.size(); ++k) key_types.push_back(right->output_type.typeAt(k));
  }

  // The right side as [keys..., value]: SINGLE_VALUE(count, value) where it was counted.
  const LogicalType& right_type = right->output_type;
  const size_t keys = key_types.size();
  if (right_type.fieldCount() == keys + 2) {
    std::vector<BoundExprPtr> projections;
    std::vector<std::string> names;
    for (size_t k = 0; k < keys; ++k) {
      projections.push_back(BoundExpr::inputRef(static_cast<int>(k), right_type.typeAt(k), {}));
      names.push_back("$k" + std::to_string(k));
    }
    std::vector<BoundExprPtr> operands;
    operands.push_back(BoundExpr::inputRef(static_cast<int>(keys), right_type.typeAt(keys), position));
    operands.push_back(BoundExpr::inputRef(static_cast<int>(keys + 1), right_type.typeAt(keys + 1), position));
    const LogicalType value_type = right_type.typeAt(keys + 1).nullable();
    projections.push_back(BoundExpr::call(F::kSingleValue, value_type, std::move(operands), position));
    names.push_back("$v");
    right = makeCalc(std::move(right), std::move(projections), nullptr, names);
  }

  // The outer side with its correlated expressions appended, both key sides of one type.
  const LogicalType outer_type = input.node->output_type;
  const std::vector<std::string> outer_names = outer_type.fieldNames();
  const size_t outer_count = outer_type.fieldCount();
  std::vector<BoundExprPtr> left_projections = refsOf(outer_type);
  std::vector<std::string> left_names = outer_names;
  std::vector<BoundExprPtr> right_projections = refsOf(right->output_type);
  for (size_t k = 0; k < keys; ++k) {
    BoundExprPtr outer = std::move(correlations[k].outer);
    EDDY_ASSIGN_OR_RETURN(LogicalType common, commonTypeOf({outer->type, key_types[k]}, correlations[k].inner->position));
    outer = binder::castTo(std::move(outer), common);
    right_projections[k] = binder::castTo(std::move(right_projections[k]), common);
    left_projections.push_back(std::move(outer));
    left_names.push_back("$k" + std::to_string(k));
  }
  uniquifyNames(left_names);
  PlanNodePtr left = makeCalc(std::move(input.node), std::move(left_projections), nullptr, left_names);
  const std::vector<std::string> right_names = right->output_type.fieldNames();
  right = makeCalc(std::move(right), std::move(right_projections), nullptr, right_names);

  const size_t left_count = left->output_type.fieldCount();
  std::vector<BoundExprPtr> equalities;
  for (size_t k = 0; k < keys; ++k) {
    const LogicalType& a = left->output_type.typeAt(outer_count + k);
    const LogicalType& b = right->output_type.typeAt(k);
    std::vector<BoundExprPtr> operands;
    operands.push_back(BoundExpr::inputRef(static_cast<int>(outer_count + k), a, {}));
    operands.push_back(BoundExpr::inputRef(static_cast<int>(left_count + k), b, {}));
    equalities.push_back(BoundExpr::call(F::kEquals, DataTypes::BOOLEAN().copy(a.isNullable() || b.isNullable()),
                                         std::move(operands), {}));
  }
  std::vector<std::string> join_names = left->output_type.fieldNames();
  for (const std::string& name : right->output_type.fieldNames()) join_names.push_back(name);
  uniquifyNames(join_names);
  const LogicalType value_type = right->output_type.typeAt(keys).nullable();
  EDDY_ASSIGN_OR_RETURN(PlanNodePtr join, makeJoin(FlinkJoinType::kLeft, std::move(left), std::move(right),
                                                   makeConjunction(std::move(equalities)), join_names));

  // The outer fields and the subquery's value; COUNT of no rows is 0.
  std::vector<BoundExprPtr> projections = refsOf(outer_type);
  BoundExprPtr value = BoundExpr::inputRef(static_cast<int>(left_count + keys), value_type, position);
  if (count_of_rows) {
    std::vector<BoundExprPtr> whens;
    std::vector<BoundExprPtr> operand;
    operand.push_back(binder::copyOf(*value));
    whens.push_back(BoundExpr::call(F::kIsNull, DataTypes::BOOLEAN().notNull(), std::move(operand), position));
    std::vector<BoundExprPtr> thens;
    thens.push_back(BoundExpr::literal(types::Value(int64_t{0}), DataTypes::BIGINT().notNull(), position));
    EDDY_ASSIGN_OR_RETURN(value, binder::makeCase(position, std::move(whens), std::move(thens), std::move(value)));
    value->type = value->type.notNull();
  }
  projections.push_back(std::move(value));
  std::vector<std::string> names = outer_names;
  names.push_back(scalarSubqueryFieldName(subquery));
  input.node = makeCalc(std::move(join), std::move(projections), nullptr, names);
  input.qualifiers.push_back("");
  if (!input.names.empty()) input.names.push_back(names.back());
  return Status::OK();
}

}  // namespace eddy::sql
