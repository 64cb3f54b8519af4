#include "sql/expression/like_pattern.h"

#include <fmt/format.h>

namespace eddy::sql {

namespace {

size_t codePointLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

}  // namespace

Status LikePattern::compile(std::string_view pattern, std::optional<std::string_view> escape) {
  literal_.clear();
  ops_.clear();
  char escape_char = 0;
  if (escape) {
    if (escape->size() != 1) return InvalidArgument(fmt::format("Invalid escape character '{}'", *escape));
    escape_char = (*escape)[0];
  }
  auto appendLiteral = [&](char c) {
    if (ops_.empty() || ops_.back().kind != Op::kLiteral) {
      ops_.push_back(Op{Op::kLiteral, static_cast<uint32_t>(literal_.size()), static_cast<uint32_t>(literal_.size())});
    }
    literal_.push_back(c);
    ops_.back().end = static_cast<uint32_t>(literal_.size());
  };
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (escape && c == escape_char) {
      if (i + 1 == pattern.size()) return InvalidArgument(fmt::format("Invalid escape sequence '{}', {}", pattern, i));
      const char next = pattern[i + 1];
      if (next != '%' && next != '_' && next != escape_char) {
        return InvalidArgument(fmt::format("Invalid escape sequence '{}', {}", pattern, i));
      }
      appendLiteral(next);
      ++i;
    } else if (c == '%') {
      if (ops_.empty() || ops_.back().kind != Op::kAnyRun) ops_.push_back(Op{Op::kAnyRun, 0, 0});
    } else if (c == '_') {
      ops_.push_back(Op{Op::kAnyOne, 0, 0});
    } else {
      appendLiteral(c);
    }
  }
  return Status::OK();
}

bool LikePattern::matches(std::string_view text) const {
  // Greedy matching with one backtrack point: the last '%' and where it resumed.
  size_t op = 0;
  size_t pos = 0;
  size_t star_op = SIZE_MAX;
  size_t star_pos = 0;
  while (true) {
    if (op < ops_.size()) {
      const Op& current = ops_[op];
      if (current.kind == Op::kAnyRun) {
        star_op = op++;
        star_pos = pos;
        continue;
      }
      if (current.kind == Op::kAnyOne && pos < text.size()) {
        pos += codePointLength(static_cast<unsigned char>(text[pos]));
        ++op;
        continue;
      }
      if (current.kind == Op::kLiteral) {
        const std::string_view literal(literal_.data() + current.begin, current.end - current.begin);
        if (text.substr(pos, literal.size()) == literal) {
          pos += literal.size();
          ++op;
          continue;
        }
      }
    } else if (pos == text.size()) {
      return true;
    }
    if (star_op == SIZE_MAX || star_pos >= text.size()) return false;
    star_pos += codePointLength(static_cast<unsigned char>(text[star_pos]));
    pos = star_pos;
    op = star_op + 1;
  }
}

}  // namespace eddy::sql
