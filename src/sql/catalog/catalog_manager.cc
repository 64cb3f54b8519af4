#include "sql/catalog/catalog_manager.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace eddy::sql {

CatalogManager::CatalogManager()
    : current_catalog_(kBuiltinCatalogName), current_database_(kBuiltinDatabaseName) {
  catalogs_.emplace(kBuiltinCatalogName,
                    std::make_unique<GenericInMemoryCatalog>(kBuiltinCatalogName, kBuiltinDatabaseName));
}

Status CatalogManager::registerCatalog(std::unique_ptr<GenericInMemoryCatalog> catalog) {
  const std::string name = catalog->name();
  if (catalogs_.contains(name)) return AlreadyExists(fmt::format("Catalog {} already exists.", name));
  catalogs_.emplace(name, std::move(catalog));
  return Status::OK();
}

GenericInMemoryCatalog* CatalogManager::getCatalog(const std::string& name) const {
  auto it = catalogs_.find(name);
  return it == catalogs_.end() ? nullptr : it->second.get();
}

std::vector<std::string> CatalogManager::listCatalogs() const {
  std::vector<std::string> names;
  for (const auto& [name, catalog] : catalogs_) names.push_back(name);
  return names;
}

Status CatalogManager::setCurrentCatalog(const std::string& name) {
  GenericInMemoryCatalog* catalog = getCatalog(name);
  if (catalog == nullptr) return NotFound(fmt::format("A catalog with name [{}] does not exist.", name));
  current_catalog_ = name;
  current_database_ = catalog->defaultDatabase();
  return Status::OK();
}

Status CatalogManager::setCurrentDatabase(const std::string& name) {
  if (!getCatalog(current_catalog_)->databaseExists(name)) {
    return NotFound(fmt::format("A database with name [{}] does not exist in the catalog: [{}].", name,
                                current_catalog_));
  }
  current_database_ = name;
  return Status::OK();
}

Result<ObjectIdentifier> CatalogManager::qualifyIdentifier(const std::vector<std::string>& names) const {
  switch (names.size()) {
    case 1:
      return ObjectIdentifier{current_catalog_, current_database_, names[0]};
    case 2:
      return ObjectIdentifier{current_catalog_, names[0], names[1]};
    case 3:
      return ObjectIdentifier{names[0], names[1], names[2]};
    default: {
      std::string joined;
      for (const std::string& name : names) joined += (joined.empty() ? "" : ".") + escapeIdentifier(name);
      return InvalidArgument(fmt::format(
          "Object identifier {} has {} parts; expected [[catalog.]database.]object", joined, names.size()));
    }
  }
}

std::optional<ContextResolvedTable> CatalogManager::getTable(const ObjectIdentifier& identifier) const {
  if (auto it = temporary_tables_.find(identifier); it != temporary_tables_.end()) {
    return ContextResolvedTable{identifier, &it->second, true};
  }
  GenericInMemoryCatalog* catalog = getCatalog(identifier.catalog);
  if (catalog == nullptr) return std::nullopt;
  const CatalogBaseTable* table = catalog->getTable(identifier.database, identifier.object);
  if (table == nullptr) return std::nullopt;
  return ContextResolvedTable{identifier, table, false};
}

template <typename Command>
Status CatalogManager::execute(const ObjectIdentifier& identifier, const char* name, Command command) {
  GenericInMemoryCatalog* catalog = getCatalog(identifier.catalog);
  if (catalog == nullptr) return NotFound(fmt::format("Catalog {} does not exist.", identifier.catalog));
  Status status = command(*catalog);
  if (status.ok()) return status;
  return status.withContext(
      fmt::format("Could not execute {} in path {}", name, identifier.asSerializableString()));
}

Status CatalogManager::createTable(CatalogBaseTable table, const ObjectIdentifier& identifier,
                                   bool ignore_if_exists) {
  return execute(identifier, "CreateTable", [&](GenericInMemoryCatalog& catalog) {
    return catalog.createTable(identifier.database, identifier.object, std::move(table), ignore_if_exists);
  });
}

Status CatalogManager::createTemporaryTable(CatalogBaseTable table, const ObjectIdentifier& identifier,
                                            bool ignore_if_exists) {
  if (temporary_tables_.contains(identifier)) {
    if (ignore_if_exists) return Status::OK();
    return AlreadyExists(
        fmt::format("Temporary table '{}' already exists", identifier.asSerializableString()));
  }
  temporary_tables_.emplace(identifier, std::move(table));
  return Status::OK();
}

Status CatalogManager::dropTable(const ObjectIdentifier& identifier, bool view, bool ignore_if_not_exists) {
  const char* kind = view ? "view" : "table";
  if (auto it = temporary_tables_.find(identifier); it != temporary_tables_.end() && isView(it->second) == view) {
    return InvalidArgument(fmt::format(
        "Temporary {} with identifier '{}' exists. Drop it first before removing the permanent {}.", kind,
        identifier.asSerializableString(), kind));
  }
  GenericInMemoryCatalog* catalog = getCatalog(identifier.catalog);
  const CatalogBaseTable* table =
      catalog == nullptr ? nullptr : catalog->getTable(identifier.database, identifier.object);
  if (table != nullptr && isView(*table) == view) {
    return execute(identifier, view ? "DropView" : "DropTable", [&](GenericInMemoryCatalog& c) {
      return c.dropTable(identifier.database, identifier.object, ignore_if_not_exists);
    });
  }
  if (ignore_if_not_exists) return Status::OK();
  return NotFound(fmt::format("{} with identifier '{}' does not exist.", view ? "View" : "Table",
                              identifier.asSummaryString()));
}

Status CatalogManager::dropTemporaryTable(const ObjectIdentifier& identifier, bool view,
                                          bool ignore_if_not_exists) {
  auto it = temporary_tables_.find(identifier);
  if (it != temporary_tables_.end() && isView(it->second) == view) {
    temporary_tables_.erase(it);
    return Status::OK();
  }
  if (ignore_if_not_exists) return Status::OK();
  return NotFound(fmt::format("Temporary table or view with identifier '{}' does not exist.",
                              identifier.asSummaryString()));
}

Status CatalogManager::alterTable(CatalogBaseTable table, const ObjectIdentifier& identifier) {
  return execute(identifier, "AlterTable", [&](GenericInMemoryCatalog& catalog) {
    return catalog.alterTable(identifier.database, identifier.object, std::move(table));
  });
}

Status CatalogManager::renameTable(const ObjectIdentifier& identifier, const std::string& new_name) {
  return execute(identifier, "RenameTable", [&](GenericInMemoryCatalog& catalog) {
    return catalog.renameTable(identifier.database, identifier.object, new_name);
  });
}

Result<std::vector<std::string>> CatalogManager::listTables(const std::string& catalog_name,
                                                            const std::string& database) const {
  GenericInMemoryCatalog* catalog = getCatalog(catalog_name);
  if (catalog == nullptr) return NotFound(fmt::format("Catalog {} does not exist", catalog_name));
  Result<std::vector<std::string>> permanent = catalog->listTables(database);
  if (!permanent.ok()) return NotFound(fmt::format("Database {} does not exist", database));
  std::set<std::string> names(permanent->begin(), permanent->end());
  for (const auto& [identifier, table] : temporary_tables_) {
    if (identifier.catalog == catalog_name && identifier.database == database) names.insert(identifier.object);
  }
  return std::vector<std::string>(names.begin(), names.end());
}

Result<std::vector<std::string>> CatalogManager::listViews(const std::string& catalog_name,
                                                           const std::string& database) const {
  GenericInMemoryCatalog* catalog = getCatalog(catalog_name);
  if (catalog == nullptr) return NotFound(fmt::format("Catalog {} does not exist", catalog_name));
  Result<std::vector<std::string>> permanent = catalog->listViews(database);
  if (!permanent.ok()) return NotFound(fmt::format("Database {} does not exist", database));
  std::set<std::string> names(permanent->begin(), permanent->end());
  for (const auto& [identifier, table] : temporary_tables_) {
    if (identifier.catalog == catalog_name && identifier.database == database && isView(table)) {
      names.insert(identifier.object);
    }
  }
  return std::vector<std::string>(names.begin(), names.end());
}

}  // namespace eddy::sql
