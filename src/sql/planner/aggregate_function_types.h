#pragma once

#include <optional>
#include <string>

#include "eddy/common/result.h"
#include "eddy/types/logical_type.h"
#include "sql/parser/source_position.h"
#include "sql/planner/plan_node.h"

namespace eddy::sql {

// Flink's built-in aggregate functions by name and their result types. Stateless.

// The function of an upper-case aggregate name Eddy runs, with Calcite's aliases (STDDEV is
// STDDEV_SAMP, VARIANCE is VAR_SAMP); nullopt for others.
std::optional<AggregateCall::Function> aggregateFunctionByName(const std::string& upper_name);

// The result type of `function` over `argument`, as Flink derives it:
//   COUNT                          BIGINT NOT NULL
//   MIN, MAX, FIRST_VALUE, LAST_VALUE   the argument's type, nullable
//   SUM                            the argument's type; DECIMAL(p, s) → DECIMAL(38, s)
//   AVG                            the argument's type; DECIMAL(p, s) → DECIMAL(38, max(6, s))
//   STDDEV_*/VAR_*                 the argument's type (Calcite's AVG_AGG_FUNCTION)
//   LISTAGG                        STRING
// A wrong argument type is Calcite's "Cannot apply 'F' to arguments of type ..." error.
Result<types::LogicalType> aggregateResultType(AggregateCall::Function function, const types::LogicalType& argument,
                                               SourcePosition position, const std::string& name);

}  // namespace eddy::sql
