#include "sql/planner/query_planner.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <utility>

#include "eddy/types/data_types.h"
#include "sql/expression/validation_error.h"
#include "sql/parser/sql_parser.h"
#include "sql/planner/changelog_inference.h"
#include "sql/planner/logical_explain.h"
#include "sql/planner/plan_builder.h"
#include "sql/planner/plan_mini_batch.h"
#include "sql/planner/plan_over.h"
#include "sql/planner/plan_rank.h"
#include "sql/planner/plan_sort.h"
#include "sql/planner/plan_sink_metadata.h"
#include "sql/planner/prune_calc_fields.h"
#include "sql/planner/push_filter_into_scan.h"
#include "sql/planner/reduce_expressions.h"
#include "sql/planner/plan_join.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;

QueryPlanner::QueryPlanner(const CatalogManager& catalogs, const Configuration& session,
                           const FactoryRegistry& factories)
    : catalogs_(catalogs), session_(session), factories_(factories) {}

Result<PlanNodePtr> QueryPlanner::planQuery(const Query& query) {
  EDDY_ASSIGN_OR_RETURN(Relation relation, planQueryExpr(query));
  reduceExpressions(*relation.node);
  EDDY_RETURN_IF_ERROR(pushFiltersIntoTableSources(relation.node));
  pruneCalcFields(*relation.node);
  EDDY_RETURN_IF_ERROR(applyMiniBatch(relation.node, session_));
  EDDY_RETURN_IF_ERROR(inferChangelogModes(*relation.node, std::nullopt));
  if (draw_abstract_syntax_tree_) {
    // A query the tree cannot draw still plans: EXPLAIN shows the physical plan instead.
    Result<std::string> ast = abstractSyntaxTree(query, catalogs_);
    if (ast.ok()) relation.node->abstract_syntax_tree = std::move(ast).value();
  }
  return std::move(relation.node);
}

Result<Relation> QueryPlanner::planQueryExpr(const Query& query) {
  std::map<std::string, const CommonTableExpression*> scope;
  for (const CommonTableExpression& cte : query.with) scope[cte.name] = &cte;
  const bool pushed = !scope.empty();
  if (pushed) cte_scopes_.push_back(std::move(scope));
  Result<Relation> result = [&]() -> Result<Relation> {
    switch (query.kind) {
      case QueryKind::kSelect: return planSelect(*query.select);
      case QueryKind::kValues: return planValues(query);
      case QueryKind::kNested: return planQueryExpr(*query.left);
      case QueryKind::kSetOperation: break;
    }
    if (query.set_operator != SetOperator::kUnion || !query.all) return planSetOperation(query);
    EDDY_ASSIGN_OR_RETURN(Relation left, planQueryExpr(*query.left));
    EDDY_ASSIGN_OR_RETURN(Relation right, planQueryExpr(*query.right));
    const LogicalType& lt = left.node->output_type;
    const LogicalType& rt = right.node->output_type;
    bool same = lt.fieldCount() == rt.fieldCount();
    for (size_t i = 0; same && i < lt.fieldCount(); ++i) same = lt.typeAt(i).copy(true) == rt.typeAt(i).copy(true);
    if (!same) {
      return validationError(query.position, "Set operator cannot combine the types of its inputs: " +
                                                 lt.asSummaryString() + " and " + rt.asSummaryString());
    }
    auto node = std::make_unique<PlanNode>(PlanNode::Kind::kUnion);
    node->output_type = lt;
    node->rowtime_field = left.node->rowtime_field == right.node->rowtime_field ? left.node->rowtime_field : -1;
    node->inputs.push_back(std::move(left.node));
    node->inputs.push_back(std::move(right.node));
    return Relation{std::move(node), std::vector<std::string>(lt.fieldCount())};
  }();
  if (pushed) cte_scopes_.pop_back();
  if (result.ok() && (!query.order_by.empty() || query.offset || query.fetch)) {
    return planOrderByLimit(query, std::move(result).value());
  }
  return result;
}

Result<Relation> QueryPlanner::planSelect(const Select& select) {
  Relation input;
  if (select.from) {
    EDDY_ASSIGN_OR_RETURN(input, planFrom(*select.from));
  } else {
    // SELECT without FROM reads one empty row (Calcite's VALUES ((0))).
    auto values = std::make_unique<PlanNode>(PlanNode::Kind::kValues);
    values->output_type = DataTypes::ROW(std::vector<types::RowField>{DataTypes::FIELD("ZERO", DataTypes::INT().notNull())});
    values->rows.push_back(types::Row(types::RowKind::INSERT, {types::Value(int32_t{0})}));
    input = Relation{std::move(values), {""}};
  }
  BoundExprPtr condition;
  if (select.where) {
    EDDY_ASSIGN_OR_RETURN(condition, planWhere(*select.where, input));
  }
  if (condition) {
    if (condition->type.root() != types::LogicalTypeRoot::BOOLEAN) {
      return validationError(select.where->position, "WHERE clause must be a condition");
    }
    EDDY_ASSIGN_OR_RETURN(condition, applyRankFilter(*input.node, std::move(condition)));
    std::vector<BoundExprPtr> refs;
    const LogicalType& type = input.node->output_type;
    for (size_t i = 0; i < type.fieldCount(); ++i) refs.push_back(BoundExpr::inputRef(static_cast<int>(i), type.typeAt(i), {}));
    EDDY_ASSIGN_OR_RETURN(input.node, pushFilterIntoJoin(makeCalc(std::move(input.node), std::move(refs),
                                                                  std::move(condition), type.fieldNames())));
  }
  bool aggregated = !select.group_by.empty() || select.having || select.distinct;
  if (!aggregated) {
    for (const SelectItem& item : select.items) aggregated |= containsAggregateCall(*item.expr);
  }
  if (aggregated) return planAggregate(select, std::move(input));
  for (const SelectItem& item : select.items) {
    if (containsOverCall(*item.expr)) return planOverSelect(select, std::move(input));
  }

  std::vector<BoundExprPtr> projections;
  std::vector<std::string> names;
  std::vector<std::string> qualifiers;
  // Scalar subqueries become fields of the input; * does not show them.
  const size_t visible = input.node->output_type.fieldCount();
  for (const SelectItem& item : select.items) EDDY_RETURN_IF_ERROR(joinScalarSubqueries(*item.expr, input));
  ExpressionBinder binder = relationBinder(input);
  for (size_t i = 0; i < select.items.size(); ++i) {
    const SelectItem& item = select.items[i];
    if (item.expr->kind == ExprKind::kStar) {
      const LogicalType& type = input.node->output_type;
      const std::vector<std::string> input_names = effectiveNames(input);
      bool matched = false;
      for (size_t f = 0; f < visible; ++f) {
        if (!item.expr->names.empty() && input.qualifiers[f] != item.expr->names.back()) continue;
        matched = true;
        projections.push_back(BoundExpr::inputRef(static_cast<int>(f), type.typeAt(f), item.position));
        names.push_back(input_names[f]);
        qualifiers.push_back(input.qualifiers[f]);
      }
      if (!matched && !item.expr->names.empty()) {
        return validationError(item.position, fmt::format("Unknown identifier '{}'", item.expr->names.back()));
      }
      continue;
    }
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.bind(*item.expr));
    projections.push_back(std::move(bound));
    names.push_back(item.alias ? *item.alias : defaultAlias(*item.expr, projections.size() - 1));
    qualifiers.push_back("");
  }
  uniquifyNames(names);
  input.node = makeCalc(std::move(input.node), std::move(projections), nullptr, names);
  input.qualifiers = std::move(qualifiers);
  input.names.clear();
  return input;
}

Result<Relation> QueryPlanner::planFrom(const TableRef& ref) {
  Result<Relation> planned = [&]() -> Result<Relation> {
    switch (ref.kind) {
      case TableRefKind::kTable: return planNamedTable(ref);
      case TableRefKind::kSubquery: {
        if (ref.lateral) break;
        EDDY_ASSIGN_OR_RETURN(Relation sub, planQueryExpr(*ref.query));
        sub.qualifiers.assign(sub.node->output_type.fieldCount(), ref.alias.value_or(""));
        return sub;
      }
      case TableRefKind::kTableFunction: return planWindowTableFunction(ref);
      case TableRefKind::kJoin: return planJoin(ref);
      case TableRefKind::kUnnest: break;
    }
    return NotSupported(fmt::format("At line {}, column {}: joins, LATERAL and UNNEST are not supported yet",
                                    ref.position.line, ref.position.column));
  }();
  EDDY_ASSIGN_OR_RETURN(Relation relation, std::move(planned));
  if (ref.alias) relation.qualifiers.assign(relation.qualifiers.size(), *ref.alias);
  if (!ref.column_aliases.empty()) {
    const LogicalType& type = relation.node->output_type;
    if (ref.column_aliases.size() != type.fieldCount()) {
      return validationError(ref.position, fmt::format("List of column aliases must have same degree as table; table "
                                                       "has {} columns ('{}'), whereas alias list has {} columns",
                                                       type.fieldCount(), fmt::join(type.fieldNames(), "', '"),
                                                       ref.column_aliases.size()));
    }
    std::vector<BoundExprPtr> refs;
    for (size_t i = 0; i < type.fieldCount(); ++i) refs.push_back(BoundExpr::inputRef(static_cast<int>(i), type.typeAt(i), {}));
    relation.node = makeCalc(std::move(relation.node), std::move(refs), nullptr, ref.column_aliases);
    relation.names.clear();
  }
  return relation;
}

Result<Relation> QueryPlanner::planNamedTable(const TableRef& ref) {
  if (ref.system_time) {
    return NotSupported(fmt::format("At line {}, column {}: FOR SYSTEM_TIME AS OF is not supported yet",
                                    ref.position.line, ref.position.column));
  }
  const std::string qualifier = ref.names.back();
  if (ref.names.size() == 1) {
    for (auto scope = cte_scopes_.rbegin(); scope != cte_scopes_.rend(); ++scope) {
      auto it = scope->find(ref.names[0]);
      if (it == scope->end()) continue;
      const CommonTableExpression& cte = *it->second;
      // The CTE's own name is not in scope inside its query (no recursion).
      std::vector<std::map<std::string, const CommonTableExpression*>> saved(cte_scopes_.begin(), scope.base() - 1);
      std::swap(saved, cte_scopes_);
      Result<Relation> planned = planQueryExpr(*cte.query);
      std::swap(saved, cte_scopes_);
      EDDY_ASSIGN_OR_RETURN(Relation relation, std::move(planned));
      if (!cte.columns.empty()) {
        const LogicalType& type = relation.node->output_type;
        if (cte.columns.size() != type.fieldCount()) {
          return validationError(cte.position, "Number of columns must match number of query columns");
        }
        std::vector<BoundExprPtr> refs;
        for (size_t i = 0; i < type.fieldCount(); ++i) refs.push_back(BoundExpr::inputRef(static_cast<int>(i), type.typeAt(i), {}));
        relation.node = makeCalc(std::move(relation.node), std::move(refs), nullptr, cte.columns);
      }
      relation.qualifiers.assign(relation.node->output_type.fieldCount(), qualifier);
      return relation;
    }
  }
  EDDY_ASSIGN_OR_RETURN(ObjectIdentifier identifier, catalogs_.qualifyIdentifier(ref.names));
  std::optional<ContextResolvedTable> resolved = catalogs_.getTable(identifier);
  if (!resolved) {
    std::string within = ref.names.size() == 1 ? identifier.catalog + "." + identifier.database
                         : ref.names.size() == 2 ? identifier.catalog
                                                 : std::string();
    std::string message = within.empty() ? fmt::format("Object '{}' not found", fmt::join(ref.names, "."))
                                         : fmt::format("Object '{}' not found within '{}'", ref.names.back(), within);
    if (ref.names.size() == 2) message = fmt::format("Object '{}' not found within '{}'", ref.names.back(), within + "." + ref.names[0]);
    return validationError(ref.position, message);
  }
  if (const auto* view = std::get_if<CatalogView>(resolved->table)) return planView(identifier, *view, qualifier);
  return planCatalogTable(identifier, std::get<CatalogTable>(*resolved->table), qualifier);
}

Result<Relation> QueryPlanner::planView(const ObjectIdentifier& identifier, const CatalogView& view,
                                        const std::string& qualifier) {
  EDDY_ASSIGN_OR_RETURN(Statement statement, SqlParser::parseStatement(view.query));
  auto* query = std::get_if<QueryStatement>(&statement.node);
  if (!query) return InvalidArgument("View '" + identifier.asSummaryString() + "' does not hold a query");
  // A view's query is resolved in its own scope, not the referencing query's CTEs.
  std::vector<std::map<std::string, const CommonTableExpression*>> saved;
  std::swap(saved, cte_scopes_);
  Result<Relation> planned = planQueryExpr(*query->query);
  std::swap(saved, cte_scopes_);
  EDDY_ASSIGN_OR_RETURN(Relation relation, std::move(planned));
  if (!view.column_names.empty() && view.column_names.size() == relation.node->output_type.fieldCount()) {
    const LogicalType& type = relation.node->output_type;
    std::vector<BoundExprPtr> refs;
    for (size_t i = 0; i < type.fieldCount(); ++i) refs.push_back(BoundExpr::inputRef(static_cast<int>(i), type.typeAt(i), {}));
    relation.node = makeCalc(std::move(relation.node), std::move(refs), nullptr, view.column_names);
  }
  // The plan of a view's query is owned by this relation; the statement dies here.
  relation.qualifiers.assign(relation.node->output_type.fieldCount(), qualifier);
  return relation;
}

Result<Relation> QueryPlanner::planValues(const Query& query) {
  auto node = std::make_unique<PlanNode>(PlanNode::Kind::kValues);
  ExpressionBinder binder(DataTypes::ROW(std::vector<types::RowField>{}));
  std::vector<std::vector<BoundExprPtr>> rows;
  for (const ExprPtr& row : query.rows) {
    std::vector<BoundExprPtr> bound;
    if (row->kind == ExprKind::kRow) {
      for (const ExprPtr& operand : row->operands) {
        EDDY_ASSIGN_OR_RETURN(BoundExprPtr value, binder.bind(*operand));
        bound.push_back(std::move(value));
      }
    } else {
      EDDY_ASSIGN_OR_RETURN(BoundExprPtr value, binder.bind(*row));
      bound.push_back(std::move(value));
    }
    if (!rows.empty() && bound.size() != rows[0].size()) {
      return validationError(row->position, "Values passed to VALUES operator must have compatible types");
    }
    rows.push_back(std::move(bound));
  }
  // Column types: the least restrictive type of each column (Calcite's VALUES type).
  std::vector<LogicalType> types;
  for (size_t c = 0; c < rows[0].size(); ++c) {
    std::vector<LogicalType> column;
    for (const auto& row : rows) column.push_back(row[c]->type);
    EDDY_ASSIGN_OR_RETURN(LogicalType common, commonTypeOf(column, query.rows[0]->position));
    types.push_back(common);
  }
  std::vector<types::RowField> fields;
  for (size_t c = 0; c < types.size(); ++c) fields.push_back(DataTypes::FIELD("EXPR$" + std::to_string(c), types[c]));
  node->output_type = DataTypes::ROW(std::move(fields));
  for (auto& row : rows) {
    std::vector<types::Value> values;
    for (size_t c = 0; c < row.size(); ++c) {
      EDDY_ASSIGN_OR_RETURN(types::Value value, evaluateConstant(*binder::castTo(std::move(row[c]), types[c])));
      values.push_back(std::move(value));
    }
    node->rows.emplace_back(types::RowKind::INSERT, std::move(values));
  }
  return Relation{std::move(node), std::vector<std::string>(types.size())};
}

Result<PlanNodePtr> QueryPlanner::planInsert(const Insert& insert) {
  EDDY_ASSIGN_OR_RETURN(ObjectIdentifier identifier, catalogs_.qualifyIdentifier(insert.table));
  std::optional<ContextResolvedTable> resolved = catalogs_.getTable(identifier);
  if (!resolved) {
    return validationError(insert.position, fmt::format("Object '{}' not found within '{}.{}'", insert.table.back(),
                                                        identifier.catalog, identifier.database));
  }
  const auto* table = std::get_if<CatalogTable>(resolved->table);
  if (!table) return InvalidArgument("View '" + identifier.asSummaryString() + "' cannot be written to");
  if (!insert.columns.empty() || !insert.partition.empty()) {
    return NotSupported(fmt::format("At line {}, column {}: INSERT with a column list or PARTITION is not supported yet",
                                    insert.position.line, insert.position.column));
  }
  EDDY_ASSIGN_OR_RETURN(Relation query, planQueryExpr(*insert.query));
  std::vector<types::RowField> physical_fields;
  for (const CatalogColumn& column : table->columns) {
    if (column.kind == CatalogColumn::Kind::kPhysical) physical_fields.push_back(DataTypes::FIELD(column.name, column.type));
  }
  const LogicalType physical_type = DataTypes::ROW(physical_fields);
  const LogicalType sink_type = persistedRowType(*table);
  std::string enforcer = session_.getString("table.exec.sink.type-length-enforcer", "IGNORE");
  std::transform(enforcer.begin(), enforcer.end(), enforcer.begin(), [](unsigned char c) { return std::toupper(c); });
  if (enforcer != "IGNORE" && enforcer != "TRIM_PAD") {
    return InvalidArgument(fmt::format(
        "Could not parse value '{}' for key 'table.exec.sink.type-length-enforcer'. Possible values: [IGNORE, TRIM_PAD]",
        session_.getString("table.exec.sink.type-length-enforcer", "")));
  }
  EDDY_ASSIGN_OR_RETURN(query.node,
                        castToSinkType(std::move(query.node), sink_type, identifier, enforcer == "TRIM_PAD"));

  DynamicTableContext context{identifier, *table, physical_type, session_, resolved->temporary};
  auto connector = table->options.find("connector");
  if (connector == table->options.end()) {
    return InvalidArgument("Table options do not contain an option key 'connector' for discovering a connector.");
  }
  EDDY_ASSIGN_OR_RETURN(const DynamicTableSinkFactory* factory, factories_.sinkFactory(connector->second));
  Result<std::unique_ptr<DynamicTableSink>> sink = factory->createDynamicTableSink(context);
  if (!sink.ok()) {
    return InvalidArgument(fmt::format("Unable to create a sink for writing table '{}'.\n\nTable options are:\n\n{}\n\n{}",
                                       identifier.asSummaryString(), printOptions(table->options),
                                       sink.status().message()));
  }
  auto node = std::make_unique<PlanNode>(PlanNode::Kind::kSink);
  node->sink = std::move(sink).value();
  node->sink_table = identifier;
  EDDY_ASSIGN_OR_RETURN(query.node, pushMetadataProjection(std::move(query.node), *table, identifier, *node->sink));
  node->output_type = query.node->output_type;
  node->inputs.push_back(std::move(query.node));
  reduceExpressions(*node);
  EDDY_RETURN_IF_ERROR(pushFiltersIntoTableSources(node->inputs[0]));
  pruneCalcFields(*node);
  EDDY_RETURN_IF_ERROR(applyMiniBatch(node, session_));
  EDDY_RETURN_IF_ERROR(inferChangelogModes(*node, std::nullopt));
  if (draw_abstract_syntax_tree_) {
    Result<std::string> ast = abstractSyntaxTree(insert, identifier, catalogs_);
    if (ast.ok()) node->abstract_syntax_tree = std::move(ast).value();
  }
  return node;
}

}  // namespace eddy::sql
