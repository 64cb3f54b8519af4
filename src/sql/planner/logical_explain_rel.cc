#include "sql/planner/logical_explain_rel.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <utility>

#include "eddy/types/data_types.h"
#include "sql/parser/sql_parser.h"
#include "sql/planner/logical_explain_digest.h"
#include "sql/planner/plan_builder.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;

namespace {

std::vector<LogicalType> fieldTypes(const LogicalType& row_type) {
  std::vector<LogicalType> types;
  for (size_t i = 0; i < row_type.fieldCount(); ++i) types.push_back(row_type.typeAt(i));
  return types;
}

LogicalType rowOf(const std::vector<std::string>& names, const std::vector<LogicalType>& types) {
  std::vector<types::RowField> fields;
  for (size_t i = 0; i < names.size(); ++i) fields.push_back(DataTypes::FIELD(names[i], types[i]));
  return DataTypes::ROW(std::move(fields));
}

// The forced identity projection Calcite puts over a table read as a query (TABLE t, SELECT *).
LogicalRel identityProject(LogicalRel input) {
  std::vector<std::string> exprs;
  for (size_t i = 0; i < input.row_type.fieldCount(); ++i) exprs.push_back("$" + std::to_string(i));
  const std::vector<std::string> names = input.row_type.fieldNames();
  const std::vector<LogicalType> types = fieldTypes(input.row_type);
  std::vector<std::string> qualifiers = input.qualifiers;
  LogicalRel out = logicalProject(std::move(input), exprs, types, names);
  out.qualifiers = std::move(qualifiers);
  return out;
}

// Calcite's RelFieldCollation#shortString under Flink's defaults (ASC NULLS FIRST, DESC
// NULLS LAST): the default null direction of Calcite (ASC last, DESC first) prints bare.
std::string sortDirection(const OrderItem& item) {
  const bool desc = item.direction == OrderItem::Direction::kDesc;
  const bool nulls_first = item.null_order == OrderItem::NullOrder::kDefault
                               ? !desc
                               : item.null_order == OrderItem::NullOrder::kFirst;
  if (desc) return nulls_first ? "DESC" : "DESC-nulls-last";
  return nulls_first ? "ASC-nulls-first" : "ASC";
}

}  // namespace

std::string upperCase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

LogicalRelNodePtr logicalNode(std::string description, LogicalRelNodePtr input) {
  auto node = std::make_unique<LogicalRelNode>();
  node->description = std::move(description);
  if (input) node->inputs.push_back(std::move(input));
  return node;
}

LogicalRel logicalProject(LogicalRel input, const std::vector<std::string>& exprs,
                          const std::vector<LogicalType>& types, std::vector<std::string> names) {
  std::vector<std::string> items;
  for (size_t i = 0; i < exprs.size(); ++i) items.push_back(names[i] + "=[" + exprs[i] + "]");
  LogicalRel out;
  out.node = logicalNode(fmt::format("LogicalProject({})", fmt::join(items, ", ")), std::move(input.node));
  out.row_type = rowOf(names, types);
  out.names = std::move(names);
  out.qualifiers.assign(exprs.size(), "");
  return out;
}

LogicalRel joinedRow(const LogicalRel& left, const LogicalRel& right, bool right_nullable) {
  LogicalRel out;
  out.names = left.names;
  out.names.insert(out.names.end(), right.names.begin(), right.names.end());
  out.qualifiers = left.qualifiers;
  out.qualifiers.insert(out.qualifiers.end(), right.qualifiers.begin(), right.qualifiers.end());
  std::vector<std::string> field_names = left.row_type.fieldNames();
  for (const std::string& name : right.row_type.fieldNames()) field_names.push_back(name);
  uniquifyNames(field_names);
  std::vector<LogicalType> types = fieldTypes(left.row_type);
  for (const LogicalType& type : fieldTypes(right.row_type)) types.push_back(right_nullable ? type.nullable() : type);
  out.row_type = rowOf(field_names, types);
  return out;
}

LogicalRel logicalFilter(LogicalRel input, const std::string& condition) {
  input.node = logicalNode("LogicalFilter(condition=[" + condition + "])", std::move(input.node));
  return input;
}

Result<BoundExprPtr> LogicalRelBuilder::bind(const Expr& expr, const LogicalRel& rel,
                                             const ExpressionBinder::NodeResolver& extra) const {
  ExpressionBinder binder(rel.row_type, [&](const Expr& node) -> std::optional<Result<BoundExprPtr>> {
    if (extra) {
      if (std::optional<Result<BoundExprPtr>> resolved = extra(node)) return resolved;
    }
    if (node.kind != ExprKind::kIdentifier || node.names.empty() || node.names.size() > 2) return std::nullopt;
    for (size_t i = 0; i < rel.names.size(); ++i) {
      if (rel.names[i] != node.names.back()) continue;
      if (node.names.size() == 2 && rel.qualifiers[i] != node.names[0]) continue;
      return BoundExpr::inputRef(static_cast<int>(i), rel.row_type.typeAt(i), node.position);
    }
    return std::nullopt;
  });
  return binder.bind(expr);
}

Result<LogicalRel> LogicalRelBuilder::query(const Query& query) {
  std::map<std::string, const CommonTableExpression*> scope;
  for (const CommonTableExpression& cte : query.with) scope[cte.name] = &cte;
  const bool pushed = !scope.empty();
  if (pushed) ctes_.push_back(std::move(scope));
  Result<LogicalRel> result = !query.order_by.empty() || query.offset || query.fetch ? orderBy(query) : body(query, {});
  if (pushed) ctes_.pop_back();
  return result;
}

Result<LogicalRel> LogicalRelBuilder::body(const Query& query, const std::vector<const Expr*>& extra) {
  switch (query.kind) {
    case QueryKind::kSelect: return select(*query.select, extra);
    case QueryKind::kValues: return values(query);
    case QueryKind::kNested: return this->query(*query.left);
    case QueryKind::kSetOperation: break;
  }
  EDDY_ASSIGN_OR_RETURN(LogicalRel left, this->query(*query.left));
  EDDY_ASSIGN_OR_RETURN(LogicalRel right, this->query(*query.right));
  const char* name = query.set_operator == SetOperator::kUnion       ? "LogicalUnion"
                     : query.set_operator == SetOperator::kIntersect ? "LogicalIntersect"
                                                                     : "LogicalMinus";
  LogicalRel out;
  out.node = logicalNode(fmt::format("{}(all=[{}])", name, query.all));
  out.node->inputs.push_back(std::move(left.node));
  out.node->inputs.push_back(std::move(right.node));
  out.row_type = left.row_type;
  out.names = left.row_type.fieldNames();
  out.qualifiers.assign(out.names.size(), "");
  return out;
}

Result<LogicalRel> LogicalRelBuilder::orderBy(const Query& query) {
  EDDY_ASSIGN_OR_RETURN(LogicalRel rel, body(query, {}));
  const size_t visible = rel.row_type.fieldCount();
  // An ORDER BY item is a select item (by name or ordinal) or, in a SELECT, an expression
  // projected after the select items and removed again above the sort.
  std::vector<int> keys;
  std::vector<const Expr*> extra;
  for (const OrderItem& item : query.order_by) {
    const Expr& expr = *item.expr;
    int key = -1;
    if (expr.kind == ExprKind::kIdentifier && expr.names.size() == 1) key = rel.row_type.fieldIndex(expr.names[0]);
    if (expr.kind == ExprKind::kLiteral && expr.literal_kind == LiteralKind::kExactNumeric) {
      const long ordinal = std::strtol(expr.text.c_str(), nullptr, 10);
      if (ordinal >= 1 && ordinal <= static_cast<long>(visible)) key = static_cast<int>(ordinal - 1);
    }
    if (key < 0) {
      if (query.kind != QueryKind::kSelect) return NotSupported("ORDER BY an expression of a set operation");
      key = static_cast<int>(visible + extra.size());
      extra.push_back(&expr);
    }
    keys.push_back(key);
  }
  if (!extra.empty()) {
    EDDY_ASSIGN_OR_RETURN(rel, select(*query.select, extra));
  }
  std::vector<std::string> terms;
  for (size_t i = 0; i < keys.size(); ++i) terms.push_back(fmt::format("sort{}=[${}]", i, keys[i]));
  for (size_t i = 0; i < keys.size(); ++i) terms.push_back(fmt::format("dir{}=[{}]", i, sortDirection(query.order_by[i])));
  if (query.offset) terms.push_back("offset=[" + query.offset->text + "]");
  if (query.fetch) terms.push_back("fetch=[" + query.fetch->text + "]");
  rel.node = logicalNode(fmt::format("LogicalSort({})", fmt::join(terms, ", ")), std::move(rel.node));
  if (extra.empty()) return rel;
  std::vector<std::string> exprs;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  for (size_t i = 0; i < visible; ++i) {
    exprs.push_back("$" + std::to_string(i));
    names.push_back(rel.row_type.fields()[i].name);
    types.push_back(rel.row_type.typeAt(i));
  }
  return logicalProject(std::move(rel), exprs, types, names);
}

Result<LogicalRel> LogicalRelBuilder::select(const Select& select, const std::vector<const Expr*>& extra) {
  LogicalRel input;
  if (select.from) {
    EDDY_ASSIGN_OR_RETURN(input, from(*select.from));
  } else {
    // SELECT without FROM reads one row of one column: Calcite's VALUES ((0)).
    input.node = logicalNode("LogicalValues(tuples=[[{ 0 }]])");
    input.row_type = rowOf({"ZERO"}, {DataTypes::INT().notNull()});
    input.names = {"ZERO"};
    input.qualifiers = {""};
  }
  if (select.where) {
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr condition, bind(*select.where, input));
    input = logicalFilter(std::move(input), rexDigest(*condition));
  }
  bool aggregated = !select.group_by.empty() || select.having || select.distinct;
  for (const SelectItem& item : select.items) aggregated |= containsAggregateCall(*item.expr);
  if (aggregated) return aggregate(select, std::move(input), extra);
  return selectItems(select, std::move(input), extra, nullptr, true);
}

Result<LogicalRel> LogicalRelBuilder::from(const TableRef& ref) {
  LogicalRel rel;
  switch (ref.kind) {
    case TableRefKind::kTable: {
      if (ref.system_time) return NotSupported("FOR SYSTEM_TIME AS OF outside a join in the abstract syntax tree");
      EDDY_ASSIGN_OR_RETURN(rel, namedTable(ref));
      break;
    }
    case TableRefKind::kSubquery: {
      if (ref.lateral) return NotSupported("LATERAL subqueries in the abstract syntax tree");
      EDDY_ASSIGN_OR_RETURN(rel, query(*ref.query));
      break;
    }
    case TableRefKind::kTableFunction: {
      EDDY_ASSIGN_OR_RETURN(rel, windowTableFunction(ref));
      break;
    }
    case TableRefKind::kJoin: return join(ref);
    case TableRefKind::kUnnest: return NotSupported("UNNEST in the abstract syntax tree");
  }
  if (ref.alias) rel.qualifiers.assign(rel.names.size(), *ref.alias);
  // AS t(x, y) renames the fields; Calcite adds no node for it.
  if (!ref.column_aliases.empty() && ref.column_aliases.size() == rel.names.size()) {
    rel.row_type = rowOf(ref.column_aliases, fieldTypes(rel.row_type));
    rel.names = ref.column_aliases;
  }
  return rel;
}

Result<LogicalRel> LogicalRelBuilder::namedTable(const TableRef& ref) {
  const std::string qualifier = ref.names.back();
  LogicalRel rel;
  const CommonTableExpression* cte = nullptr;
  if (ref.names.size() == 1) {
    for (auto scope = ctes_.rbegin(); scope != ctes_.rend() && !cte; ++scope) {
      auto it = scope->find(ref.names[0]);
      if (it != scope->end()) cte = it->second;
    }
  }
  if (cte) {
    EDDY_ASSIGN_OR_RETURN(rel, query(*cte->query));
    if (!cte->columns.empty() && cte->columns.size() == rel.names.size()) rel.names = cte->columns;
  } else {
    EDDY_ASSIGN_OR_RETURN(ObjectIdentifier identifier, catalogs_.qualifyIdentifier(ref.names));
    std::optional<ContextResolvedTable> resolved = catalogs_.getTable(identifier);
    if (!resolved) return InvalidArgument("Object '" + identifier.asSummaryString() + "' not found");
    if (const auto* view = std::get_if<CatalogView>(resolved->table)) {
      EDDY_ASSIGN_OR_RETURN(Statement statement, SqlParser::parseStatement(view->query));
      const auto* view_query = std::get_if<QueryStatement>(&statement.node);
      if (!view_query) return InvalidArgument("View '" + identifier.asSummaryString() + "' does not hold a query");
      std::vector<std::map<std::string, const CommonTableExpression*>> saved;
      std::swap(saved, ctes_);
      Result<LogicalRel> planned = query(*view_query->query);
      std::swap(saved, ctes_);
      EDDY_ASSIGN_OR_RETURN(rel, std::move(planned));
    } else {
      EDDY_ASSIGN_OR_RETURN(rel, catalogTable(identifier, std::get<CatalogTable>(*resolved->table)));
    }
  }
  rel.qualifiers.assign(rel.names.size(), qualifier);
  return rel;
}

// Flink's CatalogSourceTable#toRel: a scan of the physical and metadata columns, a projection
// when there are computed columns, and a LogicalWatermarkAssigner for WATERMARK FOR.
Result<LogicalRel> LogicalRelBuilder::catalogTable(const ObjectIdentifier& identifier, const CatalogTable& table) {
  std::vector<std::string> scan_names;
  std::vector<LogicalType> scan_types;
  bool computed = false;
  for (const CatalogColumn& column : table.columns) {
    if (column.kind == CatalogColumn::Kind::kComputed) {
      computed = true;
      continue;
    }
    scan_names.push_back(column.name);
    scan_types.push_back(column.type);
  }
  LogicalRel rel;
  rel.node = logicalNode(fmt::format("LogicalTableScan(table=[[{}, {}, {}]])", identifier.catalog,
                                     identifier.database, identifier.object));
  rel.row_type = rowOf(scan_names, scan_types);
  rel.names = scan_names;
  rel.qualifiers.assign(scan_names.size(), "");
  if (computed) {
    std::vector<std::string> exprs;
    std::vector<std::string> names;
    std::vector<LogicalType> types;
    int scan_index = 0;
    for (const CatalogColumn& column : table.columns) {
      names.push_back(column.name);
      if (column.kind != CatalogColumn::Kind::kComputed) {
        exprs.push_back("$" + std::to_string(scan_index++));
        types.push_back(column.type);
        continue;
      }
      EDDY_ASSIGN_OR_RETURN(ExprPtr parsed, SqlParser::parseExpression(column.expression));
      EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, bind(*parsed, rel));
      exprs.push_back(rexDigest(*bound));
      types.push_back(bound->type);
    }
    rel = logicalProject(std::move(rel), exprs, types, names);
  }
  if (table.watermark) {
    const int rowtime = rel.row_type.fieldIndex(table.watermark->rowtime_attribute);
    if (rowtime < 0) return InvalidArgument("Unknown rowtime attribute " + table.watermark->rowtime_attribute);
    EDDY_ASSIGN_OR_RETURN(ExprPtr parsed, SqlParser::parseExpression(table.watermark->expression));
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr watermark, bind(*parsed, rel));
    rel.node = logicalNode(fmt::format("LogicalWatermarkAssigner(rowtime=[{}], watermark=[{}])",
                                       table.watermark->rowtime_attribute, rexDigest(*watermark)),
                           std::move(rel.node));
    std::vector<LogicalType> types = fieldTypes(rel.row_type);
    types[static_cast<size_t>(rowtime)] = types[static_cast<size_t>(rowtime)].withTimestampKind(types::TimestampKind::ROWTIME);
    rel.row_type = rowOf(rel.row_type.fieldNames(), types);
  }
  return rel;
}

Result<LogicalRel> LogicalRelBuilder::join(const TableRef& ref) {
  if (isCorrelatedJoin(ref)) return correlate(ref);
  if (ref.right->lateral) return NotSupported("LATERAL subqueries in the abstract syntax tree");
  EDDY_ASSIGN_OR_RETURN(LogicalRel left, from(*ref.left));
  EDDY_ASSIGN_OR_RETURN(LogicalRel right, from(*ref.right));
  LogicalRel out = joinedRow(left, right, false);

  std::string condition = "true";
  std::vector<std::string> using_columns = ref.using_columns;
  if (ref.natural) {
    for (const std::string& name : left.names) {
      if (std::find(right.names.begin(), right.names.end(), name) != right.names.end()) using_columns.push_back(name);
    }
  }
  if (ref.condition) {
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, bind(*ref.condition, out));
    condition = rexDigest(*bound);
  } else if (!using_columns.empty()) {
    std::vector<std::string> equalities;
    for (const std::string& name : using_columns) {
      const auto l = std::find(left.names.begin(), left.names.end(), name) - left.names.begin();
      const auto r = std::find(right.names.begin(), right.names.end(), name) - right.names.begin();
      equalities.push_back(fmt::format("=(${}, ${})", l, static_cast<size_t>(r) + left.names.size()));
    }
    condition = equalities.size() == 1 ? equalities[0] : fmt::format("AND({})", fmt::join(equalities, ", "));
  }
  const char* type = ref.join_type == JoinType::kLeft    ? "left"
                     : ref.join_type == JoinType::kRight ? "right"
                     : ref.join_type == JoinType::kFull  ? "full"
                                                         : "inner";
  out.node = logicalNode(fmt::format("LogicalJoin(condition=[{}], joinType=[{}])", condition, type));
  out.node->inputs.push_back(std::move(left.node));
  out.node->inputs.push_back(std::move(right.node));
  return out;
}

// TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), size)) and HOP, CUMULATE, SESSION: Calcite's
// LogicalTableFunctionScan over the table read as a query, appending window_start,
// window_end and window_time.
Result<LogicalRel> LogicalRelBuilder::windowTableFunction(const TableRef& ref) {
  const Expr& call = *ref.call;
  const std::string name = call.names.empty() ? std::string() : upperCase(call.names.back());
  if (call.operands.size() < 3 || call.operands[1]->kind != ExprKind::kDescriptor ||
      call.operands[1]->operands.size() != 1) {
    return NotSupported("table function " + name + " in the abstract syntax tree");
  }
  const Expr& table = *call.operands[0];
  LogicalRel input;
  if (table.kind == ExprKind::kTableArgument) {
    TableRef named(TableRefKind::kTable, table.position);
    named.names = table.names;
    EDDY_ASSIGN_OR_RETURN(input, namedTable(named));
    input = identityProject(std::move(input));
  } else if (table.kind == ExprKind::kScalarSubquery && table.query) {
    EDDY_ASSIGN_OR_RETURN(input, query(*table.query));
  } else {
    return NotSupported("table function " + name + " in the abstract syntax tree");
  }
  EDDY_ASSIGN_OR_RETURN(BoundExprPtr time, bind(*call.operands[1]->operands[0], input));
  std::vector<std::string> arguments{"DESCRIPTOR(" + rexDigest(*time) + ")"};
  for (size_t i = 2; i < call.operands.size(); ++i) {
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr argument, bind(*call.operands[i], input));
    arguments.push_back(rexDigest(*argument));
  }
  std::vector<std::string> names = input.row_type.fieldNames();
  std::vector<LogicalType> types = fieldTypes(input.row_type);
  names.insert(names.end(), {"window_start", "window_end", "window_time"});
  types.push_back(DataTypes::TIMESTAMP(3).notNull());
  types.push_back(DataTypes::TIMESTAMP(3).notNull());
  types.push_back(time->type);
  LogicalRel out;
  out.row_type = rowOf(names, types);
  out.node = logicalNode(fmt::format("LogicalTableFunctionScan(invocation=[{}({})], rowType=[{}])", name,
                                     fmt::join(arguments, ", "), calciteRecordType(out.row_type)),
                         std::move(input.node));
  out.names = std::move(names);
  out.qualifiers.assign(out.names.size(), "");
  return out;
}

Result<LogicalRel> LogicalRelBuilder::values(const Query& query) {
  const LogicalRel empty;
  std::vector<std::vector<BoundExprPtr>> rows;
  for (const ExprPtr& row : query.rows) {
    std::vector<BoundExprPtr> bound;
    if (row->kind == ExprKind::kRow) {
      for (const ExprPtr& operand : row->operands) {
        EDDY_ASSIGN_OR_RETURN(BoundExprPtr value, bind(*operand, empty));
        bound.push_back(std::move(value));
      }
    } else {
      EDDY_ASSIGN_OR_RETURN(BoundExprPtr value, bind(*row, empty));
      bound.push_back(std::move(value));
    }
    if (!rows.empty() && bound.size() != rows[0].size()) return InvalidArgument("VALUES rows of different degrees");
    rows.push_back(std::move(bound));
  }
  std::vector<LogicalType> types;
  std::vector<std::string> names;
  for (size_t c = 0; c < rows[0].size(); ++c) {
    std::vector<LogicalType> column;
    for (const auto& row : rows) column.push_back(row[c]->type);
    EDDY_ASSIGN_OR_RETURN(LogicalType common, commonTypeOf(column, query.position));
    types.push_back(common);
    names.push_back("EXPR$" + std::to_string(c));
  }
  std::vector<std::string> tuples;
  for (const auto& row : rows) {
    std::vector<std::string> literals;
    for (size_t c = 0; c < row.size(); ++c) {
      EDDY_ASSIGN_OR_RETURN(types::Value value, evaluateConstant(*row[c]));
      // A literal of the column's type; Calcite prints CHAR literals of any length bare.
      LogicalType type = types[c].root() == types::LogicalTypeRoot::VARCHAR && row[c]->type.root() == types::LogicalTypeRoot::CHAR
                             ? row[c]->type
                             : types[c];
      literals.push_back(rexDigest(*BoundExpr::literal(std::move(value), std::move(type), {})));
    }
    tuples.push_back("{ " + fmt::format("{}", fmt::join(literals, ", ")) + " }");
  }
  LogicalRel out;
  out.node = logicalNode(fmt::format("LogicalValues(tuples=[[{}]])", fmt::join(tuples, ", ")));
  out.row_type = rowOf(names, types);
  out.names = std::move(names);
  out.qualifiers.assign(out.names.size(), "");
  return out;
}

}  // namespace eddy::sql
