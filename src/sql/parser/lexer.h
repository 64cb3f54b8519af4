#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/result.h"
#include "sql/parser/token.h"

namespace eddy::sql {

// Splits Flink SQL text into tokens, as Calcite's generated token manager with Flink's
// settings: backquoted identifiers, '' escapes in strings, case-insensitive words, `--` and
// `/* */` comments (hints `/*+ ... */` are skipped as comments). The tokens view `input`,
// which must outlive them. Errors are InvalidArgument "SQL parse failed. Lexical error at
// line L, column C: ...".
class Lexer {
 public:
  static Result<std::vector<Token>> tokenize(std::string_view input);

  // The value of a kString, kQuotedIdentifier or kBinaryString token without its quotes
  // and with doubled quotes collapsed.
  static std::string unquote(const Token& token);
};

}  // namespace eddy::sql
