#pragma once

#include <map>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/common/status.h"
#include "sql/catalog/catalog_table.h"

namespace eddy::sql {

// A catalog that keeps its databases, tables and views in memory (Flink's
// GenericInMemoryCatalog). Errors carry the messages of Flink's catalog exceptions
// (DatabaseNotExistException, TableAlreadyExistException, ...). Thread-compatible.
class GenericInMemoryCatalog {
 public:
  GenericInMemoryCatalog(std::string name, std::string default_database);

  const std::string& name() const { return name_; }
  const std::string& defaultDatabase() const { return default_database_; }

  bool databaseExists(const std::string& database) const;
  Status createDatabase(const std::string& database, bool ignore_if_exists);
  // Sorted.
  std::vector<std::string> listDatabases() const;

  // Tables and views of `database`, sorted; NotFound if the database does not exist.
  Result<std::vector<std::string>> listTables(const std::string& database) const;
  Result<std::vector<std::string>> listViews(const std::string& database) const;

  // The table or view at database.object, or nullptr.
  const CatalogBaseTable* getTable(const std::string& database, const std::string& object) const;
  Status createTable(const std::string& database, const std::string& object, CatalogBaseTable table,
                     bool ignore_if_exists);
  Status alterTable(const std::string& database, const std::string& object, CatalogBaseTable table);
  Status dropTable(const std::string& database, const std::string& object, bool ignore_if_not_exists);
  Status renameTable(const std::string& database, const std::string& object, const std::string& new_name);

 private:
  Status databaseNotExist(const std::string& database) const;
  Status tableNotExist(const std::string& database, const std::string& object) const;

  std::string name_;
  std::string default_database_;
  std::map<std::string, std::map<std::string, CatalogBaseTable>> databases_;
};

}  // namespace eddy::sql
