#include "sql/planner/aggregate_function_types.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "eddy/types/data_types.h"
#include "sql/expression/type_rules.h"
#include "sql/expression/validation_error.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;
using types::LogicalTypeRoot;
using F = AggregateCall::Function;

std::optional<F> aggregateFunctionByName(const std::string& upper_name) {
  static const std::pair<const char*, F> kFunctions[] = {
      {"COUNT", F::kCount},           {"SUM", F::kSum},
      {"AVG", F::kAvg},               {"MIN", F::kMin},
      {"MAX", F::kMax},               {"FIRST_VALUE", F::kFirstValue},
      {"LAST_VALUE", F::kLastValue},  {"LISTAGG", F::kListAgg},
      {"STDDEV_POP", F::kStddevPop},  {"STDDEV_SAMP", F::kStddevSamp},
      {"STDDEV", F::kStddevSamp},     {"VAR_POP", F::kVarPop},
      {"VAR_SAMP", F::kVarSamp},      {"VARIANCE", F::kVarSamp},
  };
  for (const auto& [name, function] : kFunctions) {
    if (upper_name == name) return function;
  }
  return std::nullopt;
}

namespace {

Status cannotApply(SourcePosition position, const std::string& name, const LogicalType& argument, const char* form) {
  return validationError(position, fmt::format("Cannot apply '{}' to arguments of type '{}(<{}>)'. Supported form(s): "
                                               "'{}(<{}>)'",
                                               name, name, type_rules::calciteTypeName(argument), name, form));
}

}  // namespace

Result<LogicalType> aggregateResultType(F function, const LogicalType& argument, SourcePosition position,
                                        const std::string& name) {
  switch (function) {
    case F::kCount: return DataTypes::BIGINT().notNull();
    case F::kMin:
    case F::kMax:
    case F::kFirstValue:
    case F::kLastValue: return argument.nullable();
    case F::kListAgg:
      if (argument.root() != LogicalTypeRoot::CHAR && argument.root() != LogicalTypeRoot::VARCHAR) {
        return cannotApply(position, name, argument, "STRING");
      }
      return DataTypes::STRING();
    case F::kSum:
    case F::kAvg:
    case F::kStddevPop:
    case F::kStddevSamp:
    case F::kVarPop:
    case F::kVarSamp:
      if (!type_rules::isNumeric(argument)) return cannotApply(position, name, argument, "NUMERIC");
      if (argument.root() != LogicalTypeRoot::DECIMAL) return argument.nullable();
      if (function == F::kSum) return DataTypes::DECIMAL(38, argument.scale());
      if (function == F::kAvg) return DataTypes::DECIMAL(38, std::max(6, argument.scale()));
      return NotSupported(fmt::format("At line {}, column {}: {} over DECIMAL is not supported yet", position.line,
                                      position.column, name));
    case F::kUserDefined: break;  // typed by its overload (plan_aggregate_udf.cc)
  }
  return Internal("unknown aggregate function");
}

}  // namespace eddy::sql
