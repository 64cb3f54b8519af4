#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "sql/expression/bound_expr.h"
#include "sql/parser/ast_expression.h"
#include "sql/planner/plan_node.h"

namespace eddy::sql {

// GROUP BY with GROUPING SETS, ROLLUP and CUBE, planned as Flink plans them: the grouping
// columns of all sets are the keys, an Expand (here a Correlate of ExpandRowsFunction) makes
// one row per set with the columns outside the set NULL and the set's id `$e`, and the
// GroupAggregate groups by the keys and `$e`. GROUPING() and GROUPING_ID() read `$e`.

// Whether the GROUP BY holds GROUPING SETS, ROLLUP or CUBE.
bool hasGroupingSets(const std::vector<ExprPtr>& group_by);

// The expressions of a GROUP BY item, flattened: a plain expression, or every expression a
// GROUPING SETS / ROLLUP / CUBE item names (ROW items spread).
void collectGroupingColumns(const Expr& item, std::vector<const Expr*>& out);

// The grouping sets of a GROUP BY (Calcite's semantics: a plain item is in every set, the
// sets of several items are their cross product), each as a flag per grouping column;
// `column_of` gives a grouping expression's column (by its unparsed text).
std::vector<std::vector<bool>> groupingSetsOf(const std::vector<ExprPtr>& group_by,
                                              const std::map<std::string, int>& column_of, size_t columns);

// `below` (the aggregate's pre-projection: k grouping columns, a `$e` placeholder at field
// k, then the aggregate arguments) expanded into one row per grouping set, in the same layout.
PlanNodePtr expandGroupingSets(PlanNodePtr below, size_t grouping_columns, std::vector<std::vector<bool>> sets);

// GROUPING(a, ...) and GROUPING_ID(a, ...) over the aggregate's output: the bits of `$e`
// (field `e_field`; none for a plain GROUP BY, where every bit is 0) of the grouping columns
// named; nullopt when `call` is no such call.
std::optional<Result<BoundExprPtr>> bindGroupingFunction(const Expr& call, const std::map<std::string, int>& column_of,
                                                         size_t columns, std::optional<int> e_field);

}  // namespace eddy::sql
