#pragma once

#include <vector>

#include "sql/expression/bound_expr.h"
#include "sql/planner/plan_node.h"

namespace eddy::sql {

// Flink's constant folding (Calcite's ReduceExpressionsRule with Flink's ExpressionReducer):
// every largest subexpression without input references whose calls are deterministic is
// evaluated at planning and replaced by a literal of its type: `CAST(7919 AS BIGINT)`
// becomes 7919:BIGINT, `'a' || 'b'` becomes 'ab'. As in Flink:
//   - PROCTIME(), CURRENT_WATERMARK, user-defined functions and the JSON_OBJECT and
//     JSON_ARRAY constructors stay calls, and so do expressions of a ROW, ARRAY, MAP or
//     MULTISET type;
//   - when one expression of a node fails to evaluate (CAST('x' AS INT)), the node keeps all
//     of its expressions as they are, to fail (or not) at runtime as without folding;
//   - a NULL result of a NOT NULL expression keeps the expression.
// Runs over the projections and the condition of every Calc (Flink's CalcReduceExpressionsRule);
// once per planned statement, before filters are pushed into sources.
void reduceExpressions(PlanNode& root);

// The expressions at `exprs` reduced together, with the rules above; false (and nothing
// changed) when one fails to evaluate.
bool reduceExpressions(const std::vector<BoundExprPtr*>& exprs);

}  // namespace eddy::sql
