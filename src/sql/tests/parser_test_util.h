#pragma once

#include <string>
#include <string_view>

#include "sql/parser/sql_parser.h"
#include "sql/parser/unparse.h"

namespace eddy::sql::testing {

// The canonical form of one parsed statement, or "ERROR: <status>" when parsing fails, so
// that tests can assert either with one EXPECT_EQ.
inline std::string roundTrip(std::string_view sql) {
  Result<Statement> statement = SqlParser::parseStatement(sql);
  if (!statement.ok()) return "ERROR: " + statement.status().toString();
  return unparse(*statement);
}

// The canonical form of one parsed expression, or "ERROR: <status>".
inline std::string expr(std::string_view sql) {
  Result<ExprPtr> parsed = SqlParser::parseExpression(sql);
  if (!parsed.ok()) return "ERROR: " + parsed.status().toString();
  return unparse(**parsed);
}

// The message of the error that parsing `sql` as one statement gives, or "OK".
inline std::string errorOf(std::string_view sql) {
  Result<Statement> statement = SqlParser::parseStatement(sql);
  if (statement.ok()) return "OK";
  return statement.status().message();
}

}  // namespace eddy::sql::testing
