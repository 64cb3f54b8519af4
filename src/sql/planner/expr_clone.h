#pragma once

#include "eddy/common/result.h"
#include "sql/parser/ast_expression.h"

namespace eddy::sql {

// A deep copy of a parsed expression, for rewrites that put a user's expression into a query
// block the planner builds itself (a decorrelated scalar subquery groups by its correlated
// columns). Positions are kept, so errors still point into the user's statement. An
// expression holding a subquery is not copied (NotSupported naming its position).
Result<ExprPtr> cloneExpr(const Expr& expr);

}  // namespace eddy::sql
