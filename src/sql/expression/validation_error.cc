#include "sql/expression/validation_error.h"

#include <fmt/format.h>

namespace eddy::sql {

std::string positionText(SourcePosition position) {
  if (!position.spansRange()) return fmt::format("At line {}, column {}", position.line, position.column);
  return fmt::format("From line {}, column {} to line {}, column {}", position.line, position.column, position.end_line,
                     position.end_column);
}

Status validationError(SourcePosition position, std::string_view message) {
  return InvalidArgument(fmt::format("{}: {}", positionText(position), message));
}

}  // namespace eddy::sql
