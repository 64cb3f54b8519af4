#pragma once

#include <string>
#include <vector>

namespace eddy::sql {

// The '|'-separated fields of a SQL/JSON call's clause text, in the canonical form
// parse_json.cc writes (e.g. "NULL|ERROR" for JSON_VALUE's ON EMPTY and ON ERROR), for the
// binder and unparse to read back.
std::vector<std::string> jsonClauseFields(const std::string& text);

}  // namespace eddy::sql
