#pragma once

#include <string>

#include "sql/parser/ast_statement.h"

namespace eddy::sql {

// Prints an AST back as SQL in one canonical form, close to Flink's SqlNode#toString:
// upper-case keywords, every identifier in backquotes with its case kept, every operator
// application in parentheses (`(`a` + (`b` * 2))`), one clause per line, types as
// LogicalType#asSerializableString. Parsing the output gives the same tree again.
std::string unparse(const Expr& expr);
std::string unparse(const Query& query);
std::string unparse(const Statement& statement);

}  // namespace eddy::sql
