// Access to the fields of ROW values: `(person).id`, and compound identifiers that name a
// column and then its fields (`person.id`, `t.person.id`), resolved as Calcite resolves them:
// a table-qualified column first, then the longest prefix that is a column, the rest fields.
#include <fmt/format.h>

#include <algorithm>
#include <cstddef>

#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/expression/validation_error.h"

namespace eddy::sql {

namespace binder {

Result<BoundExprPtr> getField(BoundExprPtr row, const std::string& name, SourcePosition position) {
  if (row->type.root() != types::LogicalTypeRoot::ROW) {
    return validationError(position, fmt::format("Cannot access field '{}' of a value of type {}", name,
                                                 row->type.asSummaryString()));
  }
  const int index = row->type.fieldIndex(name);
  if (index < 0) return validationError(position, fmt::format("Unknown field '{}'", name));
  // A field of a nullable row is null where the row is.
  const types::LogicalType type =
      row->type.typeAt(static_cast<size_t>(index)).copy(row->type.isNullable() ||
                                                        row->type.typeAt(static_cast<size_t>(index)).isNullable());
  std::vector<BoundExprPtr> operands;
  operands.push_back(std::move(row));
  operands.push_back(BoundExpr::literal(types::Value(int32_t{index}), types::DataTypes::INT().notNull(), position));
  return BoundExpr::call(BuiltInFunction::kGetField, type, std::move(operands), position);
}

Result<BoundExprPtr> bindCompoundIdentifier(const Expr& identifier, const ColumnResolver& resolve_column) {
  Result<BoundExprPtr> whole = resolve_column(identifier);
  if (whole.ok() || identifier.names.size() < 2) return whole;
  const size_t longest = std::min<size_t>(identifier.names.size() - 1, 2);
  for (size_t prefix = longest; prefix >= 1; --prefix) {
    Expr column(ExprKind::kIdentifier, identifier.position);
    column.names.assign(identifier.names.begin(), identifier.names.begin() + static_cast<ptrdiff_t>(prefix));
    Result<BoundExprPtr> resolved = resolve_column(column);
    if (!resolved.ok()) continue;
    BoundExprPtr value = std::move(*resolved);
    for (size_t i = prefix; i < identifier.names.size(); ++i) {
      Result<BoundExprPtr> field = getField(std::move(value), identifier.names[i], identifier.position);
      if (!field.ok()) {
        std::string path;
        for (const std::string& name : identifier.names) path += (path.empty() ? "" : ".") + name;
        return validationError(identifier.position, fmt::format("Column '{}' not found in any table", path));
      }
      value = std::move(*field);
    }
    return value;
  }
  return whole;
}

}  // namespace binder

Result<BoundExprPtr> ExpressionBinder::bindFieldAccess(const Expr& expr) const {
  EDDY_ASSIGN_OR_RETURN(BoundExprPtr row, bind(*expr.operands[0]));
  return binder::getField(std::move(row), expr.text, expr.position);
}

}  // namespace eddy::sql
