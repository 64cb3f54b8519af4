#include "sql/catalog/statement_executor.h"

#include <fmt/format.h>

#include "sql/catalog/table_from_ddl.h"

namespace eddy::sql {

StatementExecutor::StatementExecutor(CatalogManager& catalog_manager, Configuration& session, Configuration defaults)
    : catalog_manager_(catalog_manager), session_(session), defaults_(std::move(defaults)) {}

Result<TableResult> StatementExecutor::execute(const Statement& statement) {
  return std::visit(
      [&](const auto& node) -> Result<TableResult> {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, CreateTable>) return createTable(node);
        else if constexpr (std::is_same_v<Node, CreateView>) return createView(node);
        else if constexpr (std::is_same_v<Node, DropObject>) return drop(node);
        else if constexpr (std::is_same_v<Node, AlterTable>) return alterTable(node);
        else if constexpr (std::is_same_v<Node, Show>) return show(node);
        else if constexpr (std::is_same_v<Node, Describe>) return describe(node);
        else if constexpr (std::is_same_v<Node, Use>) return use(node);
        else if constexpr (std::is_same_v<Node, SetStatement>) return set(node);
        else if constexpr (std::is_same_v<Node, ResetStatement>) return reset(node);
        else if constexpr (std::is_same_v<Node, CreateFunction>) return NotSupported("CREATE FUNCTION");
        else return NotSupported("Executing queries, INSERT, EXPLAIN and statement sets in the catalog executor");
      },
      statement.node);
}

Result<TableResult> StatementExecutor::createTable(const CreateTable& ddl) {
  EDDY_ASSIGN_OR_RETURN(ObjectIdentifier identifier, catalog_manager_.qualifyIdentifier(ddl.name));
  EDDY_ASSIGN_OR_RETURN(CatalogTable table, tableFromDdl(ddl));
  if (ddl.temporary) {
    EDDY_RETURN_IF_ERROR(catalog_manager_.createTemporaryTable(std::move(table), identifier, ddl.if_not_exists));
  } else {
    EDDY_RETURN_IF_ERROR(catalog_manager_.createTable(std::move(table), identifier, ddl.if_not_exists));
  }
  return TableResult::ok();
}

Result<TableResult> StatementExecutor::createView(const CreateView& ddl) {
  EDDY_ASSIGN_OR_RETURN(ObjectIdentifier identifier, catalog_manager_.qualifyIdentifier(ddl.name));
  if (ddl.temporary) {
    EDDY_RETURN_IF_ERROR(catalog_manager_.createTemporaryTable(viewFromDdl(ddl), identifier, ddl.if_not_exists));
  } else {
    EDDY_RETURN_IF_ERROR(catalog_manager_.createTable(viewFromDdl(ddl), identifier, ddl.if_not_exists));
  }
  return TableResult::ok();
}

Result<TableResult> StatementExecutor::drop(const DropObject& drop) {
  if (drop.object == ObjectKind::kFunction) return NotSupported("DROP FUNCTION");
  EDDY_ASSIGN_OR_RETURN(ObjectIdentifier identifier, catalog_manager_.qualifyIdentifier(drop.name));
  const bool view = drop.object == ObjectKind::kView;
  if (drop.temporary) {
    EDDY_RETURN_IF_ERROR(catalog_manager_.dropTemporaryTable(identifier, view, drop.if_exists));
  } else {
    EDDY_RETURN_IF_ERROR(catalog_manager_.dropTable(identifier, view, drop.if_exists));
  }
  return TableResult::ok();
}

Result<TableResult> StatementExecutor::alterTable(const AlterTable& alter) {
  EDDY_ASSIGN_OR_RETURN(ObjectIdentifier identifier, catalog_manager_.qualifyIdentifier(alter.name));
  std::optional<ContextResolvedTable> found = catalog_manager_.getTable(identifier);
  if (!found || found->temporary || isView(*found->table)) {
    if (alter.if_exists) return TableResult::ok();
    return InvalidArgument(
        fmt::format("Table {} doesn't exist or is a temporary table.", identifier.asSerializableString()));
  }
  switch (alter.action) {
    case AlterTable::Action::kRename: {
      EDDY_ASSIGN_OR_RETURN(ObjectIdentifier target, catalog_manager_.qualifyIdentifier(alter.new_name));
      if (target.catalog != identifier.catalog || target.database != identifier.database) {
        return InvalidArgument(fmt::format("The catalog name and database name of the new table name {} must "
                                           "be the same as those of the old table name {}.",
                                           target.asSerializableString(), identifier.asSerializableString()));
      }
      EDDY_RETURN_IF_ERROR(catalog_manager_.renameTable(identifier, target.object));
      return TableResult::ok();
    }
    case AlterTable::Action::kSet: {
      CatalogTable table = std::get<CatalogTable>(*found->table);
      for (const SqlOption& option : alter.options) table.options.insert_or_assign(option.key, option.value);
      EDDY_RETURN_IF_ERROR(catalog_manager_.alterTable(std::move(table), identifier));
      return TableResult::ok();
    }
    case AlterTable::Action::kReset: {
      CatalogTable table = std::get<CatalogTable>(*found->table);
      for (const std::string& key : alter.reset_keys) {
        if (key.empty()) return InvalidArgument("ALTER TABLE RESET does not support empty key");
        if (key == "connector") return InvalidArgument("ALTER TABLE RESET does not support changing 'connector'");
        table.options.erase(key);
      }
      EDDY_RETURN_IF_ERROR(catalog_manager_.alterTable(std::move(table), identifier));
      return TableResult::ok();
    }
  }
  return Internal("unknown ALTER TABLE action");
}

Result<TableResult> StatementExecutor::use(const Use& use) {
  if (use.catalog) {
    EDDY_RETURN_IF_ERROR(catalog_manager_.setCurrentCatalog(use.name[0]));
  } else if (use.name.size() == 2) {
    EDDY_RETURN_IF_ERROR(catalog_manager_.setCurrentCatalog(use.name[0]));
    EDDY_RETURN_IF_ERROR(catalog_manager_.setCurrentDatabase(use.name[1]));
  } else {
    EDDY_RETURN_IF_ERROR(catalog_manager_.setCurrentDatabase(use.name[0]));
  }
  return TableResult::ok();
}

Result<TableResult> StatementExecutor::set(const SetStatement& set) {
  if (set.key) {
    session_.setString(*set.key, set.value.value_or(""));
    return TableResult::ok();
  }
  TableResult result{TableResult::Kind::kSuccessWithContent, {"key", "value"}, {}};
  for (const auto& [key, value] : session_.toLoggableMap()) result.rows.push_back({key, value});
  return result;
}

Result<TableResult> StatementExecutor::reset(const ResetStatement& reset) {
  if (!reset.key) {
    session_ = defaults_;
    return TableResult::ok();
  }
  Configuration restored;
  for (const auto& [key, value] : session_.toMap()) {
    if (key != *reset.key) restored.setString(key, value);
  }
  if (std::optional<std::string> value = defaults_.getString(*reset.key)) restored.setString(*reset.key, *value);
  session_ = std::move(restored);
  return TableResult::ok();
}

}  // namespace eddy::sql
