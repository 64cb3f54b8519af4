#pragma once

#include <vector>

#include "eddy/types/logical_type.h"
#include "sql/expression/bound_expr.h"
#include "sql/parser/ast_expression.h"

namespace eddy::sql {

// The parts of a condition joined by AND, in order (one part when it is no AND), as the
// subquery rewrites take a WHERE apart (plan_subquery.cc, plan_scalar_subquery.cc).
void splitAnd(const Expr& expr, std::vector<const Expr*>& out);

// An input reference to every field of `type`, in order: the projections of a Calc that
// forwards its input.
std::vector<BoundExprPtr> refsOf(const types::LogicalType& type);

}  // namespace eddy::sql
