// The binder's entry point and the operators that need no type arithmetic: identifiers,
// logic, IS, BETWEEN, IN, LIKE, CASE and CAST.
#include "sql/expression/expression_binder.h"

#include <fmt/format.h>

#include "eddy/common/check.h"
#include "eddy/types/data_types.h"
#include "sql/expression/type_rules.h"
#include "sql/expression/validation_error.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;
using Root = types::LogicalTypeRoot;
using F = BuiltInFunction;

namespace binder {

BoundExprPtr castTo(BoundExprPtr expr, const LogicalType& type) {
  const LogicalType target = type.copy(expr->type.isNullable() || expr->type.root() == Root::NULL_TYPE);
  if (expr->type == target) return expr;
  if (expr->kind == BoundExpr::Kind::kLiteral && expr->value.isNull()) {
    return BoundExpr::literal(types::Value(), target, expr->position);
  }
  const SourcePosition position = expr->position;
  std::vector<BoundExprPtr> operands;
  operands.push_back(std::move(expr));
  return BoundExpr::call(F::kCast, target, std::move(operands), position);
}

Result<BoundExprPtr> makeCase(SourcePosition position, std::vector<BoundExprPtr> whens,
                              std::vector<BoundExprPtr> thens, BoundExprPtr otherwise) {
  std::vector<LogicalType> result_types;
  for (const BoundExprPtr& then : thens) result_types.push_back(then->type);
  result_types.push_back(otherwise->type);
  std::optional<LogicalType> common = type_rules::findCommonType(result_types);
  if (!common) {
    bool all_null = true;
    for (const LogicalType& type : result_types) all_null &= type.root() == Root::NULL_TYPE;
    if (!all_null) return validationError(position, "Illegal mixing of types in CASE or COALESCE statement");
    common = DataTypes::NULL_TYPE();
  }
  std::vector<BoundExprPtr> operands;
  for (size_t i = 0; i < whens.size(); ++i) {
    operands.push_back(std::move(whens[i]));
    operands.push_back(castTo(std::move(thens[i]), *common));
  }
  operands.push_back(castTo(std::move(otherwise), *common));
  bool nullable = false;
  for (size_t i = 1; i < operands.size(); i += 2) nullable |= operands[i]->type.isNullable();
  nullable |= operands.back()->type.isNullable();
  return BoundExpr::call(F::kCase, common->copy(nullable), std::move(operands), position);
}

Status cannotApply(SourcePosition position, std::string_view op, std::string_view signature,
                   std::string_view supported) {
  return validationError(position, fmt::format("Cannot apply '{}' to arguments of type {}. Supported form(s): {}", op,
                                               signature, supported));
}

std::string binarySignature(std::string_view op, const BoundExpr& left, const BoundExpr& right) {
  return fmt::format("'<{}> {} <{}>'", type_rules::calciteTypeName(left.type), op,
                     type_rules::calciteTypeName(right.type));
}

std::string callSignature(std::string_view name, const std::vector<BoundExprPtr>& operands) {
  std::string out = fmt::format("'{}(", name);
  for (size_t i = 0; i < operands.size(); ++i) {
    if (i > 0) out += ", ";
    out += fmt::format("<{}>", type_rules::calciteTypeName(operands[i]->type));
  }
  return out + ")'";
}

bool anyNullable(const std::vector<BoundExprPtr>& operands) {
  for (const BoundExprPtr& operand : operands) {
    if (operand->type.isNullable()) return true;
  }
  return false;
}

BoundExprPtr copyOf(const BoundExpr& expr) {
  auto copy = std::make_unique<BoundExpr>(expr.kind, expr.type, expr.position);
  copy->input_index = expr.input_index;
  copy->value = expr.value;
  copy->function = expr.function;
  copy->unit = expr.unit;
  copy->udf = expr.udf;
  for (const BoundExprPtr& operand : expr.operands) copy->operands.push_back(copyOf(*operand));
  return copy;
}

}  // namespace binder

using binder::castTo;
using binder::copyOf;

namespace {

bool isBooleanOrNull(const BoundExpr& expr) {
  return expr.type.root() == Root::BOOLEAN || expr.type.root() == Root::NULL_TYPE;
}

BoundExprPtr makeCall(F function, LogicalType type, SourcePosition position, BoundExprPtr a,
                      BoundExprPtr b = nullptr) {
  std::vector<BoundExprPtr> operands;
  operands.push_back(std::move(a));
  if (b) operands.push_back(std::move(b));
  return BoundExpr::call(function, std::move(type), std::move(operands), position);
}

}  // namespace

ExpressionBinder::ExpressionBinder(LogicalType input_type) : input_type_(std::move(input_type)) {
  EDDY_CHECK(input_type_.root() == Root::ROW);
}

ExpressionBinder::ExpressionBinder(LogicalType input_type, NodeResolver resolver)
    : input_type_(std::move(input_type)), resolver_(std::move(resolver)) {
  EDDY_CHECK(input_type_.root() == Root::ROW);
}

Result<BoundExprPtr> ExpressionBinder::bind(const Expr& expr) const {
  if (resolver_) {
    std::optional<Result<BoundExprPtr>> resolved = resolver_(expr);
    if (resolved) return std::move(*resolved);
  }
  switch (expr.kind) {
    case ExprKind::kLiteral: return bindLiteral(expr);
    case ExprKind::kIdentifier: return bindIdentifier(expr);
    case ExprKind::kUnary: return bindUnary(expr);
    case ExprKind::kBinary: return bindBinary(expr);
    case ExprKind::kBetween: return bindBetween(expr);
    case ExprKind::kIn: return bindIn(expr);
    case ExprKind::kLike: return bindLike(expr);
    case ExprKind::kCase: return bindCase(expr);
    case ExprKind::kCast: return bindCast(expr);
    case ExprKind::kFunctionCall: return bindFunctionCall(expr);
    case ExprKind::kExtract:
    case ExprKind::kFloorCeil:
    case ExprKind::kPosition:
    case ExprKind::kTrim:
    case ExprKind::kSubstring: return bindSpecialCall(expr);
    case ExprKind::kOverlay: return bindOverlay(expr);
    case ExprKind::kFieldAccess: return bindFieldAccess(expr);
    case ExprKind::kRow:
    case ExprKind::kArray:
    case ExprKind::kMap: return bindConstructor(expr);
    case ExprKind::kItem: return bindItem(expr);
    case ExprKind::kScalarSubquery: return bindScalarSubquery(expr);
    default: break;
  }
  return NotSupported(fmt::format("At line {}, column {}: this kind of expression is not supported in scalar "
                                  "expressions yet", expr.position.line, expr.position.column));
}

Result<std::vector<BoundExprPtr>> ExpressionBinder::bindOperands(const Expr& expr) const {
  std::vector<BoundExprPtr> operands;
  for (const ExprPtr& operand : expr.operands) {
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, bind(*operand));
    operands.push_back(std::move(bound));
  }
  return operands;
}

Result<BoundExprPtr> ExpressionBinder::bindIdentifier(const Expr& expr) const {
  return binder::bindCompoundIdentifier(expr, [this](const Expr& column) -> Result<BoundExprPtr> {
    const std::string& name = column.names.back();
    if (column.names.size() == 1) {
      const int index = input_type_.fieldIndex(name);
      if (index >= 0) {
        return BoundExpr::inputRef(index, input_type_.typeAt(static_cast<size_t>(index)), column.position);
      }
      return validationError(column.position, fmt::format("Column '{}' not found in any table", name));
    }
    return validationError(column.position, fmt::format("Table '{}' not found", column.names.front()));
  });
}

Result<BoundExprPtr> ExpressionBinder::bindUnary(const Expr& expr) const {
  EDDY_ASSIGN_OR_RETURN(BoundExprPtr operand, bind(*expr.operands[0]));
  const bool nullable = operand->type.isNullable();
  auto requireBoolean = [&](std::string_view op, bool postfix) -> Status {
    if (isBooleanOrNull(*operand)) return Status::OK();
    const std::string type = type_rules::calciteTypeName(operand->type);
    const std::string signature = postfix ? fmt::format("'<{}> {}'", type, op) : fmt::format("'{} <{}>'", op, type);
    const std::string supported = postfix ? fmt::format("'<BOOLEAN> {}'", op) : fmt::format("'{} <BOOLEAN>'", op);
    return binder::cannotApply(expr.position, op, signature, supported);
  };
  switch (expr.op) {
    case Operator::kPlus:
      if (!type_rules::isNumeric(operand->type) && !type_rules::isInterval(operand->type)) {
        return binder::cannotApply(expr.position, "+",
                                   fmt::format("'+<{}>'", type_rules::calciteTypeName(operand->type)),
                                   "'+<NUMERIC>'\n'+<DATETIME_INTERVAL>'");
      }
      return operand;
    case Operator::kNegate: {
      if (!type_rules::isNumeric(operand->type) && !type_rules::isInterval(operand->type)) {
        return binder::cannotApply(expr.position, "-",
                                   fmt::format("'-<{}>'", type_rules::calciteTypeName(operand->type)),
                                   "'-<NUMERIC>'\n'-<DATETIME_INTERVAL>'");
      }
      // A negated number literal stays a literal (Calcite reads -1 as one), so that ROUND(x, -1)
      // can type its result.
      if (operand->kind == BoundExpr::Kind::kLiteral && !operand->value.isNull()) {
        const types::Value& v = operand->value;
        switch (v.kind()) {
          case types::ValueKind::INT:
            if (v.getInt() != INT32_MIN) return BoundExpr::literal(types::Value(-v.getInt()), operand->type, expr.position);
            break;
          case types::ValueKind::BIGINT:
            if (v.getLong() != INT64_MIN) return BoundExpr::literal(types::Value(-v.getLong()), operand->type, expr.position);
            break;
          case types::ValueKind::DOUBLE: return BoundExpr::literal(types::Value(-v.getDouble()), operand->type, expr.position);
          case types::ValueKind::DECIMAL: {
            const types::Decimal& d = v.getDecimal();
            return BoundExpr::literal(types::Value(types::Decimal::fromUnscaled(-d.toUnscaled(), d.precision(), d.scale())),
                                      operand->type, expr.position);
          }
          default: break;
        }
      }
      LogicalType type = operand->type;
      return makeCall(F::kMinusPrefix, type, expr.position, std::move(operand));
    }
    case Operator::kNot:
      EDDY_RETURN_IF_ERROR(requireBoolean("NOT", false));
      return makeCall(F::kNot, DataTypes::BOOLEAN().copy(nullable), expr.position, castTo(std::move(operand), DataTypes::BOOLEAN()));
    case Operator::kIsNull:
      return makeCall(F::kIsNull, DataTypes::BOOLEAN().notNull(), expr.position, std::move(operand));
    case Operator::kIsNotNull:
      return makeCall(F::kIsNotNull, DataTypes::BOOLEAN().notNull(), expr.position, std::move(operand));
    default: break;
  }
  F function = F::kIsTrue;
  std::string_view op;
  switch (expr.op) {
    case Operator::kIsTrue: function = F::kIsTrue, op = "IS TRUE"; break;
    case Operator::kIsNotTrue: function = F::kIsNotTrue, op = "IS NOT TRUE"; break;
    case Operator::kIsFalse: function = F::kIsFalse, op = "IS FALSE"; break;
    case Operator::kIsNotFalse: function = F::kIsNotFalse, op = "IS NOT FALSE"; break;
    case Operator::kIsUnknown: function = F::kIsNull, op = "IS UNKNOWN"; break;
    default: function = F::kIsNotNull, op = "IS NOT UNKNOWN"; break;
  }
  EDDY_RETURN_IF_ERROR(requireBoolean(op, true));
  return makeCall(function, DataTypes::BOOLEAN().notNull(), expr.position, castTo(std::move(operand), DataTypes::BOOLEAN()));
}

Result<BoundExprPtr> ExpressionBinder::bindLogical(F function, SourcePosition position,
                                                   std::vector<BoundExprPtr> operands) const {
  const std::string_view op = builtInFunctionName(function);
  for (const BoundExprPtr& operand : operands) {
    if (!isBooleanOrNull(*operand)) {
      return binder::cannotApply(position, op, binder::binarySignature(op, *operands[0], *operands[1]),
                                 fmt::format("'<BOOLEAN> {} <BOOLEAN>'", op));
    }
  }
  const bool nullable = binder::anyNullable(operands);
  for (BoundExprPtr& operand : operands) operand = castTo(std::move(operand), DataTypes::BOOLEAN());
  return BoundExpr::call(function, DataTypes::BOOLEAN().copy(nullable), std::move(operands), position);
}

Result<BoundExprPtr> ExpressionBinder::bindBetween(const Expr& expr) const {
  EDDY_ASSIGN_OR_RETURN(std::vector<BoundExprPtr> operands, bindOperands(expr));
  const SourcePosition position = expr.position;
  // x BETWEEN a AND b is x >= a AND x <= b; NOT BETWEEN is x < a OR x > b; SYMMETRIC also
  // accepts the bounds swapped.
  auto range = [&](const BoundExpr& low, const BoundExpr& high) -> Result<BoundExprPtr> {
    const F lower = expr.negated ? F::kLessThan : F::kGreaterThanOrEqual;
    const F upper = expr.negated ? F::kGreaterThan : F::kLessThanOrEqual;
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr a, bindComparison(lower, position, copyOf(*operands[0]), copyOf(low)));
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr b, bindComparison(upper, position, copyOf(*operands[0]), copyOf(high)));
    std::vector<BoundExprPtr> both;
    both.push_back(std::move(a));
    both.push_back(std::move(b));
    return bindLogical(expr.negated ? F::kOr : F::kAnd, position, std::move(both));
  };
  EDDY_ASSIGN_OR_RETURN(BoundExprPtr forward, range(*operands[1], *operands[2]));
  if (!expr.symmetric) return forward;
  EDDY_ASSIGN_OR_RETURN(BoundExprPtr backward, range(*operands[2], *operands[1]));
  std::vector<BoundExprPtr> either;
  either.push_back(std::move(forward));
  either.push_back(std::move(backward));
  return bindLogical(expr.negated ? F::kAnd : F::kOr, position, std::move(either));
}

Result<BoundExprPtr> ExpressionBinder::bindIn(const Expr& expr) const {
  if (expr.query) {
    return NotSupported(fmt::format("At line {}, column {}: IN with a subquery is planned as a join, not evaluated "
                                    "as a scalar expression", expr.position.line, expr.position.column));
  }
  EDDY_ASSIGN_OR_RETURN(std::vector<BoundExprPtr> operands, bindOperands(expr));
  // x IN (a, b) is x = a OR x = b; NOT IN is x <> a AND x <> b, as Calcite expands short lists.
  BoundExprPtr result;
  for (size_t i = 1; i < operands.size(); ++i) {
    const F compare = expr.negated ? F::kNotEquals : F::kEquals;
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr term,
                          bindComparison(compare, expr.position, copyOf(*operands[0]), std::move(operands[i])));
    if (!result) {
      result = std::move(term);
      continue;
    }
    std::vector<BoundExprPtr> pair;
    pair.push_back(std::move(result));
    pair.push_back(std::move(term));
    EDDY_ASSIGN_OR_RETURN(result, bindLogical(expr.negated ? F::kAnd : F::kOr, expr.position, std::move(pair)));
  }
  return result;
}

Result<BoundExprPtr> ExpressionBinder::bindLike(const Expr& expr) const {
  const bool similar = expr.op == Operator::kSimilarTo;
  const std::string_view op = similar ? "SIMILAR TO" : "LIKE";
  EDDY_ASSIGN_OR_RETURN(std::vector<BoundExprPtr> operands, bindOperands(expr));
  for (const BoundExprPtr& operand : operands) {
    if (!type_rules::isCharacterString(operand->type) && operand->type.root() != Root::NULL_TYPE) {
      const std::string signature =
          operands.size() == 2 ? binder::binarySignature(op, *operands[0], *operands[1])
                               : fmt::format("'<{}> {} <{}> ESCAPE <{}>'", type_rules::calciteTypeName(operands[0]->type), op,
                                             type_rules::calciteTypeName(operands[1]->type),
                                             type_rules::calciteTypeName(operands[2]->type));
      return binder::cannotApply(expr.position, op, signature,
                                 fmt::format("'<STRING> {0} <STRING>'\n'<STRING> {0} <STRING> ESCAPE <STRING>'", op));
    }
  }
  const bool nullable = binder::anyNullable(operands);
  for (BoundExprPtr& operand : operands) operand = castTo(std::move(operand), DataTypes::STRING());
  BoundExprPtr like = BoundExpr::call(similar ? F::kSimilarTo : F::kLike, DataTypes::BOOLEAN().copy(nullable),
                                      std::move(operands), expr.position);
  if (!expr.negated) return like;
  return makeCall(F::kNot, DataTypes::BOOLEAN().copy(nullable), expr.position, std::move(like));
}

Result<BoundExprPtr> ExpressionBinder::bindCase(const Expr& expr) const {
  BoundExprPtr value;
  if (expr.operands[0]) {
    EDDY_ASSIGN_OR_RETURN(value, bind(*expr.operands[0]));
  }
  std::vector<BoundExprPtr> whens;
  std::vector<BoundExprPtr> thens;
  const size_t last = expr.operands.size() - 1;
  for (size_t i = 1; i < last; i += 2) {
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr when, bind(*expr.operands[i]));
    if (value) {
      EDDY_ASSIGN_OR_RETURN(when, bindComparison(F::kEquals, expr.operands[i]->position, copyOf(*value), std::move(when)));
    } else if (!isBooleanOrNull(*when)) {
      return validationError(expr.operands[i]->position,
                             fmt::format("Expected a boolean type, but was {}", type_rules::calciteTypeName(when->type)));
    }
    whens.push_back(castTo(std::move(when), DataTypes::BOOLEAN()));
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr then, bind(*expr.operands[i + 1]));
    thens.push_back(std::move(then));
  }
  BoundExprPtr otherwise;
  if (expr.operands[last]) {
    EDDY_ASSIGN_OR_RETURN(otherwise, bind(*expr.operands[last]));
  } else {
    otherwise = BoundExpr::literal(types::Value(), DataTypes::NULL_TYPE(), expr.position);
  }
  return binder::makeCase(expr.position, std::move(whens), std::move(thens), std::move(otherwise));
}

Result<BoundExprPtr> ExpressionBinder::bindCast(const Expr& expr) const {
  EDDY_ASSIGN_OR_RETURN(BoundExprPtr operand, bind(*expr.operands[0]));
  const LogicalType& target = expr.type->type;
  if (!type_rules::supportsExplicitCast(operand->type, target)) {
    return validationError(expr.position, fmt::format("Cast function cannot convert value of type {} to type {}",
                                                      type_rules::calciteTypeName(operand->type),
                                                      type_rules::calciteTypeName(target)));
  }
  // CAST keeps the operand's nullability; TRY_CAST gives NULL on failure, so it is nullable.
  const LogicalType type =
      target.copy(expr.try_cast || operand->type.isNullable() || operand->type.root() == Root::NULL_TYPE);
  if (operand->kind == BoundExpr::Kind::kLiteral && operand->value.isNull()) {
    return BoundExpr::literal(types::Value(), type.nullable(), expr.position);
  }
  return makeCall(expr.try_cast ? F::kTryCast : F::kCast, type, expr.position, std::move(operand));
}

}  // namespace eddy::sql
