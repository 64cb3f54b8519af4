#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/common/status.h"
#include "sql/catalog/catalog_table.h"
#include "sql/catalog/generic_in_memory_catalog.h"
#include "sql/catalog/object_identifier.h"

namespace eddy::sql {

// A table or view found by CatalogManager::getTable, as Flink's ContextResolvedTable.
// `table` points into the manager and is valid until the next change to it.
struct ContextResolvedTable {
  ObjectIdentifier identifier;
  const CatalogBaseTable* table = nullptr;
  bool temporary = false;
};

// The catalogs of a session and its current catalog and database, plus the session's
// temporary tables and views, which shadow permanent ones of the same identifier (Flink's
// CatalogManager). Starts with `default_catalog` holding `default_database`, both current.
// Errors have the text of Flink's ValidationExceptions. Thread-compatible.
class CatalogManager {
 public:
  static constexpr const char* kBuiltinCatalogName = "default_catalog";
  static constexpr const char* kBuiltinDatabaseName = "default_database";

  CatalogManager();

  // AlreadyExists if a catalog of that name is registered.
  Status registerCatalog(std::unique_ptr<GenericInMemoryCatalog> catalog);
  GenericInMemoryCatalog* getCatalog(const std::string& name) const;
  // Sorted.
  std::vector<std::string> listCatalogs() const;

  const std::string& getCurrentCatalog() const { return current_catalog_; }
  const std::string& getCurrentDatabase() const { return current_database_; }
  // Also makes the catalog's default database current.
  Status setCurrentCatalog(const std::string& name);
  Status setCurrentDatabase(const std::string& name);

  // Completes a 1-, 2- or 3-part name with the current catalog and database.
  Result<ObjectIdentifier> qualifyIdentifier(const std::vector<std::string>& names) const;

  // The temporary object at `identifier`, else the permanent one, else nullopt.
  std::optional<ContextResolvedTable> getTable(const ObjectIdentifier& identifier) const;

  Status createTable(CatalogBaseTable table, const ObjectIdentifier& identifier, bool ignore_if_exists);
  Status createTemporaryTable(CatalogBaseTable table, const ObjectIdentifier& identifier, bool ignore_if_exists);
  // `view` selects DROP VIEW over DROP TABLE: each drops only its own kind.
  Status dropTable(const ObjectIdentifier& identifier, bool view, bool ignore_if_not_exists);
  Status dropTemporaryTable(const ObjectIdentifier& identifier, bool view, bool ignore_if_not_exists);
  // Replaces a permanent table's definition.
  Status alterTable(CatalogBaseTable table, const ObjectIdentifier& identifier);
  Status renameTable(const ObjectIdentifier& identifier, const std::string& new_name);

  // Permanent and temporary tables and views of catalog.database, sorted and distinct.
  Result<std::vector<std::string>> listTables(const std::string& catalog, const std::string& database) const;
  Result<std::vector<std::string>> listViews(const std::string& catalog, const std::string& database) const;

 private:
  // Runs `command` on the identifier's catalog, wrapping its failure as Flink's
  // CatalogManager#execute does: "Could not execute <name> in path <identifier>".
  template <typename Command>
  Status execute(const ObjectIdentifier& identifier, const char* name, Command command);

  std::map<std::string, std::unique_ptr<GenericInMemoryCatalog>> catalogs_;
  std::map<ObjectIdentifier, CatalogBaseTable> temporary_tables_;
  std::string current_catalog_;
  std::string current_database_;
};

}  // namespace eddy::sql
