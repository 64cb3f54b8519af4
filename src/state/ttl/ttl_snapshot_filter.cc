#include "eddy/state/ttl/ttl_snapshot_filter.h"

#include <algorithm>
#include <map>

namespace eddy::state {

bool readTtlTimestamp(std::string_view bytes, int64_t& timestamp) {
  if (bytes.size() < sizeof(int64_t)) return false;
  uint64_t v = 0;
  for (size_t i = 0; i < sizeof(int64_t); ++i) v = (v << 8) | static_cast<uint8_t>(bytes[i]);
  timestamp = static_cast<int64_t>(v);
  return true;
}

void dropExpiredEntries(StateSnapshot& state, int64_t ttl, int64_t now) {
  for (auto& [key_group, entries] : state.key_groups) {
    std::erase_if(entries, [&](const StateEntry& entry) {
      int64_t timestamp = 0;
      return readTtlTimestamp(entry.value, timestamp) && ttlExpired(timestamp, ttl, now);
    });
  }
  std::erase_if(state.key_groups, [](const auto& group) { return group.second.empty(); });
}

}  // namespace eddy::state
