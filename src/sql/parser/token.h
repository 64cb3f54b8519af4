#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sql/parser/source_position.h"

namespace eddy::sql {

enum class TokenKind : uint8_t {
  kEnd,               // end of input
  kWord,              // a keyword or an unquoted identifier; which one depends on context
  kQuotedIdentifier,  // `name`
  kString,            // 'text'
  kBinaryString,      // X'0F'
  kInteger,           // 42
  kDecimal,           // 4.2
  kApproxNumber,      // 4.2E1
  kSymbol,            // punctuation and operators: ( ) [ ] , ; . * + - / % = <> != < <= > >= || =>
};

// A token: a view of its text in the input, where it starts and where its last character
// is. Quoted tokens keep their quotes; Lexer::unquote gives the value.
struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string_view text;
  SourcePosition position;  // the start only
  SourcePosition last;      // the last character (the start for kEnd)
};

}  // namespace eddy::sql
