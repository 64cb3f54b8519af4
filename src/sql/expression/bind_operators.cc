// Binary operators: arithmetic with Flink's result types, comparison, || and AND/OR.
#include <fmt/format.h>

#include <algorithm>

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

bool isNull(const BoundExpr& expr) { return expr.type.root() == Root::NULL_TYPE; }

// A NULL literal next to a typed operand takes the operand's type, as Calcite infers it.
void typeNulls(BoundExprPtr& left, BoundExprPtr& right) {
  if (isNull(*left) && !isNull(*right)) left = castTo(std::move(left), right->type);
  if (isNull(*right) && !isNull(*left)) right = castTo(std::move(right), left->type);
}

std::string_view supportedForms(Operator op) {
  switch (op) {
    case Operator::kPlusBinary:
      return "'<NUMERIC> + <NUMERIC>'\n'<DATETIME_INTERVAL> + <DATETIME_INTERVAL>'\n'<DATETIME> + "
             "<DATETIME_INTERVAL>'\n'<DATETIME_INTERVAL> + <DATETIME>'";
    case Operator::kMinus:
      return "'<NUMERIC> - <NUMERIC>'\n'<DATETIME_INTERVAL> - <DATETIME_INTERVAL>'\n'<DATETIME> - <DATETIME_INTERVAL>'";
    case Operator::kMultiply:
      return "'<NUMERIC> * <NUMERIC>'\n'<DATETIME_INTERVAL> * <NUMERIC>'\n'<NUMERIC> * <DATETIME_INTERVAL>'";
    case Operator::kDivide: return "'<NUMERIC> / <NUMERIC>'\n'<DATETIME_INTERVAL> / <NUMERIC>'";
    default: return "'<EXACT_NUMERIC> % <EXACT_NUMERIC>'";
  }
}

std::string_view symbolOf(Operator op) {
  switch (op) {
    case Operator::kPlusBinary: return "+";
    case Operator::kMinus: return "-";
    case Operator::kMultiply: return "*";
    case Operator::kDivide: return "/";
    default: return "%";
  }
}

F functionOf(Operator op) {
  switch (op) {
    case Operator::kPlusBinary: return F::kPlus;
    case Operator::kMinus: return F::kMinus;
    case Operator::kMultiply: return F::kTimes;
    case Operator::kDivide: return F::kDivide;
    default: return F::kMod;
  }
}

BoundExprPtr makeBinaryCall(F function, LogicalType type, SourcePosition position, BoundExprPtr a, BoundExprPtr b) {
  std::vector<BoundExprPtr> operands;
  operands.push_back(std::move(a));
  operands.push_back(std::move(b));
  return BoundExpr::call(function, std::move(type), std::move(operands), position);
}

}  // namespace

Result<BoundExprPtr> ExpressionBinder::bindBinary(const Expr& expr) const {
  if (expr.op == Operator::kOverlaps) return bindOverlaps(expr);
  EDDY_ASSIGN_OR_RETURN(BoundExprPtr left, bind(*expr.operands[0]));
  EDDY_ASSIGN_OR_RETURN(BoundExprPtr right, bind(*expr.operands[1]));
  switch (expr.op) {
    case Operator::kAnd:
    case Operator::kOr: {
      std::vector<BoundExprPtr> operands;
      operands.push_back(std::move(left));
      operands.push_back(std::move(right));
      return bindLogical(expr.op == Operator::kAnd ? F::kAnd : F::kOr, expr.position, std::move(operands));
    }
    case Operator::kEquals: return bindComparison(F::kEquals, expr.position, std::move(left), std::move(right));
    case Operator::kNotEquals: return bindComparison(F::kNotEquals, expr.position, std::move(left), std::move(right));
    case Operator::kLessThan: return bindComparison(F::kLessThan, expr.position, std::move(left), std::move(right));
    case Operator::kLessThanOrEqual:
      return bindComparison(F::kLessThanOrEqual, expr.position, std::move(left), std::move(right));
    case Operator::kGreaterThan:
      return bindComparison(F::kGreaterThan, expr.position, std::move(left), std::move(right));
    case Operator::kGreaterThanOrEqual:
      return bindComparison(F::kGreaterThanOrEqual, expr.position, std::move(left), std::move(right));
    case Operator::kIsDistinctFrom:
      return bindComparison(F::kIsDistinctFrom, expr.position, std::move(left), std::move(right));
    case Operator::kIsNotDistinctFrom:
      return bindComparison(F::kIsNotDistinctFrom, expr.position, std::move(left), std::move(right));
    case Operator::kConcat: return bindConcat(expr.position, std::move(left), std::move(right));
    default: return bindArithmetic(expr.op, expr.position, std::move(left), std::move(right));
  }
}

Result<BoundExprPtr> ExpressionBinder::bindArithmetic(Operator op, SourcePosition position, BoundExprPtr left,
                                                      BoundExprPtr right) const {
  auto fail = [&] {
    return binder::cannotApply(position, symbolOf(op), binder::binarySignature(symbolOf(op), *left, *right),
                               supportedForms(op));
  };
  if (isNull(*left) && isNull(*right)) return fail();
  typeNulls(left, right);
  const bool nullable = left->type.isNullable() || right->type.isNullable();
  const LogicalType& a = left->type;
  const LogicalType& b = right->type;

  // Date-time arithmetic: DATE/TIME/TIMESTAMP +- INTERVAL and INTERVAL +- INTERVAL.
  if (op == Operator::kPlusBinary || op == Operator::kMinus) {
    if (type_rules::isInterval(a) && type_rules::isDatetime(b) && op == Operator::kPlusBinary) std::swap(left, right);
    const LogicalType& x = left->type;
    const LogicalType& y = right->type;
    if (type_rules::isDatetime(x) && type_rules::isInterval(y)) {
      const bool fits = y.root() == Root::INTERVAL_DAY_TIME || x.root() != Root::TIME_WITHOUT_TIME_ZONE;
      if (!fits) return fail();
      LogicalType type = x.copy(nullable);
      return makeBinaryCall(functionOf(op), std::move(type), position, std::move(left), std::move(right));
    }
    if (type_rules::isInterval(x) && x.root() == y.root()) {
      LogicalType type = x.copy(nullable);
      return makeBinaryCall(functionOf(op), std::move(type), position, std::move(left), std::move(right));
    }
  }
  if (!type_rules::isNumeric(a) || !type_rules::isNumeric(b)) return fail();
  if (op == Operator::kModulo && (!type_rules::isExactNumeric(a) || !type_rules::isExactNumeric(b))) return fail();

  const F function = functionOf(op);
  if (type_rules::isApproximateNumeric(a) || type_rules::isApproximateNumeric(b)) {
    const LogicalType pair[] = {a, b};
    const LogicalType common = type_rules::findCommonType(pair)->copy(nullable);
    return makeBinaryCall(function, common, position, castTo(std::move(left), common), castTo(std::move(right), common));
  }
  if (a.root() == Root::DECIMAL || b.root() == Root::DECIMAL) {
    const LogicalType da = type_rules::toDecimal(a);
    const LogicalType db = type_rules::toDecimal(b);
    const LogicalType result = op == Operator::kPlusBinary || op == Operator::kMinus ? type_rules::additionDecimalType(da, db)
                               : op == Operator::kMultiply ? type_rules::multiplicationDecimalType(da, db)
                               : op == Operator::kDivide   ? type_rules::divisionDecimalType(da, db)
                                                           : type_rules::moduloDecimalType(da, db);
    // DECIMAL arithmetic overflows to NULL, so the result is nullable whatever the operands.
    return makeBinaryCall(function, result.nullable(), position, castTo(std::move(left), da),
                          castTo(std::move(right), db));
  }
  const LogicalType pair[] = {a, b};
  const LogicalType common = type_rules::findCommonType(pair)->copy(nullable);
  BoundExprPtr call =
      makeBinaryCall(function, common, position, castTo(std::move(left), common), castTo(std::move(right), common));
  // Calcite types MOD by its second operand: MOD(BIGINT, INT) is INT.
  if (op == Operator::kModulo && b.root() != common.root()) return castTo(std::move(call), b.copy(nullable));
  return call;
}

Result<BoundExprPtr> ExpressionBinder::bindComparison(F function, SourcePosition position, BoundExprPtr left,
                                                      BoundExprPtr right) const {
  const std::string_view op = builtInFunctionName(function);
  if (!type_rules::isComparable(left->type, right->type)) {
    return binder::cannotApply(position, op, binder::binarySignature(op, *left, *right),
                               fmt::format("'<COMPARABLE_TYPE> {} <COMPARABLE_TYPE>'", op));
  }
  typeNulls(left, right);
  const bool null_safe = function == F::kIsDistinctFrom || function == F::kIsNotDistinctFrom;
  const bool nullable = !null_safe && (left->type.isNullable() || right->type.isNullable());
  const LogicalType result = DataTypes::BOOLEAN().copy(nullable);
  if (isNull(*left)) {
    // NULL = NULL: both sides untyped; compare as BOOLEAN.
    left = castTo(std::move(left), DataTypes::BOOLEAN());
    right = castTo(std::move(right), DataTypes::BOOLEAN());
    return makeBinaryCall(function, result, position, std::move(left), std::move(right));
  }
  // Strings compare by their bytes whatever their lengths, so they keep their types.
  if (!(type_rules::isCharacterString(left->type) && type_rules::isCharacterString(right->type)) &&
      !(type_rules::isBinaryString(left->type) && type_rules::isBinaryString(right->type))) {
    const LogicalType pair[] = {left->type, right->type};
    std::optional<LogicalType> common = type_rules::findCommonType(pair);
    if (!common) {
      return binder::cannotApply(position, op, binder::binarySignature(op, *left, *right),
                                 fmt::format("'<COMPARABLE_TYPE> {} <COMPARABLE_TYPE>'", op));
    }
    left = castTo(std::move(left), *common);
    right = castTo(std::move(right), *common);
  }
  return makeBinaryCall(function, result, position, std::move(left), std::move(right));
}

Result<BoundExprPtr> ExpressionBinder::bindConcat(SourcePosition position, BoundExprPtr left, BoundExprPtr right) const {
  auto stringOrNull = [](const BoundExpr& e) { return type_rules::isCharacterString(e.type) || isNull(e); };
  if (!stringOrNull(*left) || !stringOrNull(*right) || (isNull(*left) && isNull(*right))) {
    return binder::cannotApply(position, "||", binder::binarySignature("||", *left, *right), "'<STRING> || <STRING>'");
  }
  typeNulls(left, right);
  const int64_t length = std::min<int64_t>(int64_t{left->type.length()} + right->type.length(), LogicalType::kMaxLength);
  const bool both_char = left->type.root() == Root::CHAR && right->type.root() == Root::CHAR;
  const bool nullable = left->type.isNullable() || right->type.isNullable();
  LogicalType type = (both_char ? DataTypes::CHAR(static_cast<int32_t>(length))
                                : DataTypes::VARCHAR(static_cast<int32_t>(length)))
                         .copy(nullable);
  return makeBinaryCall(F::kConcat, std::move(type), position, std::move(left), std::move(right));
}

}  // namespace eddy::sql
