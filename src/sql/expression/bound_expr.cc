#include "sql/expression/bound_expr.h"

#include "sql/expression/udf_call.h"

namespace eddy::sql {

BoundExprPtr BoundExpr::inputRef(int index, types::LogicalType type, SourcePosition position) {
  auto expr = std::make_unique<BoundExpr>(Kind::kInputRef, std::move(type), position);
  expr->input_index = index;
  return expr;
}

BoundExprPtr BoundExpr::literal(types::Value value, types::LogicalType type, SourcePosition position) {
  auto expr = std::make_unique<BoundExpr>(Kind::kLiteral, std::move(type), position);
  expr->value = std::move(value);
  return expr;
}

BoundExprPtr BoundExpr::call(BuiltInFunction function, types::LogicalType type, std::vector<BoundExprPtr> operands,
                             SourcePosition position) {
  auto expr = std::make_unique<BoundExpr>(Kind::kCall, std::move(type), position);
  expr->function = function;
  expr->operands = std::move(operands);
  return expr;
}

std::string BoundExpr::toString() const {
  switch (kind) {
    case Kind::kInputRef: return "$" + std::to_string(input_index);
    case Kind::kLiteral: {
      if (value.isNull()) return "null:" + type.asSummaryString();
      const types::LogicalTypeRoot root = type.root();
      const bool quoted = root == types::LogicalTypeRoot::CHAR || root == types::LogicalTypeRoot::VARCHAR;
      return quoted ? "'" + value.toString() + "'" : value.toString();
    }
    case Kind::kCall: break;
  }
  if (function == BuiltInFunction::kGetField) {
    // Calcite's RexFieldAccess digest: $1.name.
    const size_t field = static_cast<size_t>(operands[1]->value.getInt());
    return operands[0]->toString() + "." + operands[0]->type.fields()[field].name;
  }
  std::string out(function == BuiltInFunction::kUserDefinedScalar ? std::string_view(udf->name)
                                                                  : builtInFunctionName(function));
  out += '(';
  if (!unit.empty()) {
    out += unit;
    if (!operands.empty()) out += ", ";
  }
  for (size_t i = 0; i < operands.size(); ++i) {
    if (i > 0) out += ", ";
    out += operands[i]->toString();
  }
  out += ')';
  if (function == BuiltInFunction::kCast || function == BuiltInFunction::kTryCast) {
    out += ':' + type.asSummaryString();
  }
  return out;
}

}  // namespace eddy::sql
