#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/result.h"

namespace eddy::sql {

// The UTC offsets of one time zone over time, as java.time.ZoneRules, for CONVERT_TZ: a
// fixed offset ("UTC", "+08:00", "GMT-03:30") or a region id ("America/Los_Angeles") read
// from the system's TZif database (/usr/share/zoneinfo). After the database's last
// transition the last offset holds (the POSIX rule in the file's footer is not read).
// Immutable; thread-safe.
class ZoneRules {
 public:
  // The rules of `id`, shared from this thread's cache. NotSupported for an unknown id.
  static Result<std::shared_ptr<const ZoneRules>> cached(std::string_view id);

  // The offset in seconds at an instant (epoch seconds).
  int32_t offsetAt(int64_t epoch_seconds) const;
  // The offset of a local date-time (seconds since 1970-01-01T00:00 local); in a gap or an
  // overlap, the offset before the transition, as LocalDateTime#atZone.
  int32_t offsetOfLocal(int64_t local_seconds) const;

 private:
  static Result<ZoneRules> load(std::string_view id);

  std::vector<int64_t> transitions_;  // instants where the offset changes, ascending
  std::vector<int32_t> offsets_;      // offsets_[i + 1] holds from transitions_[i]; offsets_[0] before
};

}  // namespace eddy::sql
