#pragma once

#include "eddy/common/result.h"
#include "sql/parser/ast_expression.h"
#include "sql/planner/relation.h"

namespace eddy::sql {

// The field of `input` that holds `key`, a PARTITION BY or ORDER BY item of an OVER clause:
// the column it names, or a field computed by a Calc appended to `input` (named "$<index>"),
// as Flink computes such keys in a Calc below its OverAggregate and Rank nodes.
Result<int> keyField(Relation& input, const Expr& key);

}  // namespace eddy::sql
