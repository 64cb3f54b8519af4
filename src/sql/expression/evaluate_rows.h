#pragma once

#include <string_view>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"
#include "eddy/types/value.h"
#include "sql/expression/expression_evaluator.h"

namespace eddy::sql {

// Parses, binds and evaluates one scalar expression over rows of `row_type`, a row at a
// time in one batch: the row-at-a-time entry for tests, for folding constant expressions,
// and for tools. Operators use ExpressionBinder and ExpressionEvaluator on batches instead.
Result<std::vector<types::Value>> evaluateRows(std::string_view expression, const types::LogicalType& row_type,
                                               const std::vector<types::Row>& rows,
                                               const EvaluationContext& context = {});

}  // namespace eddy::sql
