// A scalar subquery as a value. The planner plans the subquery and joins it to the input of
// the expression (plan_scalar_subquery.cc, as Calcite's SubQueryRemoveRule); the binder then
// reads the joined field, found by the subquery's position in the statement.
#include <fmt/format.h>

#include "sql/expression/expression_binder.h"

namespace eddy::sql {

namespace {
constexpr std::string_view kPrefix = "$SCALAR_QUERY$";
}  // namespace

std::string scalarSubqueryFieldName(const Expr& subquery) {
  return fmt::format("{}{}${}", kPrefix, subquery.position.line, subquery.position.column);
}

bool isScalarSubqueryFieldName(std::string_view name) { return name.starts_with(kPrefix); }

Result<BoundExprPtr> ExpressionBinder::bindScalarSubquery(const Expr& expr) const {
  const int index = input_type_.fieldIndex(scalarSubqueryFieldName(expr));
  if (index < 0) {
    return NotSupported(fmt::format("At line {}, column {}: a scalar subquery is supported in the SELECT list of a "
                                    "query without GROUP BY, aggregates or OVER, and in WHERE; not here yet",
                                    expr.position.line, expr.position.column));
  }
  return BoundExpr::inputRef(index, input_type_.typeAt(static_cast<size_t>(index)), expr.position);
}

}  // namespace eddy::sql
