#include "sql/parser/sql_parser.h"

#include "sql/parser/lexer.h"
#include "sql/parser/parser.h"

namespace eddy::sql {

Result<std::vector<Statement>> SqlParser::parseScript(std::string_view sql) {
  EDDY_ASSIGN_OR_RETURN(std::vector<Token> tokens, Lexer::tokenize(sql));
  return Parser(sql, std::move(tokens)).parseScript();
}

Result<Statement> SqlParser::parseStatement(std::string_view sql) {
  EDDY_ASSIGN_OR_RETURN(std::vector<Token> tokens, Lexer::tokenize(sql));
  return Parser(sql, std::move(tokens)).parseSingleStatement();
}

Result<ExprPtr> SqlParser::parseExpression(std::string_view sql) {
  EDDY_ASSIGN_OR_RETURN(std::vector<Token> tokens, Lexer::tokenize(sql));
  return Parser(sql, std::move(tokens)).parseSingleExpression();
}

}  // namespace eddy::sql
