#include "sql/connectors/nexmark/nexmark_count_char.h"

#include <algorithm>

#include "eddy/types/data_types.h"

namespace eddy::sql {

std::vector<table::FunctionSignature> NexmarkCountChar::signatures() const {
  using types::DataTypes;
  return {{{DataTypes::STRING(), DataTypes::STRING()}, DataTypes::BIGINT().notNull()}};
}

Status NexmarkCountChar::eval(size_t, std::span<const types::ColumnVector* const> args, size_t n,
                              types::ColumnVector& out) const {
  const types::ColumnVector& text = *args[0];
  const types::ColumnVector& character = *args[1];
  for (size_t i = 0; i < n; ++i) {
    if (character.isNull(i) || character.stringAt(i).empty()) {
      return InvalidArgument("count_char: the character argument is NULL or empty (String.charAt(0) fails)");
    }
    int64_t count = 0;
    if (!text.isNull(i)) {
      const std::string_view s = text.stringAt(i);
      count = std::count(s.begin(), s.end(), character.stringAt(i)[0]);
    }
    out.append<int64_t>(count);
  }
  return Status::OK();
}

}  // namespace eddy::sql
