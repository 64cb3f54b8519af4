#pragma once

#include <concepts>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/types/row.h"

namespace eddy::formats {

// Appends the rows one message decodes to with a format's deserializer to `out`, whatever
// the deserializer's shape: a changelog format's `Status deserialize(message, rows)` (any
// number of rows, each with its RowKind), or `deserialize(message)` giving one row
// (Result<Row>) or at most one (Result<std::optional<Row>>, nullopt for a skipped message).
// What the SQL decoders and the DataStream value-only Kafka schema share, so that a format
// needs only its own deserialize.
template <typename Deserializer>
Status decodeRows(Deserializer& deserializer, std::string_view message, std::vector<types::Row>& out) {
  if constexpr (requires {
                  { deserializer.deserialize(message, out) } -> std::same_as<Status>;
                }) {
    return deserializer.deserialize(message, out);
  } else {
    auto decoded = deserializer.deserialize(message);
    if (!decoded.ok()) return decoded.status();
    if constexpr (std::is_same_v<std::decay_t<decltype(*decoded)>, std::optional<types::Row>>) {
      if (*decoded) out.push_back(std::move(**decoded));
    } else {
      out.push_back(std::move(*decoded));
    }
    return Status::OK();
  }
}

}  // namespace eddy::formats
