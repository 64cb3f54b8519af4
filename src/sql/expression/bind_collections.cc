// Value constructors and collection access, typed as Flink types them: ARRAY[...] and
// MAP[...] take the least restrictive type of their elements (keys, values) and are NOT NULL;
// ROW(...) and (a, b) are NOT NULL rows with fields EXPR$0, EXPR$1, ...; a[i] (1-based) and
// m[k] are nullable (NULL when the index is out of range or the key absent); CARDINALITY,
// ELEMENT and ARRAY_CONTAINS follow Flink's built-in function definitions.
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

bool isCollection(const LogicalType& type) {
  return type.root() == Root::ARRAY || type.root() == Root::MAP || type.root() == Root::MULTISET;
}

// The least restrictive type of `operands[first], operands[first + step], ...`, or Calcite's
// error for parameters of different types.
Result<LogicalType> commonOperandType(const std::vector<BoundExprPtr>& operands, size_t first, size_t step,
                                      SourcePosition position) {
  std::vector<LogicalType> types;
  for (size_t i = first; i < operands.size(); i += step) types.push_back(operands[i]->type);
  std::optional<LogicalType> common = type_rules::findCommonType(types);
  if (!common) return validationError(position, "Parameters must be of the same type");
  return *common;
}

Status collectionArgument(SourcePosition position, std::string_view name, const std::vector<BoundExprPtr>& args,
                          std::string_view supported) {
  return binder::cannotApply(position, name, binder::callSignature(name, args), supported);
}

}  // namespace

Result<BoundExprPtr> ExpressionBinder::bindConstructor(const Expr& expr) const {
  EDDY_ASSIGN_OR_RETURN(std::vector<BoundExprPtr> operands, bindOperands(expr));
  if (expr.kind == ExprKind::kRow) {
    std::vector<types::RowField> fields;
    for (size_t i = 0; i < operands.size(); ++i) {
      fields.push_back(DataTypes::FIELD("EXPR$" + std::to_string(i), operands[i]->type));
    }
    return BoundExpr::call(F::kRowConstructor, DataTypes::ROW(std::move(fields)).notNull(), std::move(operands),
                           expr.position);
  }
  const bool map = expr.kind == ExprKind::kMap;
  if (operands.empty()) return validationError(expr.position, "Require at least 1 argument");
  if (map && operands.size() % 2 != 0) return validationError(expr.position, "Map requires an even number of arguments");
  const size_t step = map ? 2 : 1;
  EDDY_ASSIGN_OR_RETURN(LogicalType element, commonOperandType(operands, 0, step, expr.position));
  if (!map) {
    for (BoundExprPtr& operand : operands) operand = castTo(std::move(operand), element);
    return BoundExpr::call(F::kArrayConstructor, DataTypes::ARRAY(element).notNull(), std::move(operands),
                           expr.position);
  }
  EDDY_ASSIGN_OR_RETURN(LogicalType value, commonOperandType(operands, 1, 2, expr.position));
  for (size_t i = 0; i < operands.size(); ++i) {
    operands[i] = castTo(std::move(operands[i]), i % 2 == 0 ? element : value);
  }
  return BoundExpr::call(F::kMapConstructor, DataTypes::MAP(element, value).notNull(), std::move(operands),
                         expr.position);
}

Result<BoundExprPtr> ExpressionBinder::bindItem(const Expr& expr) const {
  EDDY_ASSIGN_OR_RETURN(std::vector<BoundExprPtr> operands, bindOperands(expr));
  const LogicalType container = operands[0]->type;
  const LogicalType& index = operands[1]->type;
  auto unsupported = [&] {
    return binder::cannotApply(expr.position, "ITEM",
                               fmt::format("'<{}>[<{}>]'", type_rules::calciteTypeName(container),
                                           type_rules::calciteTypeName(index)),
                               "<ARRAY>[<INTEGER>]\n<MAP>[<ANY>]\n<ROW>[<CHARACTER>|<INTEGER>]");
  };
  switch (container.root()) {
    case Root::ARRAY: {
      if (!type_rules::isIntegral(index) && index.root() != Root::NULL_TYPE) return unsupported();
      operands[1] = castTo(std::move(operands[1]), DataTypes::INT());
      const BoundExpr& literal = *operands[1];
      if (literal.kind == BoundExpr::Kind::kLiteral && !literal.value.isNull() && literal.value.getInt() < 1) {
        // Flink's code generation refuses a literal index below 1.
        return validationError(expr.position, fmt::format("Array element access needs an index starting at 1 but was {}.",
                                                          literal.value.getInt()));
      }
      return BoundExpr::call(F::kItem, container.elementType().nullable(), std::move(operands), expr.position);
    }
    case Root::MAP: {
      if (index.root() != Root::NULL_TYPE && !type_rules::supportsImplicitCast(index, container.keyType()) &&
          !type_rules::findCommonType(std::vector<LogicalType>{index, container.keyType()})) {
        return unsupported();
      }
      operands[1] = castTo(std::move(operands[1]), container.keyType());
      return BoundExpr::call(F::kItem, container.valueType().nullable(), std::move(operands), expr.position);
    }
    case Root::ROW: {
      // row['name'] and row[1] (1-based) need a literal, as Calcite resolves them while validating.
      const BoundExpr& key = *operands[1];
      if (key.kind != BoundExpr::Kind::kLiteral || key.value.isNull()) return unsupported();
      if (type_rules::isCharacterString(key.type)) {
        return binder::getField(std::move(operands[0]), key.value.getString(), expr.position);
      }
      if (key.type.root() != Root::INTEGER) return unsupported();
      const int32_t position = key.value.getInt();
      if (position < 1 || static_cast<size_t>(position) > container.fieldCount()) return unsupported();
      return binder::getField(std::move(operands[0]), container.fields()[static_cast<size_t>(position - 1)].name,
                              expr.position);
    }
    default: return unsupported();
  }
}

namespace binder {

std::optional<Result<BoundExprPtr>> bindCollectionFunction(std::string_view name, SourcePosition position,
                                                           std::vector<BoundExprPtr>& args) {
  if (name == "CARDINALITY") {
    if (args.size() != 1 || !isCollection(args[0]->type)) {
      return collectionArgument(position, name, args,
                                "'CARDINALITY(<MULTISET>)'\n'CARDINALITY(<ARRAY>)'\n'CARDINALITY(<MAP>)'");
    }
    const bool nullable = args[0]->type.isNullable();
    return BoundExpr::call(F::kCardinality, DataTypes::INT().copy(nullable), std::move(args), position);
  }
  if (name == "ELEMENT") {
    if (args.size() != 1 || args[0]->type.root() != Root::ARRAY) {
      return collectionArgument(position, name, args, "'ELEMENT(<ARRAY>)'");
    }
    LogicalType type = args[0]->type.elementType().nullable();
    return BoundExpr::call(F::kElement, std::move(type), std::move(args), position);
  }
  if (name == "ARRAY_CONTAINS") {
    if (args.size() != 2 || args[0]->type.root() != Root::ARRAY ||
        (args[1]->type.root() != Root::NULL_TYPE &&
         !type_rules::supportsImplicitCast(args[1]->type, args[0]->type.elementType()))) {
      return collectionArgument(position, name, args, "'ARRAY_CONTAINS(<ARRAY>, <ARRAY ELEMENT>)'");
    }
    const bool nullable = args[0]->type.isNullable();
    args[1] = castTo(std::move(args[1]), args[0]->type.elementType());
    return BoundExpr::call(F::kArrayContains, DataTypes::BOOLEAN().copy(nullable), std::move(args), position);
  }
  return std::nullopt;
}

}  // namespace binder

}  // namespace eddy::sql
