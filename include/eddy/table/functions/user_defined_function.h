#pragma once

#include <memory>
#include <variant>

#include "eddy/table/functions/aggregate_function.h"
#include "eddy/table/functions/scalar_function.h"
#include "eddy/table/functions/table_function.h"

namespace eddy::table {

// A function registered from C++ under a name: what createTemporarySystemFunction and
// createTemporaryFunction take (Flink's UserDefinedFunction: scalar, table or aggregate).
// Shared and immutable after registration.
using UserDefinedFunction = std::variant<std::shared_ptr<const ScalarFunction>, std::shared_ptr<const TableFunction>,
                                         std::shared_ptr<const AggregateFunction>>;

}  // namespace eddy::table
