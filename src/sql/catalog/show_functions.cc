#include <utility>

#include "sql/catalog/function_catalog.h"

namespace eddy::sql {

Result<TableResult> showFunctions(const FunctionCatalog& functions, const Show& show) {
  if (show.like) return NotSupported("SHOW FUNCTIONS LIKE");
  TableResult result{TableResult::Kind::kSuccessWithContent, {"function name"}, {}, {}};
  for (std::string& name : functions.getUserDefinedFunctions()) result.rows.push_back({std::move(name)});
  return result;
}

}  // namespace eddy::sql
