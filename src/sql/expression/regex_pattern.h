#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace eddy::sql {

// A compiled regular expression for REGEXP_EXTRACT and REGEXP_REPLACE, on RE2. Flink's
// functions take java.util.regex patterns; RE2 shares their syntax except backreferences
// and lookaround, which it rejects, so such a pattern counts as invalid. Matching follows
// java.util.regex.Matcher#find (leftmost, first alternative wins). Immutable: const methods
// are thread-safe.
class RegexPattern {
 public:
  // The compiled `pattern`, shared from this thread's cache of recently used patterns (as
  // SqlFunctionUtils' REGEXP_PATTERN_CACHE), so a constant pattern compiles once per thread
  // and an invalid one is not retried per row. Never null; see valid().
  static std::shared_ptr<const RegexPattern> cached(std::string_view pattern);

  explicit RegexPattern(std::string_view pattern);
  ~RegexPattern();
  RegexPattern(const RegexPattern&) = delete;
  RegexPattern& operator=(const RegexPattern&) = delete;

  const std::string& pattern() const { return pattern_; }
  // False when RE2 rejects the pattern; the functions then give NULL, as Flink's do when
  // Pattern.compile throws.
  bool valid() const;

  // The `group` of the first match in `text` (0 is the whole match); nullopt when nothing
  // matches or the group does not exist or did not take part. REQUIRES: valid().
  std::optional<std::string_view> extract(std::string_view text, int group) const;
  // Whether the pattern matches somewhere in `text` (Matcher#find), for REGEXP.
  // REQUIRES: valid().
  bool find(std::string_view text) const;
  // Whether the pattern matches all of `text` (Matcher#matches), for SIMILAR TO.
  // REQUIRES: valid().
  bool matchesWhole(std::string_view text) const;
  // Appends `text` with every match replaced by `replacement`, taken literally: Flink's
  // regexpReplace passes it through Matcher.quoteReplacement, so "$1" and "\" are plain
  // characters. Empty matches are replaced as String#replaceAll does ("-a-b-" for
  // 'ab', 'x*', '-'). REQUIRES: valid().
  void replaceAll(std::string_view text, std::string_view replacement, std::string& out) const;

 private:
  std::string pattern_;
  std::unique_ptr<re2::RE2> re_;
};

}  // namespace eddy::sql
