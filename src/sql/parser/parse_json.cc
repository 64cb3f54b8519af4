// The SQL/JSON functions' own syntax (Calcite's JsonValueFunctionCall, JsonQueryFunctionCall,
// JsonExistsFunctionCall, JsonObjectFunctionCall, JsonArrayFunctionCall and IS JSON). Each
// becomes a kFunctionCall whose `text` holds its clauses in one canonical form, fields
// separated by '|' (the binder reads them, unparse writes them back):
//   JSON_VALUE   operands [json, path, default on empty, default on error] (NULL literals
//                when not DEFAULT); text "<empty>|<error>", each NULL, ERROR or DEFAULT;
//                type: RETURNING
//   JSON_QUERY   operands [json, path]; text "<wrapper>|<empty>|<error>": WITHOUT ARRAY, WITH
//                CONDITIONAL ARRAY or WITH UNCONDITIONAL ARRAY; NULL, ERROR, EMPTY ARRAY or
//                EMPTY OBJECT; type: RETURNING
//   JSON_EXISTS  operands [json, path]; text "<error>": FALSE, TRUE, UNKNOWN or ERROR
//   JSON_OBJECT  operands [key1, value1, ...]; text "NULL" or "ABSENT" (ON NULL)
//   JSON_ARRAY   operands [value, ...]; text "NULL" or "ABSENT" (ON NULL)
//   IS JSON      names ["IS JSON"], operands [value]; text VALUE, OBJECT, ARRAY or SCALAR;
//                negated for IS NOT JSON
#include "sql/parser/parser.h"

namespace eddy::sql {

namespace {

ExprPtr nullLiteral(SourcePosition position) {
  auto literal = std::make_unique<Expr>(ExprKind::kLiteral, position);
  literal->literal_kind = LiteralKind::kNull;
  literal->text = "NULL";
  return literal;
}

}  // namespace

bool Parser::atJsonFunction() {
  if (current().kind != TokenKind::kWord || peekToken(1).kind != TokenKind::kSymbol || peekToken(1).text != "(") {
    return false;
  }
  for (const char* name : {"JSON_VALUE", "JSON_QUERY", "JSON_EXISTS", "JSON_OBJECT", "JSON_ARRAY"}) {
    if (isWord(current(), name)) return true;
  }
  return false;
}

Result<ExprPtr> Parser::parseJsonFunction() {
  Nesting nesting(*this);
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  auto call = std::make_unique<Expr>(ExprKind::kFunctionCall, current().position);
  std::string name(current().text);
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  call->names.push_back(name);
  advance();
  EDDY_RETURN_IF_ERROR(expectSymbol("("));
  if (name == "JSON_OBJECT" || name == "JSON_ARRAY") {
    const bool object = name == "JSON_OBJECT";
    call->text = object ? "NULL" : "ABSENT";
    auto atNullClause = [&] { return (at("NULL") && isWord(peekToken(1), "ON")) || at("ABSENT"); };
    bool first = true;
    while (!atSymbol(")") && !atNullClause()) {
      if (!first) EDDY_RETURN_IF_ERROR(expectSymbol(","));
      first = false;
      if (object) {
        if (at("KEY") && !isWord(peekToken(1), "VALUE")) advance();
        EDDY_ASSIGN_OR_RETURN(ExprPtr key, parseExpression());
        if (!acceptSymbol(":")) EDDY_RETURN_IF_ERROR(expect("VALUE"));
        call->operands.push_back(std::move(key));
      }
      EDDY_ASSIGN_OR_RETURN(ExprPtr value, parseExpression());
      call->operands.push_back(std::move(value));
    }
    if (atNullClause()) {
      call->text = at("NULL") ? "NULL" : "ABSENT";
      advance();
      EDDY_RETURN_IF_ERROR(expect("ON"));
      EDDY_RETURN_IF_ERROR(expect("NULL"));
    }
    EDDY_RETURN_IF_ERROR(expectSymbol(")"));
    return call;
  }

  EDDY_ASSIGN_OR_RETURN(ExprPtr json, parseExpression());
  call->operands.push_back(std::move(json));
  EDDY_RETURN_IF_ERROR(expectSymbol(","));
  EDDY_ASSIGN_OR_RETURN(ExprPtr path, parseExpression());
  call->operands.push_back(std::move(path));
  if (name != "JSON_EXISTS" && accept("RETURNING")) {
    EDDY_ASSIGN_OR_RETURN(DataTypeSpec type, parseDataType());
    call->type = std::make_unique<DataTypeSpec>(std::move(type));
  }
  if (name == "JSON_EXISTS") {
    call->text = "FALSE";
    if (at("TRUE") || at("FALSE") || at("UNKNOWN") || at("ERROR")) {
      std::string behavior(current().text);
      for (char& c : behavior) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      call->text = behavior;
      advance();
      EDDY_RETURN_IF_ERROR(expect("ON"));
      EDDY_RETURN_IF_ERROR(expect("ERROR"));
    }
    EDDY_RETURN_IF_ERROR(expectSymbol(")"));
    return call;
  }

  std::string wrapper = "WITHOUT ARRAY";
  if (name == "JSON_QUERY") {
    if (accept("WITHOUT")) {
      accept("ARRAY");
      EDDY_RETURN_IF_ERROR(expect("WRAPPER"));
    } else if (accept("WITH")) {
      wrapper = accept("CONDITIONAL") ? "WITH CONDITIONAL ARRAY" : "WITH UNCONDITIONAL ARRAY";
      if (wrapper == "WITH UNCONDITIONAL ARRAY") accept("UNCONDITIONAL");
      accept("ARRAY");
      EDDY_RETURN_IF_ERROR(expect("WRAPPER"));
    }
  }
  // The ON EMPTY and ON ERROR clauses, in this order, each optional.
  std::string on_empty = "NULL";
  std::string on_error = "NULL";
  ExprPtr empty_default = nullLiteral(current().position);
  ExprPtr error_default = nullLiteral(current().position);
  for (int clause = 0; clause < 2; ++clause) {
    std::string behavior;
    ExprPtr fallback;
    if (accept("NULL")) {
      behavior = "NULL";
    } else if (accept("ERROR")) {
      behavior = "ERROR";
    } else if (name == "JSON_VALUE" && accept("DEFAULT")) {
      behavior = "DEFAULT";
      EDDY_ASSIGN_OR_RETURN(fallback, parseExpression());
    } else if (name == "JSON_QUERY" && accept("EMPTY")) {
      if (accept("ARRAY")) {
        behavior = "EMPTY ARRAY";
      } else {
        EDDY_RETURN_IF_ERROR(expect("OBJECT"));
        behavior = "EMPTY OBJECT";
      }
    } else {
      break;
    }
    EDDY_RETURN_IF_ERROR(expect("ON"));
    if (clause == 0 && accept("EMPTY")) {
      on_empty = behavior;
      if (fallback) empty_default = std::move(fallback);
      continue;
    }
    EDDY_RETURN_IF_ERROR(expect("ERROR"));
    on_error = behavior;
    if (fallback) error_default = std::move(fallback);
    break;
  }
  EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  if (name == "JSON_VALUE") {
    call->operands.push_back(std::move(empty_default));
    call->operands.push_back(std::move(error_default));
    call->text = on_empty + "|" + on_error;
  } else {
    call->text = wrapper + "|" + on_empty + "|" + on_error;
  }
  return call;
}

Result<ExprPtr> Parser::parseIsJson(ExprPtr value, bool negated, SourcePosition position) {
  EDDY_RETURN_IF_ERROR(expect("JSON"));
  auto call = std::make_unique<Expr>(ExprKind::kFunctionCall, position);
  call->names.push_back("IS JSON");
  call->negated = negated;
  call->text = "VALUE";
  for (const char* type : {"VALUE", "OBJECT", "ARRAY", "SCALAR"}) {
    if (accept(type)) call->text = type;
  }
  call->operands.push_back(std::move(value));
  return call;
}

}  // namespace eddy::sql
