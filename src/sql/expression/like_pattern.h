#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "eddy/common/status.h"

namespace eddy::sql {

// A SQL LIKE pattern: '%' matches any run of characters, '_' one character (a UTF-8 code
// point), and the ESCAPE character makes the next '%', '_' or itself literal, as Calcite's
// SqlLikeUtils. compile() keeps its buffers, so recompiling per row allocates nothing once
// warm. Not thread-safe.
class LikePattern {
 public:
  // `escape` is empty when the LIKE has no ESCAPE clause. InvalidArgument with Calcite's
  // messages for an escape that is not one character or a dangling escape sequence.
  Status compile(std::string_view pattern, std::optional<std::string_view> escape);
  bool matches(std::string_view text) const;

 private:
  // Literal bytes of the pattern (escapes removed); ops refer to them.
  struct Op {
    enum Kind : uint8_t { kLiteral, kAnyOne, kAnyRun } kind;
    uint32_t begin;
    uint32_t end;
  };
  std::vector<char> literal_;
  std::vector<Op> ops_;
};

}  // namespace eddy::sql
