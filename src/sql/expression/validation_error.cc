#include "sql/expression/validation_error.h"

#include <fmt/format.h>

namespace eddy::sql {

Status validationError(SourcePosition position, std::string_view message) {
  return InvalidArgument(fmt::format("At line {}, column {}: {}", position.line, position.column, message));
}

}  // namespace eddy::sql
