#include "sql/parser/lexer.h"

#include <fmt/format.h>

namespace eddy::sql {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isWordStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool isWordPart(char c) { return isWordStart(c) || isDigit(c) || c == '$'; }
bool isHexDigit(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Walks the input keeping line and column; columns count UTF-8 characters.
class Scanner {
 public:
  explicit Scanner(std::string_view input) : input_(input) {}

  Result<std::vector<Token>> run() {
    std::vector<Token> tokens;
    tokens.reserve(input_.size() / 4 + 1);
    while (true) {
      EDDY_RETURN_IF_ERROR(skipSpaceAndComments());
      if (at_ >= input_.size()) break;
      EDDY_ASSIGN_OR_RETURN(Token token, next());
      tokens.push_back(token);
    }
    tokens.push_back(Token{TokenKind::kEnd, input_.substr(input_.size()), position_, position_});
    return tokens;
  }

 private:
  char peek(size_t ahead = 0) const { return at_ + ahead < input_.size() ? input_[at_ + ahead] : '\0'; }

  void advance() {
    const char c = input_[at_++];
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) last_ = position_;
    if (c == '\n') {
      ++position_.line;
      position_.column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++position_.column;
    }
  }

  Status error(SourcePosition at, std::string_view what) const {
    return InvalidArgument(fmt::format("SQL parse failed. Lexical error at line {}, column {}: {}", at.line, at.column, what));
  }

  Status skipSpaceAndComments() {
    while (at_ < input_.size()) {
      const char c = peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        advance();
      } else if (c == '-' && peek(1) == '-') {
        while (at_ < input_.size() && peek() != '\n') advance();
      } else if (c == '/' && peek(1) == '*') {
        const SourcePosition start = position_;
        advance();
        advance();
        while (at_ < input_.size() && !(peek() == '*' && peek(1) == '/')) advance();
        if (at_ >= input_.size()) return error(start, "unterminated comment.");
        advance();
        advance();
      } else {
        break;
      }
    }
    return Status::OK();
  }

  // A token from `begin` to the cursor; its position ends at its last character.
  Token make(TokenKind kind, size_t begin, SourcePosition start) const {
    return Token{kind, input_.substr(begin, at_ - begin), start, last_};
  }

  // Consumes a literal quoted by `quote` whose opening quote is at the cursor.
  Status quoted(char quote, SourcePosition start, std::string_view what) {
    advance();
    while (true) {
      if (at_ >= input_.size()) return error(start, fmt::format("unterminated {}.", what));
      if (peek() == quote) {
        advance();
        if (peek() != quote) return Status::OK();
      }
      advance();
    }
  }

  Result<Token> number(size_t begin, SourcePosition start) {
    TokenKind kind = TokenKind::kInteger;
    while (isDigit(peek())) advance();
    if (peek() == '.' && (isDigit(peek(1)) || at_ == begin || !isWordStart(peek(1)))) {
      kind = TokenKind::kDecimal;
      advance();
      while (isDigit(peek())) advance();
    }
    if (peek() == 'e' || peek() == 'E') {
      const size_t sign = (peek(1) == '+' || peek(1) == '-') ? 1 : 0;
      if (!isDigit(peek(1 + sign))) {
        return error(start, fmt::format("malformed number '{}'.", input_.substr(begin, at_ - begin + 1 + sign)));
      }
      kind = TokenKind::kApproxNumber;
      for (size_t i = 0; i <= sign; ++i) advance();
      while (isDigit(peek())) advance();
    }
    return make(kind, begin, start);
  }

  Result<Token> next() {
    const size_t begin = at_;
    const SourcePosition start = position_;
    const char c = peek();
    if ((c == 'x' || c == 'X') && peek(1) == '\'') {
      advance();
      EDDY_RETURN_IF_ERROR(quoted('\'', start, "binary string literal"));
      const std::string_view digits = input_.substr(begin + 2, at_ - begin - 3);
      for (char d : digits) {
        if (!isHexDigit(d)) return error(start, "binary literal string must contain only characters '0' - '9', 'A' - 'F'.");
      }
      return make(TokenKind::kBinaryString, begin, start);
    }
    if (isWordStart(c)) {
      while (isWordPart(peek())) advance();
      return make(TokenKind::kWord, begin, start);
    }
    if (isDigit(c) || (c == '.' && isDigit(peek(1)))) return number(begin, start);
    if (c == '\'') {
      EDDY_RETURN_IF_ERROR(quoted('\'', start, "string literal"));
      return make(TokenKind::kString, begin, start);
    }
    if (c == '`') {
      EDDY_RETURN_IF_ERROR(quoted('`', start, "quoted identifier"));
      if (at_ - begin == 2) return error(start, "empty quoted identifier.");
      return make(TokenKind::kQuotedIdentifier, begin, start);
    }
    const char n = peek(1);
    const bool two = (c == '<' && (n == '>' || n == '=')) || (c == '>' && n == '=') || (c == '!' && n == '=') ||
                     (c == '|' && n == '|') || (c == '=' && n == '>');
    if (two) {
      advance();
      advance();
      return make(TokenKind::kSymbol, begin, start);
    }
    switch (c) {
      case '(': case ')': case '[': case ']': case ',': case ';': case '.': case '*': case '+':
      case '-': case '/': case '%': case '=': case '<': case '>':
        advance();
        return make(TokenKind::kSymbol, begin, start);
      default:
        break;
    }
    const int code = static_cast<unsigned char>(c);
    return error(start, fmt::format("unexpected character '{}' ({}).", c >= 32 && c < 127 ? std::string(1, c) : "?", code));
  }

  std::string_view input_;
  size_t at_ = 0;
  SourcePosition position_;
  SourcePosition last_;  // the position of the last character consumed
};

}  // namespace

Result<std::vector<Token>> Lexer::tokenize(std::string_view input) { return Scanner(input).run(); }

std::string Lexer::unquote(const Token& token) {
  const std::string_view text = token.text;
  const size_t open = token.kind == TokenKind::kBinaryString ? 2 : 1;
  if (text.size() < open + 1) return std::string();
  const char quote = text.back();
  std::string value;
  value.reserve(text.size());
  for (size_t i = open; i + 1 < text.size(); ++i) {
    value.push_back(text[i]);
    if (text[i] == quote) ++i;
  }
  return value;
}

}  // namespace eddy::sql
