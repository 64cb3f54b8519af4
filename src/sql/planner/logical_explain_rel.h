#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/types/logical_type.h"
#include "sql/catalog/catalog_manager.h"
#include "sql/expression/expression_binder.h"
#include "sql/parser/ast_statement.h"

namespace eddy::sql {

// A Calcite logical node as EXPLAIN prints it: its one-line description and its inputs.
struct LogicalRelNode {
  std::string description;
  std::vector<std::unique_ptr<LogicalRelNode>> inputs;
};
using LogicalRelNodePtr = std::unique_ptr<LogicalRelNode>;

// A logical node with its row type and, per field, the name and table (or alias) that
// identifiers resolve against (a join's row type renames a repeated name; `t`.`a` does not).
struct LogicalRel {
  LogicalRelNodePtr node;
  types::LogicalType row_type = types::DataTypes::ROW(std::vector<types::RowField>{});
  std::vector<std::string> names;
  std::vector<std::string> qualifiers;
};

// Converts a parsed query into Calcite's logical tree, as Flink's SqlToRelConverter does
// (logical_explain.h). One builder per statement; holds a reference to the catalogs.
class LogicalRelBuilder {
 public:
  explicit LogicalRelBuilder(const CatalogManager& catalogs) : catalogs_(catalogs) {}

  Result<LogicalRel> query(const Query& query);

 private:
  // A query without its ORDER BY / OFFSET / FETCH; `extra` as for select().
  Result<LogicalRel> body(const Query& query, const std::vector<const Expr*>& extra);
  // A SELECT; `extra` are ORDER BY expressions that are not select items, projected after
  // them (Calcite's extra sort expressions).
  Result<LogicalRel> select(const Select& select, const std::vector<const Expr*>& extra);
  Result<LogicalRel> from(const TableRef& ref);
  Result<LogicalRel> namedTable(const TableRef& ref);
  Result<LogicalRel> catalogTable(const ObjectIdentifier& identifier, const CatalogTable& table);
  Result<LogicalRel> join(const TableRef& ref);
  // A join whose right side reads the left row: LATERAL TABLE, UNNEST, FOR SYSTEM_TIME AS OF
  // (logical_explain_correlate.cc). The right side's builders add the indices of the left
  // fields they read (`correlated` prints them as $cor0.<name>) to `required`.
  Result<LogicalRel> correlate(const TableRef& ref);
  Result<LogicalRel> unnest(const TableRef& ref, const LogicalRel& left, const std::map<int, std::string>& correlated,
                            std::set<int>& required);
  Result<LogicalRel> tableFunctionScan(const TableRef& ref, const LogicalRel& left,
                                       const std::map<int, std::string>& correlated, std::set<int>& required);
  Result<LogicalRel> windowTableFunction(const TableRef& ref);
  Result<LogicalRel> values(const Query& query);
  Result<LogicalRel> orderBy(const Query& query);
  // GROUP BY / HAVING / aggregate calls / DISTINCT (logical_explain_aggregate.cc).
  Result<LogicalRel> aggregate(const Select& select, LogicalRel input, const std::vector<const Expr*>& extra);
  // The select items over `input`, OVER calls printed in place (logical_explain_aggregate.cc).
  // Calcite keeps an identity projection only when `force` (a SELECT over a table, not over
  // an aggregate).
  Result<LogicalRel> selectItems(const Select& select, LogicalRel input, const std::vector<const Expr*>& extra,
                                 const ExpressionBinder::NodeResolver& resolver, bool force);
  // `call` OVER (...) as Calcite's RexOver prints it, its arguments and window over `input`.
  Result<std::string> overDigest(const Expr& call, const Select& select, const LogicalRel& input,
                                 const ExpressionBinder::NodeResolver& resolver) const;
  // A placeholder input reference for a node printed as `digest` (OVER calls, group window
  // properties), which rexDigest prints through substitutions_.
  BoundExprPtr placeholder(std::string digest, types::LogicalType type);
  // An expression bound over `rel`, identifiers resolved through its names and qualifiers;
  // `extra` resolves nodes first (aggregate calls, grouped expressions).
  Result<BoundExprPtr> bind(const Expr& expr, const LogicalRel& rel,
                            const ExpressionBinder::NodeResolver& extra = nullptr) const;

  const CatalogManager& catalogs_;
  // WITH lists in scope, innermost last.
  std::vector<std::map<std::string, const CommonTableExpression*>> ctes_;
  // Placeholder input indices start far above any real field.
  std::map<int, std::string> substitutions_;
  int next_placeholder_ = 1 << 20;
};

// Whether the right side of `join` reads the left row (LATERAL TABLE of a table function,
// UNNEST, FOR SYSTEM_TIME AS OF), which Calcite converts into a LogicalCorrelate.
bool isCorrelatedJoin(const TableRef& join);
// LogicalProject(name=[expr], ...) over `input`; the names become the fields of the result.
LogicalRel logicalProject(LogicalRel input, const std::vector<std::string>& exprs,
                          const std::vector<types::LogicalType>& types, std::vector<std::string> names);
// The row of `left` joined with `right` (no node): their fields, names and qualifiers in
// order, the field names made unique as Calcite does; the right's fields nullable when
// `right_nullable`.
LogicalRel joinedRow(const LogicalRel& left, const LogicalRel& right, bool right_nullable);
// LogicalFilter(condition=[...]) over `input`.
LogicalRel logicalFilter(LogicalRel input, const std::string& condition);
// `text` in upper case (function names).
std::string upperCase(std::string text);
// A leaf or single-input node with `description` and the row type of `row_type`.
LogicalRelNodePtr logicalNode(std::string description, LogicalRelNodePtr input = nullptr);

}  // namespace eddy::sql
