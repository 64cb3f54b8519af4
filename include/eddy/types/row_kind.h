#pragma once

#include <cstdint>
#include <string_view>

#include "eddy/common/result.h"

namespace eddy::types {

// The kind of change a row describes in a changelog, as Flink's org.apache.flink.types.RowKind.
// The byte values are Flink's, so serialized changelogs stay compatible.
enum class RowKind : int8_t {
  INSERT = 0,
  UPDATE_BEFORE = 1,
  UPDATE_AFTER = 2,
  DELETE = 3,
};

// "+I", "-U", "+U" or "-D", as RowKind#shortString.
std::string_view shortString(RowKind kind);

// The byte value (0..3), as RowKind#toByteValue.
inline int8_t toByteValue(RowKind kind) { return static_cast<int8_t>(kind); }

// The kind for a byte value, as RowKind#fromByteValue; other values are InvalidArgument.
Result<RowKind> rowKindFromByteValue(int8_t value);

// The kind for a short string ("+I", "-U", "+U", "-D").
Result<RowKind> rowKindFromShortString(std::string_view value);

}  // namespace eddy::types
