#pragma once

#include <string_view>

#include "eddy/common/status.h"
#include "sql/parser/source_position.h"

namespace eddy::sql {

// A validation error in the shape of Calcite's CalciteContextException, which Flink wraps in
// its ValidationException: "At line 1, column 8: Column 'x' not found in any table".
// (Calcite prints "From line a, column b to line c, column d" when it knows where a node
// ends; Eddy's AST keeps the start only.)
Status validationError(SourcePosition position, std::string_view message);

}  // namespace eddy::sql
