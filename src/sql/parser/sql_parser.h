#pragma once

#include <string_view>
#include <vector>

#include "eddy/common/result.h"
#include "sql/parser/ast_statement.h"

namespace eddy::sql {

// Reads Flink's SQL dialect into the AST of ast_statement.h: a hand-written lexer and
// recursive-descent parser following Flink's Calcite-based grammar (FlinkSqlParserImpl).
// Syntax errors are InvalidArgument in Flink's shape:
//   SQL parse failed. Encountered "FROM" at line 2, column 1.
//   Was expecting one of:
//       <IDENTIFIER>
//       ...
// Types Flink parses but Eddy does not run are NotSupported, with their line and column.
// Stateless and thread-safe; never crashes on any input (test/fuzz/ checks it).
class SqlParser {
 public:
  // A script of statements separated by ';' (a trailing ';' is optional). The SQL client's
  // `BEGIN STATEMENT SET; INSERT ...; ...; END;` becomes one StatementSet statement.
  static Result<std::vector<Statement>> parseScript(std::string_view sql);

  // Exactly one statement, with an optional trailing ';'.
  static Result<Statement> parseStatement(std::string_view sql);

  // One scalar expression, e.g. a computed column or a watermark strategy.
  static Result<ExprPtr> parseExpression(std::string_view sql);
};

}  // namespace eddy::sql
