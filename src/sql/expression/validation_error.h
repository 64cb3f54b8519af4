#pragma once

#include <string>
#include <string_view>

#include "eddy/common/status.h"
#include "sql/parser/source_position.h"

namespace eddy::sql {

// Where a node is, as Calcite's CalciteContextException says it: "From line 1, column 15 to
// line 1, column 18" for a node over several characters, "At line 1, column 8" for one
// whose start is its end (or whose end is unknown).
std::string positionText(SourcePosition position);

// A validation error in the shape of Calcite's CalciteContextException, which Flink wraps in
// its ValidationException: "From line 1, column 8 to line 1, column 10: Column 'xyz' not
// found in any table".
Status validationError(SourcePosition position, std::string_view message);

}  // namespace eddy::sql
