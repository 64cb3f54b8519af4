#pragma once

#include <optional>
#include <string>
#include <vector>

#include "eddy/connectors/jdbc/jdbc_dialect.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"
#include "sql/expression/bound_expr.h"

namespace eddy::sql {

// A filter of a jdbc scan as SQL with `?` placeholders, and the literals those take in
// order as a row of `parameter_types` (Flink's ParameterizedPredicate). The literals are
// bound as parameters, never written into the SQL text.
struct ParameterizedPredicate {
  std::string predicate;
  std::vector<types::Value> parameters;
  std::vector<types::LogicalType> parameter_types;
};

// `filter` (over `physical_type`) as SQL of `dialect`, as Flink's
// JdbcFilterPushdownPreparedStatementVisitor renders it: `(a > ?)`, `((a = ?) OR (b < ?))`,
// `(a IS NULL)`; =, <>, <, <=, >, >=, AND, OR and LIKE of columns and literals (of the types
// the dialect reads and writes: JdbcDialect::validate), IS [NOT] NULL of a column. nullopt
// for any other filter, which then stays with the planner.
std::optional<ParameterizedPredicate> toParameterizedPredicate(const BoundExpr& filter,
                                                               const types::LogicalType& physical_type,
                                                               const connectors::jdbc::JdbcDialect& dialect);

// `query` (a split's `SELECT … FROM t`, with a `WHERE` of its own when `has_where`) with
// the predicates ANDed to it, each in parentheses as Flink's JdbcDynamicTableSource joins
// them: `SELECT a FROM t WHERE ((a > ?)) AND ((b IS NULL))`.
std::string withPredicates(const std::string& query, bool has_where,
                           const std::vector<ParameterizedPredicate>& predicates);

}  // namespace eddy::sql
