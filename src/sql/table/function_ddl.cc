#include "sql/table/function_ddl.h"

#include <fmt/format.h>

#include "eddy/table/functions/function_class_registry.h"

namespace eddy::table {
namespace {

std::string joinedName(const std::vector<std::string>& name) { return fmt::format("{}", fmt::join(name, ".")); }

Result<sql::TableResult> createFunction(const sql::CreateFunction& create, sql::FunctionCatalog& functions) {
  const std::string name = joinedName(create.name);
  if (create.language && *create.language == "PYTHON") {
    return NotSupported("Python user-defined functions are not supported: Eddy runs C++ functions");
  }
  if (create.if_not_exists && create.name.size() == 1 && functions.lookupFunction(name) != nullptr) {
    return sql::TableResult::ok();
  }
  std::optional<UserDefinedFunction> function = instantiateFunctionClass(create.class_name);
  if (!function) {
    return InvalidArgument(fmt::format("Could not find class '{}' for creating an instance for function '{}'. Eddy "
                                       "runs C++ functions: a class is registered with "
                                       "eddy::table::registerFunctionClass.",
                                       create.class_name, name));
  }
  Status status = create.system ? functions.registerTemporarySystemFunction(name, std::move(*function))
                                : functions.registerTemporaryCatalogFunction(name, std::move(*function));
  if (!status.ok()) return status;
  return sql::TableResult::ok();
}

Result<sql::TableResult> dropFunction(const sql::DropObject& drop, sql::FunctionCatalog& functions) {
  const std::string name = joinedName(drop.name);
  bool dropped = false;
  if (drop.system) {
    dropped = functions.dropTemporarySystemFunction(name);
  } else {
    EDDY_ASSIGN_OR_RETURN(dropped, functions.dropTemporaryFunction(name));
  }
  if (!dropped && !drop.if_exists) {
    const char* kind = drop.system ? "Temporary system function" : drop.temporary ? "Temporary catalog function" : "Function";
    return InvalidArgument(fmt::format("{} {} doesn't exist", kind, name));
  }
  return sql::TableResult::ok();
}

}  // namespace

std::optional<Result<sql::TableResult>> executeFunctionDdl(const sql::Statement& statement,
                                                           sql::FunctionCatalog& functions) {
  if (const auto* create = std::get_if<sql::CreateFunction>(&statement.node)) return createFunction(*create, functions);
  if (const auto* drop = std::get_if<sql::DropObject>(&statement.node); drop && drop->object == sql::ObjectKind::kFunction) {
    return dropFunction(*drop, functions);
  }
  return std::nullopt;
}

}  // namespace eddy::table
