#pragma once

#include <optional>

#include "eddy/common/result.h"
#include "sql/catalog/function_catalog.h"
#include "sql/catalog/table_result.h"
#include "sql/parser/ast_statement.h"

namespace eddy::table {

// CREATE [TEMPORARY [SYSTEM]] FUNCTION name AS '<class>' and DROP [TEMPORARY [SYSTEM]]
// FUNCTION name on the session's functions: the class is instantiated from the function
// class registry (function_class_registry.h). Catalog functions live as long as the session,
// as everything in Eddy's in-memory catalog. Nullopt for any other statement.
std::optional<Result<sql::TableResult>> executeFunctionDdl(const sql::Statement& statement,
                                                           sql::FunctionCatalog& functions);

}  // namespace eddy::table
