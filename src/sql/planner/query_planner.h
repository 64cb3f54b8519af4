#pragma once

#include <map>
#include <string>
#include <vector>

#include "eddy/common/configuration.h"
#include "eddy/common/result.h"
#include "sql/catalog/catalog_manager.h"
#include "sql/connectors/factory_registry.h"
#include "sql/parser/ast_statement.h"
#include "sql/planner/relation.h"

namespace eddy::sql {

// Turns a parsed query or INSERT into Eddy's physical plan, as Flink's planner does in one
// pass: names are resolved against the catalog (tables, views, CTEs, subqueries), scalar
// expressions are bound with Flink's type rules, projections and filters fuse into one Calc
// per input, aggregations get a hash Exchange, and every node gets its changelog mode
// (changelog_inference.h). Errors are Flink's/Calcite's ValidationException texts with line
// and column. Holds references it does not own; one planner per statement.
class QueryPlanner {
 public:
  QueryPlanner(const CatalogManager& catalogs, const Configuration& session, const FactoryRegistry& factories);

  // Whether planQuery and planInsert also draw EXPLAIN's abstract syntax tree into the root
  // (PlanNode::abstract_syntax_tree). Off by default: only EXPLAIN needs it.
  void setDrawAbstractSyntaxTree(bool draw) { draw_abstract_syntax_tree_ = draw; }

  // A SELECT, VALUES or WITH query.
  Result<PlanNodePtr> planQuery(const Query& query);
  // INSERT INTO table [(columns)] query: a plan ending in a Sink node; checks the column
  // count and types and whether the sink accepts the query's changes.
  Result<PlanNodePtr> planInsert(const Insert& insert);

  // Used by the files that plan parts of a query.
  Result<Relation> planQueryExpr(const Query& query);
  Result<Relation> planSelect(const Select& select);
  Result<Relation> planFrom(const TableRef& ref);
  Result<Relation> planAggregate(const Select& select, Relation input);
  Result<Relation> planValues(const Query& query);
  Result<Relation> planWindowTableFunction(const TableRef& ref);
  Result<Relation> planOverSelect(const Select& select, Relation input);
  Result<Relation> planJoin(const TableRef& ref);
  Result<Relation> planTemporalJoin(const TableRef& ref);
  // A join whose right side is LATERAL TABLE(f(...)) (plan_lateral_table.cc).
  Result<Relation> planLateralTable(const TableRef& join);
  Result<Relation> planSetOperation(const Query& query);
  // Plans IN / EXISTS subqueries of a WHERE as semi / anti joins of `input` (plan_subquery.cc)
  // and returns the rest of the condition bound over it (null when nothing is left).
  Result<BoundExprPtr> planWhere(const Expr& where, Relation& input);
  // [NOT] EXISTS (query) as a semi (anti) join of `input`, correlated through the subquery's WHERE.
  Status planExists(const Query& query, FlinkJoinType type, Relation& input);
  // Left-joins every scalar subquery of `expr` (outside nested subqueries) to `input` as a
  // field named scalarSubqueryFieldName(subquery), which the binder then reads
  // (plan_scalar_subquery.cc).
  Status joinScalarSubqueries(const Expr& expr, Relation& input);
  Status joinScalarSubquery(const Expr& subquery, Relation& input);
  // A catalog table's scan; an upsert source's changelog is normalized (ChangelogNormalize)
  // unless `normalize_upserts` is false (the versioned side of a temporal join keeps the
  // versions itself).
  Result<Relation> planCatalogTable(const ObjectIdentifier& identifier, const CatalogTable& table,
                                    const std::string& qualifier, bool normalize_upserts = true);
  // The source of a catalog table producing `physical_type`, created by the factory of its
  // 'connector' (or of its legacy 'connector.type' descriptor), with Flink's "Unable to create
  // a source for reading table" messages.
  Result<std::shared_ptr<ScanTableSource>> createTableSource(const ObjectIdentifier& identifier,
                                                             const CatalogTable& table,
                                                             const types::LogicalType& physical_type) const;
  const Configuration& session() const { return session_; }

 private:
  Result<Relation> planNamedTable(const TableRef& ref);
  Result<Relation> planView(const ObjectIdentifier& identifier, const CatalogView& view, const std::string& qualifier);

  const CatalogManager& catalogs_;
  bool draw_abstract_syntax_tree_ = false;
  const Configuration& session_;
  const FactoryRegistry& factories_;
  // WITH lists in scope, innermost last.
  std::vector<std::map<std::string, const CommonTableExpression*>> cte_scopes_;
};

}  // namespace eddy::sql
