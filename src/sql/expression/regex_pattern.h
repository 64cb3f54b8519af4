#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "eddy/common/status.h"

namespace eddy::sql {

// A compiled regular expression for REGEXP_EXTRACT and REGEXP_REPLACE, in Java's syntax as
// far as ECMAScript shares it. Backed by std::regex for now (re2, which DESIGN.md names, is
// not installed); this wrapper is the one place to swap. Keeps its last pattern, so a
// constant pattern compiles once per batch. Not thread-safe.
class RegexPattern {
 public:
  RegexPattern();
  ~RegexPattern();

  // Compiles `pattern` unless it is the one already compiled; InvalidArgument when it is
  // not a valid expression.
  Status compile(std::string_view pattern);
  // The `group` of the first match in `text` (0 is the whole match); nullopt when nothing
  // matches or the group does not exist or did not take part.
  std::optional<std::string_view> extract(std::string_view text, int group) const;
  // `text` with every match replaced, "$1" naming groups, as String#replaceAll.
  void replaceAll(std::string_view text, std::string_view replacement, std::string& out) const;

 private:
  struct Compiled;
  std::unique_ptr<Compiled> compiled_;
  std::string pattern_;
  bool valid_ = false;
};

}  // namespace eddy::sql
