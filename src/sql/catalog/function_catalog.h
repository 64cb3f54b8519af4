#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/table/functions/user_defined_function.h"
#include "sql/catalog/catalog_manager.h"
#include "sql/catalog/object_identifier.h"
#include "sql/catalog/table_result.h"
#include "sql/parser/ast_statement.h"
#include "sql/expression/udf_call.h"

namespace eddy::sql {

// The user-defined functions of a session registered from C++ (Flink's FunctionCatalog, for
// its temporary functions): temporary system functions by name, and temporary catalog
// functions by catalog.database.name. Names are normalized to lower case, as Flink's
// FunctionIdentifier does, so calls resolve case-insensitively. A call resolves to a
// system function first, then to a function of the current catalog and database.
// Reads the CatalogManager it is given (not owned) for the current catalog and database.
// Thread-compatible: one session, one thread.
class FunctionCatalog final : public FunctionLookup {
 public:
  explicit FunctionCatalog(const CatalogManager& catalogs) : catalogs_(catalogs) {}

  // Flink's "Could not register temporary system function. A function named 'f' does
  // already exist." when the name is taken.
  Status registerTemporarySystemFunction(std::string_view name, table::UserDefinedFunction function);
  // `path` is "f", "db.f" or "cat.db.f", qualified by the current catalog and database.
  Status registerTemporaryCatalogFunction(std::string_view path, table::UserDefinedFunction function);
  // Whether a function was dropped.
  bool dropTemporarySystemFunction(std::string_view name);
  Result<bool> dropTemporaryFunction(std::string_view path);

  const table::UserDefinedFunction* lookupFunction(std::string_view name) const override;

  // The names SHOW USER FUNCTIONS prints: the system functions and those of the current
  // catalog and database, sorted.
  std::vector<std::string> getUserDefinedFunctions() const;

 private:
  Result<ObjectIdentifier> qualify(std::string_view path) const;

  const CatalogManager& catalogs_;
  std::map<std::string, table::UserDefinedFunction> system_functions_;
  std::map<ObjectIdentifier, table::UserDefinedFunction> catalog_functions_;
};

// SHOW [USER] FUNCTIONS: Flink's one column "function name". Eddy keeps no list of its
// built-in functions' names, so both list the user-defined functions.
Result<TableResult> showFunctions(const FunctionCatalog& functions, const Show& show);

}  // namespace eddy::sql
