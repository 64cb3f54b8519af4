#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eddy/state/keyed_state_snapshot.h"
#include "eddy/state/ttl/ttl_value.h"
#include "eddy/types/type_serializer.h"

namespace eddy::state {

// Full-snapshot cleanup of TTL state (Flink's TtlStateSnapshotTransformer): expired entries are
// left out of the canonical snapshot.

// For states whose canonical value is one TtlValue (value, map entries, reducing,
// aggregating): the value bytes start with the big-endian last-access timestamp.
void dropExpiredEntries(StateSnapshot& state, int64_t ttl, int64_t now);

// The last-access timestamp at the start of TtlValue bytes; false if there are fewer than 8.
bool readTtlTimestamp(std::string_view bytes, int64_t& timestamp);

// For list state: each element carries its own timestamp; expired elements are dropped and a
// list left empty is dropped whole.
template <typename V>
Status dropExpiredListElements(StateSnapshot& state, int64_t ttl, int64_t now) {
  for (auto& [key_group, entries] : state.key_groups) {
    std::vector<StateEntry> kept;
    kept.reserve(entries.size());
    for (StateEntry& entry : entries) {
      EDDY_ASSIGN_OR_RETURN(std::vector<TtlValue<V>> list,
                            types::deserializeFromBytes<std::vector<TtlValue<V>>>(entry.value));
      std::erase_if(list, [&](const TtlValue<V>& v) { return ttlExpired(v.last_access_timestamp, ttl, now); });
      if (list.empty()) continue;
      entry.value = types::serializeToBytes(list);
      kept.push_back(std::move(entry));
    }
    entries = std::move(kept);
  }
  std::erase_if(state.key_groups, [](const auto& group) { return group.second.empty(); });
  return Status::OK();
}

}  // namespace eddy::state
