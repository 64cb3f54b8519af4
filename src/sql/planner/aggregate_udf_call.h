#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/table/functions/aggregate_function.h"
#include "sql/expression/expression_binder.h"
#include "sql/parser/ast_expression.h"
#include "sql/planner/plan_node.h"

namespace eddy::sql {

// A call of a user-defined AggregateFunction in an AggregateCall (kUserDefined): the name it
// was called by, the function and its chosen overload. Immutable once planned.
struct AggregateUdfCall {
  std::string name;
  std::shared_ptr<const table::AggregateFunction> function;
  size_t signature = 0;
};

// The user-defined aggregate function the session knows as `name`, or null.
const std::shared_ptr<const table::AggregateFunction>* userAggregateFunction(const std::string& name);

// The AggregateCall of `call`, a call of `function`: its operands bound by `binder`, CAST to
// the chosen overload and appended to the pre-projection (`pre`, named `pre_names`); the
// first is the call's argument, the others its more_arguments. Everything but the call's
// output name. DISTINCT and FILTER are NotSupported.
Result<AggregateCall> planUserAggregateCall(const Expr& call, const std::shared_ptr<const table::AggregateFunction>& function,
                                            const ExpressionBinder& binder, std::vector<BoundExprPtr>& pre,
                                            std::vector<std::string>& pre_names);

}  // namespace eddy::sql
