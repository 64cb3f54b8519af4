// Calls of user-defined aggregate functions in GROUP BY and window aggregations.
#include <fmt/format.h>

#include <utility>

#include "sql/expression/udf_call.h"
#include "sql/expression/validation_error.h"
#include "sql/planner/aggregate_udf_call.h"
#include "sql/planner/plan_builder.h"

namespace eddy::sql {

const std::shared_ptr<const table::AggregateFunction>* userAggregateFunction(const std::string& name) {
  const table::UserDefinedFunction* function = lookupUserFunction(name);
  return function ? std::get_if<std::shared_ptr<const table::AggregateFunction>>(function) : nullptr;
}

Result<AggregateCall> planUserAggregateCall(const Expr& call, const std::shared_ptr<const table::AggregateFunction>& function,
                                            const ExpressionBinder& binder, std::vector<BoundExprPtr>& pre,
                                            std::vector<std::string>& pre_names) {
  const std::string& name = call.names.back();
  if (call.distinct || call.filter) {
    return NotSupported(fmt::format("At line {}, column {}: DISTINCT and FILTER with the user-defined aggregate "
                                    "function {}",
                                    call.position.line, call.position.column, name));
  }
  std::vector<BoundExprPtr> args;
  for (const ExprPtr& operand : call.operands) {
    if (operand->kind == ExprKind::kStar) {
      return validationError(operand->position, fmt::format("Invalid function call:\n{}(*)", name));
    }
    if (containsAggregateCall(*operand)) return validationError(operand->position, "Aggregate expressions cannot be nested");
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.bind(*operand));
    args.push_back(std::move(bound));
  }
  if (args.size() > 16) {
    return NotSupported(fmt::format("At line {}, column {}: {} with more than 16 arguments", call.position.line,
                                    call.position.column, name));
  }
  const std::vector<table::FunctionSignature> signatures = function->signatures();
  EDDY_ASSIGN_OR_RETURN(size_t signature, chooseSignature(signatures, name, call.position, args));
  AggregateCall aggregate;
  aggregate.function = AggregateCall::Function::kUserDefined;
  aggregate.udaf = std::make_shared<const AggregateUdfCall>(AggregateUdfCall{name, function, signature});
  aggregate.result_type = signatures[signature].result.nullable();
  for (BoundExprPtr& arg : args) {
    const int field = static_cast<int>(pre.size());
    if (aggregate.argument < 0) {
      aggregate.argument = field;
      aggregate.argument_type = arg->type;
    } else {
      aggregate.more_arguments.push_back(field);
    }
    pre_names.push_back("$f" + std::to_string(field));
    pre.push_back(std::move(arg));
  }
  return aggregate;
}

}  // namespace eddy::sql
