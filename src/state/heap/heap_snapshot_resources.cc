#include "eddy/state/heap/heap_snapshot_resources.h"

#include <algorithm>

namespace eddy::state {

Result<KeyedStateSnapshot> HeapSnapshotResources::write() {
  KeyedStateSnapshot out;
  out.max_parallelism = max_parallelism_;
  for (FrozenState& frozen : states_) {
    StateSnapshot part = std::move(frozen.header);
    EDDY_RETURN_IF_ERROR(frozen.entries->writeTo(part));
    // The table is written: drop its snapshot now, so that the task stops copying for it.
    frozen.entries.reset();
    EDDY_RETURN_IF_ERROR(frozen.state->filterExpired(part));
    out.states.push_back(std::move(part));
  }
  for (const auto& carried : carried_) out.states.push_back(*carried);
  for (StateSnapshot& participant : participants_) out.states.push_back(std::move(participant));
  std::sort(out.states.begin(), out.states.end(),
            [](const StateSnapshot& a, const StateSnapshot& b) { return a.name < b.name; });
  return out;
}

}  // namespace eddy::state
