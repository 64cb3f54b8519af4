#include "sql/catalog/generic_in_memory_catalog.h"

#include <fmt/format.h>

namespace eddy::sql {

GenericInMemoryCatalog::GenericInMemoryCatalog(std::string name, std::string default_database)
    : name_(std::move(name)), default_database_(std::move(default_database)) {
  databases_[default_database_];
}

bool GenericInMemoryCatalog::databaseExists(const std::string& database) const {
  return databases_.contains(database);
}

Status GenericInMemoryCatalog::createDatabase(const std::string& database, bool ignore_if_exists) {
  if (databases_.contains(database)) {
    if (ignore_if_exists) return Status::OK();
    return AlreadyExists(fmt::format("Database {} already exists in Catalog {}.", database, name_));
  }
  databases_[database];
  return Status::OK();
}

std::vector<std::string> GenericInMemoryCatalog::listDatabases() const {
  std::vector<std::string> names;
  for (const auto& [name, tables] : databases_) names.push_back(name);
  return names;
}

Result<std::vector<std::string>> GenericInMemoryCatalog::listTables(const std::string& database) const {
  auto it = databases_.find(database);
  if (it == databases_.end()) return databaseNotExist(database);
  std::vector<std::string> names;
  for (const auto& [name, table] : it->second) names.push_back(name);
  return names;
}

Result<std::vector<std::string>> GenericInMemoryCatalog::listViews(const std::string& database) const {
  auto it = databases_.find(database);
  if (it == databases_.end()) return databaseNotExist(database);
  std::vector<std::string> names;
  for (const auto& [name, table] : it->second) {
    if (isView(table)) names.push_back(name);
  }
  return names;
}

const CatalogBaseTable* GenericInMemoryCatalog::getTable(const std::string& database,
                                                         const std::string& object) const {
  auto db = databases_.find(database);
  if (db == databases_.end()) return nullptr;
  auto it = db->second.find(object);
  return it == db->second.end() ? nullptr : &it->second;
}

Status GenericInMemoryCatalog::createTable(const std::string& database, const std::string& object,
                                           CatalogBaseTable table, bool ignore_if_exists) {
  auto db = databases_.find(database);
  if (db == databases_.end()) return databaseNotExist(database);
  if (db->second.contains(object)) {
    if (ignore_if_exists) return Status::OK();
    return AlreadyExists(
        fmt::format("Table (or view) {}.{} already exists in Catalog {}.", database, object, name_));
  }
  db->second.emplace(object, std::move(table));
  return Status::OK();
}

Status GenericInMemoryCatalog::alterTable(const std::string& database, const std::string& object,
                                          CatalogBaseTable table) {
  auto db = databases_.find(database);
  if (db == databases_.end() || !db->second.contains(object)) return tableNotExist(database, object);
  db->second.insert_or_assign(object, std::move(table));
  return Status::OK();
}

Status GenericInMemoryCatalog::dropTable(const std::string& database, const std::string& object,
                                         bool ignore_if_not_exists) {
  auto db = databases_.find(database);
  if (db == databases_.end() || db->second.erase(object) == 0) {
    return ignore_if_not_exists ? Status::OK() : tableNotExist(database, object);
  }
  return Status::OK();
}

Status GenericInMemoryCatalog::renameTable(const std::string& database, const std::string& object,
                                           const std::string& new_name) {
  auto db = databases_.find(database);
  if (db == databases_.end()) return databaseNotExist(database);
  auto it = db->second.find(object);
  if (it == db->second.end()) return tableNotExist(database, object);
  if (db->second.contains(new_name)) {
    return AlreadyExists(
        fmt::format("Table (or view) {}.{} already exists in Catalog {}.", database, new_name, name_));
  }
  CatalogBaseTable table = std::move(it->second);
  db->second.erase(it);
  db->second.emplace(new_name, std::move(table));
  return Status::OK();
}

Status GenericInMemoryCatalog::databaseNotExist(const std::string& database) const {
  return NotFound(fmt::format("Database {} does not exist in Catalog {}.", database, name_));
}

Status GenericInMemoryCatalog::tableNotExist(const std::string& database, const std::string& object) const {
  return NotFound(fmt::format("Table (or view) {}.{} does not exist in Catalog {}.", database, object, name_));
}

}  // namespace eddy::sql
