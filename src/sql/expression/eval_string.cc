// || and the string functions, with the semantics of Flink's SqlFunctionUtils and
// BinaryStringDataUtil. Characters are UTF-8 code points; results go through one reused
// buffer into the output column's arena.
#include <algorithm>
#include <cctype>
#include <memory>
#include <string>

#include "sql/expression/cast_text.h"
#include "sql/expression/kernels.h"
#include "sql/expression/regex_pattern.h"
#include "sql/expression/string_functions.h"

namespace eddy::sql::kernels {

namespace {

using F = BuiltInFunction;

size_t charLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

// The byte offset of code point `index` (clamped to the end).
size_t offsetOf(std::string_view text, int64_t index) { return cast_text::prefixBytes(text, std::max<int64_t>(index, 0)); }

void substring(std::string_view text, int32_t pos, int32_t length, std::string& out) {
  // BinaryStringDataUtil#substringSQL.
  const int64_t chars = cast_text::codePointCount(text);
  int64_t start = 0;
  if (pos > 0) {
    start = pos - 1;
    if (start >= chars) return;
  } else if (pos < 0) {
    start = chars + pos;
    if (start < 0) return;
  }
  const int64_t end = chars - start < length ? chars : start + length;
  const size_t from = offsetOf(text, start);
  out.append(text.substr(from, offsetOf(text, end) - from));
}

bool inSet(std::string_view set, std::string_view character) { return set.find(character) != std::string_view::npos; }

void trim(std::string_view text, std::string_view chars, int mode, std::string& out) {
  size_t begin = 0;
  size_t end = text.size();
  if (mode != 2) {
    while (begin < end) {
      const size_t len = charLength(static_cast<unsigned char>(text[begin]));
      if (!inSet(chars, text.substr(begin, len))) break;
      begin += len;
    }
  }
  if (mode != 1) {
    while (end > begin) {
      size_t start = end - 1;
      while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
      if (!inSet(chars, text.substr(start, end - start))) break;
      end = start;
    }
  }
  out.append(text.substr(begin, end - begin));
}

void replace(std::string_view text, std::string_view search, std::string_view replacement, std::string& out) {
  if (search.empty()) {
    // As String#replace: the replacement goes before every character and at the end.
    out.append(replacement);
    for (size_t i = 0; i < text.size();) {
      const size_t len = charLength(static_cast<unsigned char>(text[i]));
      out.append(text.substr(i, len));
      out.append(replacement);
      i += len;
    }
    return;
  }
  size_t from = 0;
  for (size_t at = text.find(search); at != std::string_view::npos; at = text.find(search, from)) {
    out.append(text.substr(from, at - from));
    out.append(replacement);
    from = at + search.size();
  }
  out.append(text.substr(from));
}

// SqlFunctionUtils#lpad and #rpad: the result has exactly `length` characters, the base
// cut if longer; NULL for a negative length or an empty pad.
bool pad(std::string_view base, int32_t length, std::string_view padding, bool left, std::string& out) {
  if (length < 0 || padding.empty()) return false;
  const int64_t base_chars = cast_text::codePointCount(base);
  const int64_t pad_chars = cast_text::codePointCount(padding);
  const int64_t fill = std::max<int64_t>(length - base_chars, 0);
  auto appendFill = [&] {
    for (int64_t done = 0; done < fill;) {
      const int64_t take = std::min(pad_chars, fill - done);
      out.append(padding.substr(0, offsetOf(padding, take)));
      done += take;
    }
  };
  if (left) appendFill();
  out.append(base.substr(0, offsetOf(base, std::min<int64_t>(length, base_chars))));
  if (!left) appendFill();
  return true;
}

void initcap(std::string_view text, std::string& out) {
  bool word_start = true;
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      out.push_back(static_cast<char>(word_start ? std::toupper(u) : std::tolower(u)));
      word_start = false;
    } else {
      out.push_back(c);
      word_start = true;
    }
  }
}

void reverse(std::string_view text, std::string& out) {
  size_t end = text.size();
  while (end > 0) {
    size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    out.append(text.substr(start, end - start));
    end = start;
  }
}

// SPLIT_INDEX: the index-th field (0-based) of `text` split at every `delimiter`.
bool splitIndex(std::string_view text, std::string_view delimiter, int32_t index, std::string& out) {
  if (index < 0 || delimiter.empty()) return false;
  size_t from = 0;
  for (int32_t field = 0;; ++field) {
    const size_t at = text.find(delimiter, from);
    const size_t end = at == std::string_view::npos ? text.size() : at;
    if (field == index) {
      out.append(text.substr(from, end - from));
      return true;
    }
    if (at == std::string_view::npos) return false;
    from = at + delimiter.size();
  }
}

int32_t position(std::string_view needle, std::string_view haystack) {
  const size_t at = haystack.find(needle);
  if (at == std::string_view::npos) return 0;
  return static_cast<int32_t>(cast_text::codePointCount(haystack.substr(0, at)) + 1);
}

}  // namespace

Status string(const BoundExpr& call, Args args, size_t n, ColumnVector& out) {
  const F function = call.function;
  if (function == F::kCharLength) {
    for (size_t i = 0; i < n; ++i) {
      if (args[0]->isNull(i)) {
        out.appendNull();
      } else {
        out.append<int32_t>(static_cast<int32_t>(cast_text::codePointCount(args[0]->stringAt(i))));
      }
    }
    return Status::OK();
  }
  if (function == F::kPosition) {
    for (size_t i = 0; i < n; ++i) {
      if (vector_ops::anyNull(args, i)) {
        out.appendNull();
      } else {
        out.append<int32_t>(position(args[0]->stringAt(i), args[1]->stringAt(i)));
      }
    }
    return Status::OK();
  }
  // The pattern of the previous row, so a constant pattern costs one comparison per row.
  std::shared_ptr<const RegexPattern> regex;
  std::string buffer;
  for (size_t i = 0; i < n; ++i) {
    auto text = [&](size_t arg) { return args[arg]->stringAt(i); };
    auto integer = [&](size_t arg) { return args[arg]->valueAt<int32_t>(i); };
    buffer.clear();
    bool present = true;
    if (function == F::kConcatWs) {
      // NULL only for a NULL separator; NULL arguments are skipped.
      present = !args[0]->isNull(i);
      bool first = true;
      for (size_t a = 1; present && a < args.size(); ++a) {
        if (args[a]->isNull(i)) continue;
        if (!first) buffer.append(text(0));
        buffer.append(text(a));
        first = false;
      }
    } else if (function == F::kElt) {
      // ELT(index, s1, s2, ...): NULL for a NULL or out-of-range index.
      const int32_t index = args[0]->isNull(i) ? 0 : integer(0);
      present = index >= 1 && static_cast<size_t>(index) < args.size() && !args[index]->isNull(i);
      if (present) buffer.append(text(static_cast<size_t>(index)));
    } else if (vector_ops::anyNull(args, i)) {
      present = false;
    } else {
      switch (function) {
        case F::kConcat:
        case F::kConcatFunction:
          for (size_t a = 0; a < args.size(); ++a) buffer.append(text(a));
          break;
        case F::kUpper:
          for (char c : text(0)) buffer.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
          break;
        case F::kLower:
          for (char c : text(0)) buffer.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
          break;
        case F::kInitcap: initcap(text(0), buffer); break;
        case F::kReverse: reverse(text(0), buffer); break;
        case F::kTrim: trim(text(1), text(0), integer(2), buffer); break;
        case F::kLtrim: trim(text(0), " ", 1, buffer); break;
        case F::kRtrim: trim(text(0), " ", 2, buffer); break;
        case F::kSubstring: {
          const int32_t length = args.size() > 2 ? integer(2) : INT32_MAX;
          if (length < 0) {
            present = false;
          } else {
            substring(text(0), integer(1), length, buffer);
          }
          break;
        }
        case F::kReplace: replace(text(0), text(1), text(2), buffer); break;
        case F::kLpad:
        case F::kRpad: present = pad(text(0), integer(1), text(2), function == F::kLpad, buffer); break;
        case F::kSplitIndex: present = splitIndex(text(0), text(1), integer(2), buffer); break;
        case F::kRegexpExtract:
        case F::kRegexpReplace: {
          if (!regex || regex->pattern() != text(1)) regex = RegexPattern::cached(text(1));
          // As SqlFunctionUtils, an invalid pattern gives NULL rather than failing the job.
          if (!regex->valid()) {
            present = false;
          } else if (function == F::kRegexpReplace) {
            regex->replaceAll(text(0), text(2), buffer);
          } else {
            // Without an index, SqlFunctionUtils#regexpExtract returns the whole match.
            std::optional<std::string_view> group = regex->extract(text(0), args.size() > 2 ? integer(2) : 0);
            present = group.has_value();
            if (group) buffer.append(*group);
          }
          break;
        }
        case F::kRepeat: string_functions::repeat(text(0), integer(1), buffer); break;
        case F::kOverlay:
          string_functions::overlay(text(0), text(1), integer(2), args.size() > 3 ? integer(3) : -1, buffer);
          break;
        case F::kLeft: string_functions::left(text(0), integer(1), buffer); break;
        case F::kRight: string_functions::right(text(0), integer(1), buffer); break;
        case F::kToBase64: string_functions::toBase64(text(0), buffer); break;
        case F::kFromBase64: present = string_functions::fromBase64(text(0), buffer); break;
        case F::kChr: string_functions::chr(args[0]->valueAt<int64_t>(i), buffer); break;
        case F::kTranslate: string_functions::translate(text(0), text(1), text(2), buffer); break;
        case F::kBin: string_functions::bin(args[0]->valueAt<int64_t>(i), buffer); break;
        case F::kHex:
          if (args[0]->type().root() == types::LogicalTypeRoot::BIGINT) {
            string_functions::hex(args[0]->valueAt<int64_t>(i), buffer);
          } else {
            string_functions::hex(text(0), buffer);
          }
          break;
        default: return Internal("not a string function");
      }
    }
    if (present) {
      out.appendString(buffer);
    } else {
      out.appendNull();
    }
  }
  return Status::OK();
}

}  // namespace eddy::sql::kernels
