#pragma once

#include <memory>
#include <vector>

#include "eddy/state/heap/heap_state_base.h"
#include "eddy/state/keyed_state_backend.h"

namespace eddy::state {

// The synchronous part of a heap backend's full snapshot (Flink's HeapSnapshotResources):
// each state's copy-on-write table snapshot, the restored states not used since (shared,
// unchanged), and the participants' (timers') states, already in canonical form. write()
// serializes the tables, leaves expired TTL entries out and sorts the states by name.
class HeapSnapshotResources final : public KeyedSnapshotResources {
 public:
  // One state: its name, type and TTL flag in `header`, its frozen entries, and the state
  // itself for the TTL filter (REQUIRES: it outlives these resources).
  struct FrozenState {
    StateSnapshot header;
    std::unique_ptr<HeapStateSnapshot> entries;
    const HeapStateBase* state;
  };

  HeapSnapshotResources(int max_parallelism, std::vector<FrozenState> states,
                        std::vector<std::shared_ptr<const StateSnapshot>> carried,
                        std::vector<StateSnapshot> participants)
      : max_parallelism_(max_parallelism),
        states_(std::move(states)),
        carried_(std::move(carried)),
        participants_(std::move(participants)) {}

  Result<KeyedStateSnapshot> write() override;

 private:
  int max_parallelism_;
  std::vector<FrozenState> states_;
  std::vector<std::shared_ptr<const StateSnapshot>> carried_;
  std::vector<StateSnapshot> participants_;
};

}  // namespace eddy::state
