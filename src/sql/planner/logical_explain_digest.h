#pragma once

#include <map>
#include <string>

#include "eddy/types/logical_type.h"
#include "sql/expression/bound_expr.h"

namespace eddy::sql {

// Calcite's spellings for the abstract syntax tree of EXPLAIN (logical_explain.h).

// A type as Calcite's RelDataType#getFullTypeString: "INTEGER", "BIGINT NOT NULL",
// "VARCHAR(2147483647) CHARACTER SET \"UTF-16LE\"", "TIMESTAMP(3)", "INTERVAL SECOND".
std::string calciteTypeString(const types::LogicalType& type);

// A row type as Calcite prints a rowType=[...] attribute (without nullability and
// character sets): "RecordType(INTEGER a, TIMESTAMP(3) *ROWTIME* ts)".
std::string calciteRecordType(const types::LogicalType& row_type);

// An expression as Calcite's RexNode#toString: "$0", "+($0, 1)", "CAST($1):BIGINT",
// "_UTF-16LE'x'", "5000:INTERVAL SECOND". An input reference whose index is a key of
// `substitutions` prints as its value (OVER calls computed in the same projection).
std::string rexDigest(const BoundExpr& expr, const std::map<int, std::string>& substitutions = {});

}  // namespace eddy::sql
