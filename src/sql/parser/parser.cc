#include "sql/parser/parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "sql/parser/lexer.h"
#include "sql/parser/reserved_words.h"

namespace eddy::sql {

namespace {

constexpr size_t kMaxExpectedShown = 12;
constexpr size_t kMaxTokenShown = 40;

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

// How a token appears after "Encountered": its text as written, or <EOF>.
std::string tokenImage(const Token& token) {
  if (token.kind == TokenKind::kEnd) return "<EOF>";
  if (token.text.size() <= kMaxTokenShown) return std::string(token.text);
  return std::string(token.text.substr(0, kMaxTokenShown)) + "...";
}

}  // namespace

Parser::Parser(std::string_view input, std::vector<Token> tokens) : input_(input), tokens_(std::move(tokens)) {}

const Token& Parser::peekToken(size_t ahead) const {
  const size_t at = std::min(pos_ + ahead, tokens_.size() - 1);
  return tokens_[at];
}

void Parser::advance() {
  if (pos_ + 1 < tokens_.size()) ++pos_;
}

bool Parser::isWord(const Token& token, std::string_view keyword) {
  return token.kind == TokenKind::kWord && equalsIgnoreCase(token.text, keyword);
}

void Parser::note(std::string_view expected) {
  if (pos_ > expected_at_ || expected_.empty()) {
    if (pos_ != expected_at_) expected_.clear();
    expected_at_ = pos_;
  }
  if (pos_ < expected_at_) return;
  if (std::find(expected_.begin(), expected_.end(), expected) == expected_.end()) expected_.push_back(expected);
}

bool Parser::at(std::string_view keyword) {
  if (isWord(current(), keyword)) return true;
  note(keyword);
  return false;
}

bool Parser::atWords(std::initializer_list<std::string_view> keywords) const {
  size_t ahead = 0;
  for (std::string_view keyword : keywords) {
    if (!isWord(peekToken(ahead++), keyword)) return false;
  }
  return true;
}

bool Parser::accept(std::string_view keyword) {
  if (!at(keyword)) return false;
  advance();
  return true;
}

bool Parser::atSymbol(std::string_view symbol) {
  if (current().kind == TokenKind::kSymbol && current().text == symbol) return true;
  note(symbol);
  return false;
}

bool Parser::acceptSymbol(std::string_view symbol) {
  if (!atSymbol(symbol)) return false;
  advance();
  return true;
}

Status Parser::expect(std::string_view keyword) {
  if (accept(keyword)) return Status::OK();
  return syntaxError();
}

Status Parser::expectSymbol(std::string_view symbol) {
  if (acceptSymbol(symbol)) return Status::OK();
  return syntaxError();
}

Status Parser::syntaxError() {
  const Token& token = current();
  std::string message = fmt::format("SQL parse failed. Encountered \"{}\" at line {}, column {}.", tokenImage(token),
                                    token.position.line, token.position.column);
  if (expected_at_ == pos_ && !expected_.empty()) {
    message += "\nWas expecting one of:";
    const size_t shown = std::min(expected_.size(), kMaxExpectedShown);
    for (size_t i = 0; i < shown; ++i) {
      const std::string_view what = expected_[i];
      if (what.front() == '<') {
        message += fmt::format("\n    {}", what);
      } else {
        message += fmt::format("\n    \"{}\"", what);
      }
    }
    if (expected_.size() > shown) message += "\n    ...";
  }
  return InvalidArgument(std::move(message));
}

Status Parser::errorAt(SourcePosition position, std::string_view message) const {
  return InvalidArgument(fmt::format("SQL parse failed. {} at line {}, column {}.", message, position.line,
                                     position.column));
}

SourcePosition Parser::endAtPrevious(SourcePosition start) const {
  if (pos_ == 0) return start;
  const SourcePosition& last = tokens_[pos_ - 1].last;
  start.end_line = last.line;
  start.end_column = last.column;
  return start;
}

void Parser::closeNode(Expr& expr) const { expr.position = endAtPrevious(expr.position); }

Status Parser::deepen(int weight) {
  height_ += weight;
  if (height_ > kMaxHeight) return errorAt(current().position, "Statement is nested too deeply");
  return Status::OK();
}

bool Parser::atIdentifier() {
  const Token& token = current();
  if (token.kind == TokenKind::kQuotedIdentifier) return true;
  if (token.kind == TokenKind::kWord && !isReservedWord(token.text)) return true;
  note("<IDENTIFIER>");
  return false;
}

Result<std::string> Parser::parseIdentifier() {
  if (!atIdentifier()) return syntaxError();
  const Token& token = current();
  std::string name = token.kind == TokenKind::kQuotedIdentifier ? Lexer::unquote(token) : std::string(token.text);
  advance();
  return name;
}

Result<std::vector<std::string>> Parser::parseCompoundIdentifier() {
  std::vector<std::string> names;
  EDDY_ASSIGN_OR_RETURN(std::string first, parseIdentifier());
  names.push_back(std::move(first));
  while (acceptSymbol(".")) {
    EDDY_ASSIGN_OR_RETURN(std::string next, parseIdentifier());
    names.push_back(std::move(next));
  }
  return names;
}

Result<std::vector<std::string>> Parser::parseParenthesizedIdentifiers() {
  EDDY_RETURN_IF_ERROR(expectSymbol("("));
  std::vector<std::string> names;
  do {
    EDDY_ASSIGN_OR_RETURN(std::string name, parseIdentifier());
    names.push_back(std::move(name));
  } while (acceptSymbol(","));
  EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  return names;
}

Result<std::string> Parser::parseStringLiteral() {
  if (current().kind != TokenKind::kString) {
    note("<QUOTED_STRING>");
    return syntaxError();
  }
  std::string value = Lexer::unquote(current());
  advance();
  return value;
}

Result<int> Parser::parseUnsignedInt() {
  const Token& token = current();
  if (token.kind != TokenKind::kInteger) {
    note("<UNSIGNED_INTEGER_LITERAL>");
    return syntaxError();
  }
  int value = 0;
  auto [end, ec] = std::from_chars(token.text.data(), token.text.data() + token.text.size(), value);
  if (ec != std::errc() || end != token.text.data() + token.text.size()) {
    return errorAt(token.position, fmt::format("Numeric literal '{}' out of range", token.text));
  }
  advance();
  return value;
}

}  // namespace eddy::sql
