#include "sql/expression/regex_pattern.h"

#include <fmt/format.h>

#include <iterator>
#include <regex>

namespace eddy::sql {

struct RegexPattern::Compiled {
  std::regex regex;
};

RegexPattern::RegexPattern() : compiled_(std::make_unique<Compiled>()) {}
RegexPattern::~RegexPattern() = default;

Status RegexPattern::compile(std::string_view pattern) {
  if (valid_ && pattern == pattern_) return Status::OK();
  valid_ = false;
  pattern_.assign(pattern);
  try {
    compiled_->regex = std::regex(pattern_, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return InvalidArgument(fmt::format("invalid regular expression '{}': {}", pattern, e.what()));
  }
  valid_ = true;
  return Status::OK();
}

std::optional<std::string_view> RegexPattern::extract(std::string_view text, int group) const {
  std::match_results<std::string_view::const_iterator> match;
  if (!std::regex_search(text.begin(), text.end(), match, compiled_->regex)) return std::nullopt;
  if (group < 0 || static_cast<size_t>(group) >= match.size() || !match[group].matched) return std::nullopt;
  return text.substr(static_cast<size_t>(match[group].first - text.begin()), static_cast<size_t>(match[group].length()));
}

void RegexPattern::replaceAll(std::string_view text, std::string_view replacement, std::string& out) const {
  std::regex_replace(std::back_inserter(out), text.begin(), text.end(), compiled_->regex, std::string(replacement));
}

}  // namespace eddy::sql
