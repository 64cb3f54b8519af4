#include "eddy/types/row_kind.h"

#include <fmt/format.h>

namespace eddy::types {

std::string_view shortString(RowKind kind) {
  switch (kind) {
    case RowKind::INSERT: return "+I";
    case RowKind::UPDATE_BEFORE: return "-U";
    case RowKind::UPDATE_AFTER: return "+U";
    case RowKind::DELETE: return "-D";
  }
  return "?";
}

Result<RowKind> rowKindFromByteValue(int8_t value) {
  if (value < 0 || value > 3) {
    return InvalidArgument(fmt::format("Unsupported byte value '{}' for row kind.", value));
  }
  return static_cast<RowKind>(value);
}

Result<RowKind> rowKindFromShortString(std::string_view value) {
  for (RowKind kind : {RowKind::INSERT, RowKind::UPDATE_BEFORE, RowKind::UPDATE_AFTER, RowKind::DELETE}) {
    if (shortString(kind) == value) return kind;
  }
  return InvalidArgument(fmt::format("Unsupported short string '{}' for row kind.", value));
}

}  // namespace eddy::types
