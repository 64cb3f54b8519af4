#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sql/parser/ast_statement.h"

namespace eddy::sql {

// The pieces unparse() is built from, each appending canonical SQL to `out`
// (unparse_expression.cc, unparse_query.cc).
void appendIdentifier(std::string& out, std::string_view name);
void appendNames(std::string& out, const std::vector<std::string>& names);
void appendIdentifierList(std::string& out, const std::vector<std::string>& names);
void appendStringLiteral(std::string& out, std::string_view value);
void appendExpr(std::string& out, const Expr& expr);
void appendExprList(std::string& out, const std::vector<ExprPtr>& exprs);
void appendOrderItems(std::string& out, const std::vector<OrderItem>& items);
void appendWindowSpec(std::string& out, const WindowSpec& spec);
void appendQuery(std::string& out, const Query& query);

}  // namespace eddy::sql
