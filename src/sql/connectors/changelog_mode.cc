#include "sql/connectors/changelog_mode.h"

#include <string_view>

namespace eddy::sql {

using types::RowKind;

ChangelogMode ChangelogMode::insertOnly() { return ChangelogMode().add(RowKind::INSERT); }

ChangelogMode ChangelogMode::upsert() {
  return ChangelogMode().add(RowKind::INSERT).add(RowKind::UPDATE_AFTER).add(RowKind::DELETE);
}

ChangelogMode ChangelogMode::all() { return upsert().add(RowKind::UPDATE_BEFORE); }

Result<ChangelogMode> ChangelogMode::parse(const std::string& text) {
  ChangelogMode mode;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string_view part(text.data() + start, comma - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (part == "I") {
      mode.add(RowKind::INSERT);
    } else if (part == "UB") {
      mode.add(RowKind::UPDATE_BEFORE);
    } else if (part == "UA") {
      mode.add(RowKind::UPDATE_AFTER);
    } else if (part == "D") {
      mode.add(RowKind::DELETE);
    } else {
      return InvalidArgument("Invalid ChangelogMode string: " + text);
    }
    start = comma + 1;
  }
  return mode;
}

ChangelogMode ChangelogMode::unionWith(const ChangelogMode& other) const {
  ChangelogMode mode = *this;
  mode.bits_ |= other.bits_;
  return mode;
}

std::string ChangelogMode::toString() const {
  static constexpr std::pair<RowKind, std::string_view> kNames[] = {{RowKind::INSERT, "I"},
                                                                     {RowKind::UPDATE_BEFORE, "UB"},
                                                                     {RowKind::UPDATE_AFTER, "UA"},
                                                                     {RowKind::DELETE, "D"}};
  std::string out;
  for (const auto& [kind, name] : kNames) {
    if (!contains(kind)) continue;
    if (!out.empty()) out += ',';
    out += name;
  }
  return out;
}

}  // namespace eddy::sql
