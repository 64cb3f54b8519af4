#include "sql/connectors/values/values_filter.h"

#include <algorithm>
#include <sstream>

namespace eddy::sql {

namespace {

// A field reference, literal, or UPPER/LOWER of one, as FilterUtils#shouldPushDownUnaryExpression.
bool isComparableOperand(const BoundExpr& expr, const types::LogicalType& physical_type,
                         const std::set<std::string>& filterable_fields) {
  switch (expr.kind) {
    case BoundExpr::Kind::kInputRef:
      return filterable_fields.contains(physical_type.fields()[static_cast<size_t>(expr.input_index)].name);
    case BoundExpr::Kind::kLiteral:
      return true;
    case BoundExpr::Kind::kCall:
      return (expr.function == BuiltInFunction::kUpper || expr.function == BuiltInFunction::kLower) &&
             expr.operands.size() == 1 && isComparableOperand(*expr.operands[0], physical_type, filterable_fields);
  }
  return false;
}

}  // namespace

bool valuesSourceAcceptsFilter(const BoundExpr& filter, const types::LogicalType& physical_type,
                               const std::set<std::string>& filterable_fields) {
  if (filter.kind != BoundExpr::Kind::kCall) return false;
  switch (filter.function) {
    case BuiltInFunction::kEquals:
    case BuiltInFunction::kNotEquals:
    case BuiltInFunction::kLessThan:
    case BuiltInFunction::kLessThanOrEqual:
    case BuiltInFunction::kGreaterThan:
    case BuiltInFunction::kGreaterThanOrEqual:
      return filter.operands.size() == 2 &&
             isComparableOperand(*filter.operands[0], physical_type, filterable_fields) &&
             isComparableOperand(*filter.operands[1], physical_type, filterable_fields);
    case BuiltInFunction::kIsNull:
    case BuiltInFunction::kIsNotNull:
      return filter.operands[0]->kind == BoundExpr::Kind::kInputRef &&
             isComparableOperand(*filter.operands[0], physical_type, filterable_fields);
    case BuiltInFunction::kAnd:
    case BuiltInFunction::kOr:
      return std::all_of(filter.operands.begin(), filter.operands.end(), [&](const BoundExprPtr& operand) {
        return valuesSourceAcceptsFilter(*operand, physical_type, filterable_fields);
      });
    default:
      return false;
  }
}

std::set<std::string> parseFilterableFields(const std::string& option) {
  std::set<std::string> fields;
  std::istringstream in(option);
  for (std::string field; std::getline(in, field, ';');) {
    field.erase(0, field.find_first_not_of(' '));
    field.erase(field.find_last_not_of(' ') + 1);
    if (!field.empty()) fields.insert(field);
  }
  return fields;
}

}  // namespace eddy::sql
