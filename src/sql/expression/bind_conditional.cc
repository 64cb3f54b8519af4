// IFNULL, GREATEST and LEAST with Flink's type rules, and OVERLAPS, which Calcite's
// convertlet turns into comparisons of the periods' ends.
#include <fmt/format.h>

#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/expression/type_rules.h"
#include "sql/expression/validation_error.h"

namespace eddy::sql {

using binder::castTo;
using types::DataTypes;
using types::LogicalType;
using Root = types::LogicalTypeRoot;
using F = BuiltInFunction;

namespace {

// GREATEST or LEAST over operands of their common type: NULL when any operand is.
Result<BoundExprPtr> makeExtremum(F function, SourcePosition position, std::vector<BoundExprPtr> args) {
  std::vector<LogicalType> types;
  for (const BoundExprPtr& arg : args) types.push_back(arg->type);
  const std::string_view name = builtInFunctionName(function);
  std::optional<LogicalType> common = type_rules::findCommonType(types);
  if (!common || !type_rules::isComparable(*common, *common)) {
    return binder::cannotApply(position, name, binder::callSignature(name, args), fmt::format("'{}(<COMPARABLE_TYPE>...)'", name));
  }
  const bool nullable = binder::anyNullable(args);
  for (BoundExprPtr& arg : args) arg = castTo(std::move(arg), common->copy(arg->type.isNullable()));
  return BoundExpr::call(function, common->copy(nullable), std::move(args), position);
}

}  // namespace

std::optional<Result<BoundExprPtr>> ExpressionBinder::bindConditionalFunction(std::string_view name,
                                                                              SourcePosition position,
                                                                              std::vector<BoundExprPtr>& args) const {
  if (name == "GREATEST" || name == "LEAST") {
    if (args.empty()) {
      return validationError(position, fmt::format("Invalid number of arguments to function '{}'. Was expecting 1 arguments", name));
    }
    return makeExtremum(name == "GREATEST" ? F::kGreatest : F::kLeast, position, std::move(args));
  }
  if (name != "IFNULL") return std::nullopt;
  if (args.size() != 2) {
    return validationError(position, "Invalid number of arguments to function 'IFNULL'. Was expecting 2 arguments");
  }
  // IFNULL(input, replacement) has the common type, nullable only when the replacement is
  // (Flink's IfNullTypeStrategy): CASE WHEN input IS NOT NULL THEN input ELSE replacement END.
  const std::vector<LogicalType> types{args[0]->type, args[1]->type};
  std::optional<LogicalType> common = type_rules::findCommonType(types);
  if (!common) {
    return binder::cannotApply(position, "IFNULL", binder::callSignature("IFNULL", args), "'IFNULL(<ANY>, <ANY>)'");
  }
  const bool nullable = args[1]->type.isNullable() || args[1]->type.root() == Root::NULL_TYPE;
  std::vector<BoundExprPtr> operand;
  operand.push_back(binder::copyOf(*args[0]));
  std::vector<BoundExprPtr> whens;
  whens.push_back(BoundExpr::call(F::kIsNotNull, DataTypes::BOOLEAN().notNull(), std::move(operand), position));
  std::vector<BoundExprPtr> thens;
  thens.push_back(castTo(std::move(args[0]), *common));
  Result<BoundExprPtr> call = binder::makeCase(position, std::move(whens), std::move(thens), castTo(std::move(args[1]), *common));
  if (call.ok()) (*call)->type = (*call)->type.copy(nullable);
  return call;
}

Result<BoundExprPtr> ExpressionBinder::bindOverlaps(const Expr& expr) const {
  // (s1, e1) OVERLAPS (s2, e2) is LEAST(s1, e1) <= GREATEST(s2, e2) AND LEAST(s2, e2) <=
  // GREATEST(s1, e1), as Calcite's StandardConvertletTable#convertOverlaps (each period is
  // ordered first, so its ends may be written either way round).
  std::vector<std::vector<BoundExprPtr>> periods;
  for (const ExprPtr& side : expr.operands) {
    if (side->kind != ExprKind::kRow || side->operands.size() != 2) {
      return validationError(side->position, "OVERLAPS expects a period (start, end) on each side");
    }
    std::vector<BoundExprPtr> ends;
    for (const ExprPtr& end : side->operands) {
      EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, bind(*end));
      if (!type_rules::isDatetime(bound->type) && bound->type.root() != Root::NULL_TYPE) {
        return NotSupported(fmt::format("{}: OVERLAPS with a period of {}", positionText(expr.position),
                                        type_rules::calciteTypeName(bound->type)));
      }
      ends.push_back(std::move(bound));
    }
    periods.push_back(std::move(ends));
  }
  auto ordered = [&](size_t side, F function) {
    std::vector<BoundExprPtr> ends;
    for (const BoundExprPtr& end : periods[side]) ends.push_back(binder::copyOf(*end));
    return makeExtremum(function, expr.position, std::move(ends));
  };
  std::vector<BoundExprPtr> conditions;
  for (size_t side = 0; side < 2; ++side) {
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr start, ordered(side, F::kLeast));
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr other_end, ordered(1 - side, F::kGreatest));
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr condition,
                          bindComparison(F::kLessThanOrEqual, expr.position, std::move(start), std::move(other_end)));
    conditions.push_back(std::move(condition));
  }
  return bindLogical(F::kAnd, expr.position, std::move(conditions));
}

}  // namespace eddy::sql
