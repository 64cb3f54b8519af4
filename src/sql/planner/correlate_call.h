#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "eddy/table/functions/table_function.h"
#include "sql/expression/bound_expr.h"

namespace eddy::sql {

struct PlanNode;

// The table function call of a Correlate node (Flink's StreamPhysicalCorrelate): the
// function as called, its chosen overload, its arguments over the input row, and whether
// input rows the function produces nothing for are kept with NULLs (LEFT JOIN LATERAL TABLE
// ... ON TRUE) or dropped. Immutable once planned.
struct CorrelateCall {
  std::string name;
  std::shared_ptr<const table::TableFunction> function;
  size_t signature = 0;
  std::vector<BoundExprPtr> arguments;
  bool left_outer = false;
};

// Flink's digest of a Correlate: "Correlate(invocation=[split($cor0.line)],
// correlate=[table(split($cor0.line))], select=[id,line,word], rowType=[RecordType(...)],
// joinType=[INNER])".
std::string describeCorrelate(const PlanNode& node);

}  // namespace eddy::sql
