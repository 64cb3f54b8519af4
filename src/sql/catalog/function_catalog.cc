#include "sql/catalog/function_catalog.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <utility>

namespace eddy::sql {

namespace {

// FunctionIdentifier#normalizeName.
std::string normalizeName(std::string_view name) {
  std::string out(name);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::vector<std::string> splitPath(std::string_view path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t dot = path.find('.', start);
    parts.emplace_back(path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

}  // namespace

Status FunctionCatalog::registerTemporarySystemFunction(std::string_view name, table::UserDefinedFunction function) {
  const std::string normalized = normalizeName(name);
  if (system_functions_.contains(normalized)) {
    return InvalidArgument(fmt::format(
        "Could not register temporary system function. A function named '{}' does already exist.", normalized));
  }
  system_functions_.emplace(normalized, std::move(function));
  return Status::OK();
}

Result<ObjectIdentifier> FunctionCatalog::qualify(std::string_view path) const {
  EDDY_ASSIGN_OR_RETURN(ObjectIdentifier identifier, catalogs_.qualifyIdentifier(splitPath(path)));
  identifier.object = normalizeName(identifier.object);
  return identifier;
}

Status FunctionCatalog::registerTemporaryCatalogFunction(std::string_view path, table::UserDefinedFunction function) {
  EDDY_ASSIGN_OR_RETURN(ObjectIdentifier identifier, qualify(path));
  if (catalog_functions_.contains(identifier)) {
    return InvalidArgument(fmt::format(
        "Could not register temporary catalog function. A function '{}' does already exist.",
        identifier.asSummaryString()));
  }
  catalog_functions_.emplace(std::move(identifier), std::move(function));
  return Status::OK();
}

bool FunctionCatalog::dropTemporarySystemFunction(std::string_view name) {
  return system_functions_.erase(normalizeName(name)) > 0;
}

Result<bool> FunctionCatalog::dropTemporaryFunction(std::string_view path) {
  EDDY_ASSIGN_OR_RETURN(ObjectIdentifier identifier, qualify(path));
  return catalog_functions_.erase(identifier) > 0;
}

const table::UserDefinedFunction* FunctionCatalog::lookupFunction(std::string_view name) const {
  const std::string normalized = normalizeName(name);
  if (auto it = system_functions_.find(normalized); it != system_functions_.end()) return &it->second;
  const ObjectIdentifier identifier{catalogs_.getCurrentCatalog(), catalogs_.getCurrentDatabase(), normalized};
  if (auto it = catalog_functions_.find(identifier); it != catalog_functions_.end()) return &it->second;
  return nullptr;
}

std::vector<std::string> FunctionCatalog::getUserDefinedFunctions() const {
  std::vector<std::string> names;
  for (const auto& [name, function] : system_functions_) names.push_back(name);
  for (const auto& [identifier, function] : catalog_functions_) {
    if (identifier.catalog == catalogs_.getCurrentCatalog() && identifier.database == catalogs_.getCurrentDatabase()) {
      names.push_back(identifier.object);
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace eddy::sql
