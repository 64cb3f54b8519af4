#pragma once

#include <set>
#include <string>
#include <vector>

#include "eddy/types/logical_type.h"
#include "sql/expression/bound_expr.h"

namespace eddy::sql {

// Which filters a `values` source with 'filterable-fields' applies itself (Flink's
// TestValuesTableSource with FilterUtils.shouldPushDown): comparisons (=, <>, <, <=, >, >=)
// of filterable fields, literals and UPPER/LOWER of those; IS [NOT] NULL of a filterable
// field; AND/OR of such filters. A filter that reads any other field is not.
// `physical_type` is the ROW the filter's input references index.
bool valuesSourceAcceptsFilter(const BoundExpr& filter, const types::LogicalType& physical_type,
                               const std::set<std::string>& filterable_fields);

// The fields of 'filterable-fields' = 'a;b'.
std::set<std::string> parseFilterableFields(const std::string& option);

}  // namespace eddy::sql
