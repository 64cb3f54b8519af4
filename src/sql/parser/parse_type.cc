// Data types in DDL and CAST. The parser finds where the type ends by its shape and hands
// the tokens to types::LogicalTypeParser, so that DDL and the Table API read types alike.
#include <fmt/format.h>

#include "eddy/types/logical_type_parser.h"
#include "sql/parser/parser.h"

namespace eddy::sql {

namespace {

// The cause in LogicalTypeParser's "Could not parse type at position N: <cause>\n Input
// type string: ..." (positions refer to the text the parser was given, not to the SQL).
std::string_view typeErrorCause(std::string_view message) {
  const size_t colon = message.find(": ");
  if (message.starts_with("Could not parse type") && colon != std::string_view::npos) message.remove_prefix(colon + 2);
  const size_t input = message.find("\n Input type string:");
  if (input != std::string_view::npos) message = message.substr(0, input);
  return message;
}

}  // namespace

Result<DataTypeSpec> Parser::parseDataType() {
  const size_t first = pos_;
  const Token& start = current();
  EDDY_RETURN_IF_ERROR(skipTypeTokens());
  const Token& last = tokens_[pos_ - 1];
  std::string joined;
  for (size_t i = first; i < pos_; ++i) {
    if (i > first) joined.push_back(' ');
    joined.append(tokens_[i].text);
  }
  const size_t begin = static_cast<size_t>(start.text.data() - input_.data());
  const size_t end = static_cast<size_t>(last.text.data() + last.text.size() - input_.data());
  std::string text(input_.substr(begin, end - begin));
  Result<types::LogicalType> type = types::LogicalTypeParser::parse(joined);
  if (!type.ok()) {
    const std::string message = fmt::format("SQL parse failed. Invalid type '{}' at line {}, column {}: {}", text,
                                            start.position.line, start.position.column,
                                            typeErrorCause(type.status().message()));
    return Status(type.status().code(), message);
  }
  return DataTypeSpec{start.position, std::move(text), std::move(type).value()};
}

Status Parser::skipTypeTokens() {
  Nesting nesting(*this);
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  const Token& token = current();
  if (token.kind != TokenKind::kWord && token.kind != TokenKind::kQuotedIdentifier) {
    note("<DATA_TYPE>");
    return syntaxError();
  }
  const bool time = isWord(token, "TIME") || isWord(token, "TIMESTAMP");
  const bool interval = isWord(token, "INTERVAL");
  const bool double_type = isWord(token, "DOUBLE");
  advance();
  if (time) {
    EDDY_RETURN_IF_ERROR(skipOptionalParameters());
    if (accept("WITH") || accept("WITHOUT")) {
      accept("LOCAL");
      EDDY_RETURN_IF_ERROR(expect("TIME"));
      EDDY_RETURN_IF_ERROR(expect("ZONE"));
    }
  } else if (interval) {
    if (current().kind != TokenKind::kWord) {
      note("<INTERVAL_UNIT>");
      return syntaxError();
    }
    advance();
    EDDY_RETURN_IF_ERROR(skipOptionalParameters());
    if (accept("TO")) {
      if (current().kind != TokenKind::kWord) {
        note("<INTERVAL_UNIT>");
        return syntaxError();
      }
      advance();
      EDDY_RETURN_IF_ERROR(skipOptionalParameters());
    }
  } else if (double_type) {
    accept("PRECISION");
  } else {
    while (acceptSymbol(".")) {
      if (current().kind != TokenKind::kWord && current().kind != TokenKind::kQuotedIdentifier) {
        note("<IDENTIFIER>");
        return syntaxError();
      }
      advance();
    }
    EDDY_RETURN_IF_ERROR(skipOptionalParameters());
  }
  EDDY_RETURN_IF_ERROR(skipNullability());
  while (at("ARRAY") || at("MULTISET")) {
    advance();
    EDDY_RETURN_IF_ERROR(skipNullability());
  }
  return Status::OK();
}

Status Parser::skipNullability() {
  if (isWord(current(), "NOT") && isWord(peekToken(1), "NULL")) {
    advance();
    advance();
  } else {
    accept("NULL");
  }
  return Status::OK();
}

// Skips `(...)` and `<...>` groups, nested in any order, after a type name.
Status Parser::skipOptionalParameters() {
  if (!atSymbol("(") && !atSymbol("<")) return Status::OK();
  int depth = 0;
  do {
    const Token& token = current();
    if (token.kind == TokenKind::kEnd) return syntaxError();
    if (token.kind == TokenKind::kSymbol) {
      if (token.text == "(" || token.text == "<") ++depth;
      if (token.text == ")" || token.text == ">") --depth;
      if (token.text == ";") return syntaxError();
    }
    advance();
  } while (depth > 0);
  return Status::OK();
}

}  // namespace eddy::sql
