// ASCII, LOCATE, INSTR, REGEXP and SIMILAR TO: string functions whose result is a number or
// a boolean, as Flink's SqlFunctionUtils and Calcite's SqlFunctions compute them.
#include <fmt/format.h>

#include <memory>
#include <string>

#include "sql/expression/cast_text.h"
#include "sql/expression/kernels.h"
#include "sql/expression/regex_pattern.h"

namespace eddy::sql::kernels {

namespace {

using F = BuiltInFunction;

// The 1-based character position of `needle` in `haystack` at or after character `from`
// (1-based); 0 when absent or `from` is out of range, as Calcite's SqlFunctions#position.
int32_t locate(std::string_view needle, std::string_view haystack, int32_t from) {
  const int64_t chars = cast_text::codePointCount(haystack);
  if (from < 1 || from - 1 > chars) return 0;
  const size_t start = cast_text::prefixBytes(haystack, from - 1);
  const size_t at = haystack.find(needle, start);
  if (at == std::string_view::npos) return 0;
  return static_cast<int32_t>(cast_text::codePointCount(haystack.substr(0, at)) + 1);
}

// The code of the first character (0 for an empty string), as SqlFunctionUtils#ascii.
int32_t ascii(std::string_view text) {
  if (text.empty()) return 0;
  return static_cast<signed char>(text[0]);
}

// A SIMILAR TO pattern as a regular expression, as Calcite's Like#sqlToRegexSimilar: '%' is
// '.*', '_' is '.', the escape character quotes the next one, and the regex characters that
// SIMILAR TO does not give a meaning ('.', '$', '\') match themselves.
Result<std::string> similarToRegex(std::string_view pattern, std::optional<std::string_view> escape) {
  if (escape && escape->size() != 1) return InvalidArgument(fmt::format("Invalid escape character '{}'", *escape));
  std::string regex;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (escape && c == (*escape)[0]) {
      if (i + 1 == pattern.size()) return InvalidArgument(fmt::format("Invalid escape sequence '{}', {}", pattern, i));
      const char next = pattern[++i];
      if (std::string_view("[]()|^-+*?{}$\\.%_").find(next) != std::string_view::npos) regex.push_back('\\');
      regex.push_back(next);
    } else if (c == '%') {
      regex += ".*";
    } else if (c == '_') {
      regex.push_back('.');
    } else if (c == '.' || c == '$' || c == '\\') {
      regex.push_back('\\');
      regex.push_back(c);
    } else {
      regex.push_back(c);
    }
  }
  return regex;
}

}  // namespace

Status stringSearch(const BoundExpr& call, Args args, size_t n, ColumnVector& out) {
  const F function = call.function;
  std::shared_ptr<const RegexPattern> regex;
  // The SIMILAR TO pattern and escape `regex` was made from, so a constant pattern
  // translates once per batch.
  std::string similar_pattern;
  std::string similar_escape;
  for (size_t i = 0; i < n; ++i) {
    if (vector_ops::anyNull(args, i)) {
      out.appendNull();
      continue;
    }
    auto text = [&](size_t arg) { return args[arg]->stringAt(i); };
    switch (function) {
      case F::kAscii: out.append<int32_t>(ascii(text(0))); break;
      case F::kLocate: out.append<int32_t>(locate(text(0), text(1), args.size() > 2 ? args[2]->valueAt<int32_t>(i) : 1)); break;
      case F::kInstr: out.append<int32_t>(locate(text(1), text(0), 1)); break;
      case F::kRegexp:
        if (!regex || regex->pattern() != text(1)) regex = RegexPattern::cached(text(1));
        // As SqlFunctionUtils#regExp, an invalid pattern gives NULL.
        if (regex->valid()) {
          out.append<bool>(regex->find(text(0)));
        } else {
          out.appendNull();
        }
        break;
      case F::kSimilarTo: {
        const std::string_view escape_text = args.size() > 2 ? text(2) : std::string_view();
        if (!regex || similar_pattern != text(1) || similar_escape != escape_text) {
          std::optional<std::string_view> escape;
          if (args.size() > 2) escape = escape_text;
          EDDY_ASSIGN_OR_RETURN(std::string translated, similarToRegex(text(1), escape));
          regex = RegexPattern::cached(translated);
          similar_pattern = text(1);
          similar_escape = escape_text;
          if (!regex->valid()) return InvalidArgument(fmt::format("Invalid regular expression '{}'", text(1)));
        }
        out.append<bool>(regex->matchesWhole(text(0)));
        break;
      }
      default: return Internal("not a string search function");
    }
  }
  return Status::OK();
}

}  // namespace eddy::sql::kernels
