#include "sql/planner/computed_key.h"

#include <utility>

#include "sql/planner/plan_builder.h"

namespace eddy::sql {

Result<int> keyField(Relation& input, const Expr& key) {
  if (key.kind == ExprKind::kIdentifier) return resolveField(input, key);
  EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, relationBinder(input).bind(key));
  if (bound->kind == BoundExpr::Kind::kInputRef) return bound->input_index;
  const types::LogicalType& type = input.node->output_type;
  const int index = static_cast<int>(type.fieldCount());
  std::vector<BoundExprPtr> projections;
  for (size_t i = 0; i < type.fieldCount(); ++i) {
    projections.push_back(BoundExpr::inputRef(static_cast<int>(i), type.typeAt(i), {}));
  }
  projections.push_back(std::move(bound));
  std::vector<std::string> names = type.fieldNames();
  names.push_back("$" + std::to_string(index));
  input.node = makeCalc(std::move(input.node), std::move(projections), nullptr, names);
  input.qualifiers.push_back("");
  if (!input.names.empty()) input.names.push_back(names.back());
  return index;
}

}  // namespace eddy::sql
