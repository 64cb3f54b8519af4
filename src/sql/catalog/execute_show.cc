#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sql/catalog/show_create.h"
#include "sql/catalog/statement_executor.h"

// SHOW and DESCRIBE of StatementExecutor: result tables with Flink's column names.

namespace eddy::sql {

namespace {

// SQL LIKE with % and _, case-sensitive, as Flink's SHOW ... LIKE.
bool likeMatches(std::string_view text, std::string_view pattern) {
  if (pattern.empty()) return text.empty();
  if (pattern[0] == '%') {
    for (size_t i = 0; i <= text.size(); ++i) {
      if (likeMatches(text.substr(i), pattern.substr(1))) return true;
    }
    return false;
  }
  if (text.empty()) return false;
  if (pattern[0] != '_' && pattern[0] != text[0]) return false;
  return likeMatches(text.substr(1), pattern.substr(1));
}

TableResult singleColumn(std::string column, const std::vector<std::string>& values, const Show& show) {
  TableResult result{TableResult::Kind::kSuccessWithContent, {std::move(column)}, {}};
  for (const std::string& value : values) {
    if (show.like && likeMatches(value, *show.like) == show.not_like) continue;
    result.rows.push_back({value});
  }
  return result;
}

}  // namespace

Result<TableResult> StatementExecutor::show(const Show& show) {
  std::string catalog = catalog_manager_.getCurrentCatalog();
  std::string database = catalog_manager_.getCurrentDatabase();
  if (show.kind == Show::Kind::kTables || show.kind == Show::Kind::kViews) {
    if (show.name.size() == 2) catalog = show.name[0];
    if (!show.name.empty()) database = show.name.back();
  }
  switch (show.kind) {
    case Show::Kind::kCatalogs:
      return singleColumn("catalog name", catalog_manager_.listCatalogs(), show);
    case Show::Kind::kCurrentCatalog:
      return singleColumn("current catalog name", {catalog}, show);
    case Show::Kind::kCurrentDatabase:
      return singleColumn("current database name", {database}, show);
    case Show::Kind::kDatabases:
      return singleColumn("database name", catalog_manager_.getCatalog(catalog)->listDatabases(), show);
    case Show::Kind::kTables: {
      EDDY_ASSIGN_OR_RETURN(std::vector<std::string> tables, catalog_manager_.listTables(catalog, database));
      return singleColumn("table name", tables, show);
    }
    case Show::Kind::kViews: {
      EDDY_ASSIGN_OR_RETURN(std::vector<std::string> views, catalog_manager_.listViews(catalog, database));
      return singleColumn("view name", views, show);
    }
    case Show::Kind::kCreateTable:
      return showCreateTable(show);
    default:
      return NotSupported("This SHOW statement in the catalog executor");
  }
}

Result<TableResult> StatementExecutor::showCreateTable(const Show& show) {
  EDDY_ASSIGN_OR_RETURN(ObjectIdentifier identifier, catalog_manager_.qualifyIdentifier(show.name));
  std::optional<ContextResolvedTable> found = catalog_manager_.getTable(identifier);
  if (!found) {
    return NotFound(fmt::format("Could not execute SHOW CREATE TABLE. Table with identifier {} does not exist.",
                                identifier.asSerializableString()));
  }
  if (isView(*found->table)) {
    return InvalidArgument(fmt::format(
        "SHOW CREATE TABLE is only supported for tables, but {} is a view. Please use SHOW CREATE VIEW instead.",
        identifier.asSerializableString()));
  }
  const std::string text =
      buildShowCreateTableRow(std::get<CatalogTable>(*found->table), identifier, found->temporary);
  return TableResult{TableResult::Kind::kSuccessWithContent, {"result"}, {{text}}};
}

Result<TableResult> StatementExecutor::describe(const Describe& describe) {
  EDDY_ASSIGN_OR_RETURN(ObjectIdentifier identifier, catalog_manager_.qualifyIdentifier(describe.name));
  std::optional<ContextResolvedTable> found = catalog_manager_.getTable(identifier);
  if (!found) {
    return NotFound(fmt::format("Tables or views with the identifier '{}' doesn't exist.", identifier.asSummaryString()));
  }
  if (isView(*found->table)) return NotSupported("DESCRIBE of a view (its schema comes from the planner)");
  const CatalogTable& table = std::get<CatalogTable>(*found->table);
  std::optional<std::string> key;
  if (table.primary_key) key = fmt::format("PRI({})", fmt::join(table.primary_key->columns, ", "));
  TableResult result{TableResult::Kind::kSuccessWithContent, {"name", "type", "null", "key", "extras", "watermark"}, {}};
  for (const CatalogColumn& column : table.columns) {
    bool in_key = false;
    if (table.primary_key) {
      for (const std::string& name : table.primary_key->columns) in_key |= name == column.name;
    }
    std::optional<std::string> watermark;
    if (table.watermark && table.watermark->rowtime_attribute == column.name) watermark = table.watermark->expression;
    result.rows.push_back({column.name, column.type.nullable().asSummaryString(),
                           column.type.isNullable() ? "TRUE" : "FALSE", in_key ? key : std::nullopt,
                           column.explainExtras(), watermark});
  }
  return result;
}

}  // namespace eddy::sql
