// WHERE conditions with IN / EXISTS subqueries, as Flink's SubQueryRemoveRule turns them into
// semi and anti joins. Each AND-ed part of the WHERE that is `x [NOT] IN (SELECT y ...)` or
// `[NOT] EXISTS (SELECT ...)` (uncorrelated) becomes a join of the input with the subquery:
//   x IN (SELECT y ...)      LeftSemiJoin on x = y (a NULL x is in nothing);
//   x NOT IN (SELECT y ...)  LeftAntiJoin on OR(=(x, y), IS NULL(=(x, y))): Flink's null
//                            semantics, so one NULL y (or a NULL x against a non-empty
//                            subquery) drops the row;
//   EXISTS / NOT EXISTS      LeftSemiJoin / LeftAntiJoin without condition.
// The other parts are bound as the remaining condition; scalar subqueries in them are joined
// to the input first (plan_scalar_subquery.cc) and filtered here.
#include <fmt/format.h>

#include <utility>

#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/expression/validation_error.h"
#include "sql/planner/plan_builder.h"
#include "sql/planner/plan_join.h"
#include "sql/planner/query_planner.h"
#include "sql/planner/where_parts.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;

void splitAnd(const Expr& expr, std::vector<const Expr*>& out) {
  if (expr.kind == ExprKind::kBinary && expr.op == Operator::kAnd) {
    splitAnd(*expr.operands[0], out);
    splitAnd(*expr.operands[1], out);
    return;
  }
  out.push_back(&expr);
}

std::vector<BoundExprPtr> refsOf(const LogicalType& type) {
  std::vector<BoundExprPtr> refs;
  for (size_t i = 0; i < type.fieldCount(); ++i) refs.push_back(BoundExpr::inputRef(static_cast<int>(i), type.typeAt(i), {}));
  return refs;
}

namespace {

BoundExprPtr binaryCall(BuiltInFunction function, BoundExprPtr a, BoundExprPtr b, bool nullable) {
  std::vector<BoundExprPtr> operands;
  operands.push_back(std::move(a));
  operands.push_back(std::move(b));
  return BoundExpr::call(function, DataTypes::BOOLEAN().copy(nullable), std::move(operands), {});
}

}  // namespace

Status QueryPlanner::planExists(const Query& query, FlinkJoinType type, Relation& input) {
  const std::vector<std::string> left_names = input.node->output_type.fieldNames();
  const Select* select = query.kind == QueryKind::kSelect ? query.select.get() : nullptr;
  const bool plain = select && select->from && select->group_by.empty() && !select->having && !select->distinct &&
                     query.with.empty();
  if (!plain) {
    // Uncorrelated: any row of the subquery will do.
    EDDY_ASSIGN_OR_RETURN(Relation sub, planQueryExpr(query));
    EDDY_ASSIGN_OR_RETURN(input.node, makeJoin(type, std::move(input.node), std::move(sub.node), nullptr, left_names));
    return Status::OK();
  }
  // SELECT ... FROM f WHERE c: the join condition is c over (outer row, row of f), where an
  // identifier is resolved in f first and then in the outer query (a correlation).
  EDDY_ASSIGN_OR_RETURN(Relation inner, planFrom(*select->from));
  const LogicalType outer_type = input.node->output_type;
  const LogicalType inner_type = inner.node->output_type;
  const int outer_count = static_cast<int>(outer_type.fieldCount());
  BoundExprPtr condition;
  if (select->where) {
    std::vector<std::string> names = outer_type.fieldNames();
    for (const std::string& name : inner_type.fieldNames()) names.push_back(name);
    uniquifyNames(names);
    std::vector<types::RowField> fields;
    for (size_t i = 0; i < names.size(); ++i) {
      const int at = static_cast<int>(i);
      fields.push_back(DataTypes::FIELD(names[i], at < outer_count ? outer_type.typeAt(i)
                                                                   : inner_type.typeAt(i - static_cast<size_t>(outer_count))));
    }
    const Relation* outer_rel = &input;
    const Relation* inner_rel = &inner;
    ExpressionBinder binder(DataTypes::ROW(std::move(fields)),
                            [outer_rel, inner_rel, outer_count](const Expr& expr) -> std::optional<Result<BoundExprPtr>> {
                              if (expr.kind != ExprKind::kIdentifier) return std::nullopt;
                              Result<int> field = resolveField(*inner_rel, expr);
                              if (field.ok()) {
                                const LogicalType& t = inner_rel->node->output_type;
                                return Result<BoundExprPtr>(BoundExpr::inputRef(
                                    outer_count + *field, t.typeAt(static_cast<size_t>(*field)), expr.position));
                              }
                              Result<int> outer_field = resolveField(*outer_rel, expr);
                              if (!outer_field.ok()) return Result<BoundExprPtr>(field.status());
                              const LogicalType& t = outer_rel->node->output_type;
                              return Result<BoundExprPtr>(BoundExpr::inputRef(
                                  *outer_field, t.typeAt(static_cast<size_t>(*outer_field)), expr.position));
                            });
    EDDY_ASSIGN_OR_RETURN(condition, binder.bind(*select->where));
  }
  EDDY_ASSIGN_OR_RETURN(input.node,
                        makeJoin(type, std::move(input.node), std::move(inner.node), std::move(condition), left_names));
  return Status::OK();
}

Result<BoundExprPtr> QueryPlanner::planWhere(const Expr& where, Relation& input) {
  std::vector<const Expr*> parts;
  splitAnd(where, parts);
  std::vector<BoundExprPtr> remaining;
  const LogicalType input_type = input.node->output_type;
  for (const Expr* part : parts) {
    if (part->kind != ExprKind::kExists && part->kind != ExprKind::kIn) {
      EDDY_RETURN_IF_ERROR(joinScalarSubqueries(*part, input));
    }
    const Expr* subject = part;
    bool negated = false;
    if (subject->kind == ExprKind::kUnary && subject->op == Operator::kNot &&
        subject->operands[0]->kind == ExprKind::kExists) {
      subject = subject->operands[0].get();
      negated = true;
    }
    const bool in_query = subject->kind == ExprKind::kIn && subject->query;
    if (subject->kind != ExprKind::kExists && !in_query) {
      ExpressionBinder binder = relationBinder(input);
      EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.bind(*part));
      remaining.push_back(std::move(bound));
      continue;
    }
    if (in_query) negated = subject->negated;
    const FlinkJoinType type = negated ? FlinkJoinType::kAnti : FlinkJoinType::kSemi;
    if (!in_query) {
      EDDY_RETURN_IF_ERROR(planExists(*subject->query, type, input));
      continue;
    }
    EDDY_ASSIGN_OR_RETURN(Relation sub, planQueryExpr(*subject->query));
    const LogicalType left_type = input.node->output_type;
    const std::vector<std::string> left_names = left_type.fieldNames();
    const int left_count = static_cast<int>(left_type.fieldCount());
    if (sub.node->output_type.fieldCount() != 1) {
      return validationError(subject->position, "Values passed to IN operator must have compatible types");
    }
    // The left input with x appended, the subquery's column cast to the common type.
    ExpressionBinder binder = relationBinder(input);
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr value, binder.bind(*subject->operands[0]));
    const LogicalType right_column = sub.node->output_type.typeAt(0);
    EDDY_ASSIGN_OR_RETURN(LogicalType common, commonTypeOf({value->type, right_column}, subject->position));
    if (value->type.copy(true) != common.copy(true)) value = binder::castTo(std::move(value), common.copy(value->type.isNullable()));
    std::vector<BoundExprPtr> left_projections = refsOf(left_type);
    const LogicalType value_type = value->type;
    left_projections.push_back(std::move(value));
    std::vector<std::string> extended_names = left_names;
    extended_names.push_back("$in");
    uniquifyNames(extended_names);
    PlanNodePtr left = makeCalc(std::move(input.node), std::move(left_projections), nullptr, extended_names);
    std::vector<BoundExprPtr> right_projection = refsOf(sub.node->output_type);
    if (right_column.copy(true) != common.copy(true)) {
      right_projection[0] = binder::castTo(std::move(right_projection[0]), common.copy(right_column.isNullable()));
    }
    const LogicalType right_type = right_projection[0]->type;
    PlanNodePtr right = makeCalc(std::move(sub.node), std::move(right_projection), nullptr, {"$in0"});

    BoundExprPtr x = BoundExpr::inputRef(left_count, value_type, {});
    BoundExprPtr y = BoundExpr::inputRef(left_count + 1, right_type, {});
    const bool nullable = value_type.isNullable() || right_type.isNullable();
    BoundExprPtr condition = binaryCall(BuiltInFunction::kEquals, binder::copyOf(*x), binder::copyOf(*y), nullable);
    if (negated && nullable) {
      std::vector<BoundExprPtr> unknown;
      unknown.push_back(binaryCall(BuiltInFunction::kEquals, std::move(x), std::move(y), nullable));
      std::vector<BoundExprPtr> either;
      either.push_back(std::move(condition));
      either.push_back(BoundExpr::call(BuiltInFunction::kIsNull, DataTypes::BOOLEAN().notNull(), std::move(unknown), {}));
      condition = BoundExpr::call(BuiltInFunction::kOr, DataTypes::BOOLEAN().notNull(), std::move(either), {});
    }
    EDDY_ASSIGN_OR_RETURN(PlanNodePtr join, makeJoin(type, std::move(left), std::move(right), std::move(condition), extended_names));
    // Drop x again.
    std::vector<BoundExprPtr> keep = refsOf(left_type);
    input.node = makeCalc(std::move(join), std::move(keep), nullptr, left_names);
  }
  if (input.node->output_type.fieldCount() == input_type.fieldCount()) return makeConjunction(std::move(remaining));
  // Scalar subqueries added fields: filter here and drop them, so that the SELECT sees the
  // input's own fields only.
  const size_t count = input_type.fieldCount();
  std::vector<BoundExprPtr> keep = refsOf(input_type);
  BoundExprPtr condition = makeConjunction(std::move(remaining));
  if (condition && condition->type.root() != types::LogicalTypeRoot::BOOLEAN) {
    return validationError(where.position, "WHERE clause must be a condition");
  }
  input.node = makeCalc(std::move(input.node), std::move(keep), std::move(condition), input_type.fieldNames());
  input.qualifiers.resize(count);
  if (!input.names.empty()) input.names.resize(count);
  return BoundExprPtr();
}

}  // namespace eddy::sql
