#pragma once

#include <string>

#include "sql/parser/ast_expression.h"
#include "sql/planner/plan_node.h"

namespace eddy::sql {

// True when `expr` calls a function OVER a window (outside subqueries).
bool containsOverCall(const Expr& expr);

// Flink's one-line description of an OverAggregate node: "OverAggregate(partitionBy=[k],
// orderBy=[ts ASC], window=[ ROWS BETWEEN 2 PRECEDING AND CURRENT ROW], select=[k, v, ts,
// COUNT(v) AS w0$o0])".
std::string describeOverAggregate(const PlanNode& node);

}  // namespace eddy::sql
