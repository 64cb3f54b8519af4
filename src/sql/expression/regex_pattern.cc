#include "sql/expression/regex_pattern.h"

#include <absl/container/flat_hash_map.h>
#include <absl/strings/string_view.h>
#include <re2/re2.h>

#include <array>

#include "sql/expression/cast_text.h"

namespace eddy::sql {

namespace {

// As Flink's ThreadLocalCache default size. A full cache is emptied rather than kept in
// LRU order: patterns that change per row miss either way, and constant ones refill it at
// once.
constexpr size_t kCacheCapacity = 64;

RE2::Options javaLikeOptions() {
  RE2::Options options;
  // An invalid pattern is a NULL result, not a log line per row.
  options.set_log_errors(false);
  return options;
}

}  // namespace

std::shared_ptr<const RegexPattern> RegexPattern::cached(std::string_view pattern) {
  thread_local absl::flat_hash_map<std::string, std::shared_ptr<const RegexPattern>> cache;
  if (auto it = cache.find(absl::string_view(pattern.data(), pattern.size())); it != cache.end()) return it->second;
  if (cache.size() >= kCacheCapacity) cache.clear();
  auto compiled = std::make_shared<const RegexPattern>(pattern);
  cache.emplace(std::string(pattern), compiled);
  return compiled;
}

RegexPattern::RegexPattern(std::string_view pattern)
    : pattern_(pattern), re_(std::make_unique<re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), javaLikeOptions())) {}

RegexPattern::~RegexPattern() = default;

bool RegexPattern::valid() const { return re_->ok(); }

bool RegexPattern::find(std::string_view text) const {
  const re2::StringPiece input(text.data(), text.size());
  return re_->Match(input, 0, input.size(), RE2::UNANCHORED, nullptr, 0);
}

bool RegexPattern::matchesWhole(std::string_view text) const {
  const re2::StringPiece input(text.data(), text.size());
  return re_->Match(input, 0, input.size(), RE2::ANCHOR_BOTH, nullptr, 0);
}

std::optional<std::string_view> RegexPattern::extract(std::string_view text, int group) const {
  if (group < 0 || group > re_->NumberOfCapturingGroups()) return std::nullopt;
  // Group 0 plus at most the groups up to `group`; small enough for the stack in practice.
  constexpr int kStackGroups = 16;
  std::array<re2::StringPiece, kStackGroups> stack_groups;
  std::unique_ptr<re2::StringPiece[]> heap_groups;
  re2::StringPiece* groups = stack_groups.data();
  if (group >= kStackGroups) {
    heap_groups = std::make_unique<re2::StringPiece[]>(static_cast<size_t>(group) + 1);
    groups = heap_groups.get();
  }
  const re2::StringPiece input(text.data(), text.size());
  if (!re_->Match(input, 0, input.size(), RE2::UNANCHORED, groups, group + 1)) return std::nullopt;
  const re2::StringPiece& match = groups[group];
  // A group that did not take part has no data pointer; an empty one that did has.
  if (match.data() == nullptr) return std::nullopt;
  return std::string_view(match.data(), match.size());
}

void RegexPattern::replaceAll(std::string_view text, std::string_view replacement, std::string& out) const {
  const re2::StringPiece input(text.data(), text.size());
  size_t copied = 0;  // text before this offset is already in `out`
  size_t from = 0;    // where the next search starts
  re2::StringPiece match;
  while (re_->Match(input, from, input.size(), RE2::UNANCHORED, &match, 1)) {
    const size_t begin = static_cast<size_t>(match.data() - text.data());
    const size_t end = begin + match.size();
    out.append(text.substr(copied, begin - copied));
    out.append(replacement);
    copied = end;
    if (!match.empty()) {
      from = end;
      continue;
    }
    // As Matcher#find: after an empty match the next search starts one character later.
    if (end == text.size()) break;
    from = end + cast_text::prefixBytes(text.substr(end), 1);
  }
  out.append(text.substr(copied));
}

}  // namespace eddy::sql
