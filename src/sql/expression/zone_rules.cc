#include "sql/expression/zone_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>

#include "sql/expression/temporal.h"

namespace eddy::sql {

namespace {

int64_t readBigEndian(const std::string& data, size_t at, size_t bytes) {
  uint64_t value = 0;
  for (size_t i = 0; i < bytes; ++i) value = (value << 8) | static_cast<uint8_t>(data[at + i]);
  if (bytes == 4) return static_cast<int32_t>(static_cast<uint32_t>(value));
  return static_cast<int64_t>(value);
}

bool isRegionId(std::string_view id) {
  if (id.empty() || id.front() == '/' || id.find("..") != std::string_view::npos) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' || c == '+';
  });
}

}  // namespace

Result<std::shared_ptr<const ZoneRules>> ZoneRules::cached(std::string_view id) {
  thread_local std::map<std::string, std::shared_ptr<const ZoneRules>, std::less<>> cache;
  if (auto it = cache.find(id); it != cache.end()) return it->second;
  EDDY_ASSIGN_OR_RETURN(ZoneRules rules, load(id));
  auto shared = std::make_shared<const ZoneRules>(std::move(rules));
  if (cache.size() >= 64) cache.clear();
  cache.emplace(std::string(id), shared);
  return shared;
}

Result<ZoneRules> ZoneRules::load(std::string_view id) {
  ZoneRules rules;
  if (Result<temporal::SessionTimeZone> fixed = temporal::SessionTimeZone::of(id); fixed.ok()) {
    rules.offsets_.push_back(fixed->offset_seconds);
    return rules;
  }
  const Status unknown = NotSupported(fmt::format("Unknown time zone '{}': Eddy supports UTC, fixed offsets such as "
                                                  "'+08:00' and the region ids of /usr/share/zoneinfo", id));
  if (!isRegionId(id)) return unknown;
  std::ifstream file("/usr/share/zoneinfo/" + std::string(id), std::ios::binary);
  if (!file) return unknown;
  const std::string data((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  // RFC 8536: a version 1 block with 32-bit times, then (version 2+) a header and a block
  // with 64-bit times, which is the one read when present.
  auto counts = [&](size_t at, size_t index) { return static_cast<size_t>(readBigEndian(data, at + 20 + 4 * index, 4)); };
  if (data.size() < 44 || data.compare(0, 4, "TZif") != 0) return unknown;
  size_t header = 0;
  size_t time_bytes = 4;
  if (data[4] >= '2') {
    const size_t v1 = 44 + counts(0, 3) * 5 + counts(0, 4) * 6 + counts(0, 5) + counts(0, 2) * 8 + counts(0, 1) + counts(0, 0);
    if (data.size() < v1 + 44) return unknown;
    header = v1;
    time_bytes = 8;
  }
  const size_t transitions = counts(header, 3);
  const size_t types = counts(header, 4);
  const size_t times_at = header + 44;
  const size_t indices_at = times_at + transitions * time_bytes;
  const size_t types_at = indices_at + transitions;
  if (types == 0 || data.size() < types_at + types * 6) return unknown;
  auto offsetOfType = [&](size_t type) { return static_cast<int32_t>(readBigEndian(data, types_at + 6 * type, 4)); };
  // Before the first transition: the first standard-time type, as RFC 8536 §3.2 suggests.
  size_t initial = 0;
  while (initial < types && data[types_at + 6 * initial + 4] != 0) ++initial;
  rules.offsets_.push_back(offsetOfType(initial < types ? initial : 0));
  for (size_t i = 0; i < transitions; ++i) {
    const size_t type = static_cast<uint8_t>(data[indices_at + i]);
    if (type >= types) return unknown;
    rules.transitions_.push_back(readBigEndian(data, times_at + i * time_bytes, time_bytes));
    rules.offsets_.push_back(offsetOfType(type));
  }
  return rules;
}

int32_t ZoneRules::offsetAt(int64_t epoch_seconds) const {
  const auto after = std::upper_bound(transitions_.begin(), transitions_.end(), epoch_seconds);
  return offsets_[static_cast<size_t>(after - transitions_.begin())];
}

int32_t ZoneRules::offsetOfLocal(int64_t local_seconds) const {
  // The offset before transition i holds for local times up to the later of its two local
  // readings: in an overlap the earlier offset wins, in a gap the offset before it.
  size_t lo = 0;
  size_t hi = transitions_.size();
  while (lo < hi) {
    const size_t mid = (lo + hi) / 2;
    if (local_seconds < transitions_[mid] + std::max(offsets_[mid], offsets_[mid + 1])) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return offsets_[lo];
}

}  // namespace eddy::sql
