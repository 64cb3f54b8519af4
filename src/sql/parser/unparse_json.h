#pragma once

#include <string>

#include "sql/parser/ast_expression.h"

namespace eddy::sql {

// Writes a call that parse_json.cc read (JSON_VALUE, JSON_QUERY, JSON_EXISTS, JSON_OBJECT,
// JSON_ARRAY, IS JSON) back in its own syntax, with the clauses that differ from the
// defaults, and returns true; returns false for any other call. Stateless.
bool appendJsonCall(std::string& out, const Expr& call);

}  // namespace eddy::sql
