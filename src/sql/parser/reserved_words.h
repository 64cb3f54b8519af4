#pragma once

#include <string_view>

namespace eddy::sql {

// Whether `word` (any case) is reserved: it cannot be an unquoted identifier, as in
// Calcite's reserved keyword list. Eddy reserves the words its grammar needs to stay
// unambiguous (clause and join keywords, literal prefixes such as DATE and INTERVAL) and
// leaves the rest, like `position` or `value`, usable as names.
bool isReservedWord(std::string_view word);

// Reserved words that are also function names when followed by '(': LEFT(s, n), GROUPING(a).
bool isCallableReservedWord(std::string_view word);

}  // namespace eddy::sql
