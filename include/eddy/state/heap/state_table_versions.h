#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <set>

namespace eddy::state {

// The versions of one StateTable's copy-on-write scheme (Flink's CopyOnWriteStateMap
// stateMapVersion / highestRequiredSnapshotVersion / snapshotVersions). Every part of the
// table is stamped with the version current when it was created or last copied; taking a
// snapshot starts a new version, and a part stamped with an older version than the newest
// snapshot still in flight may be referenced by that snapshot, so it is copied before it is
// changed. Thread-safety: current() and beginSnapshot() belong to the task thread that owns
// the table; releaseSnapshot() may be called from any thread (the asynchronous snapshot
// part); isShared() from the task thread while snapshots are released concurrently.
class StateTableVersions {
 public:
  // The version that parts created or copied now are stamped with.
  uint64_t current() const { return current_; }
  // Whether a part stamped with `version` may still be read by a snapshot in flight. A
  // stale answer is only ever "shared" (a needless copy), never the reverse: a release
  // publishes the lower bound after the snapshot has finished reading.
  bool isShared(uint64_t version) const { return version < highest_required_.load(std::memory_order_acquire); }

  // Starts a snapshot: parts stamped before it are frozen for it. Returns its version.
  uint64_t beginSnapshot();
  // The snapshot of `version` no longer reads the table.
  void releaseSnapshot(uint64_t version);
  // Number of snapshots in flight.
  size_t numSnapshots() const;

 private:
  uint64_t current_ = 0;
  std::atomic<uint64_t> highest_required_{0};
  mutable std::mutex mutex_;
  std::multiset<uint64_t> in_flight_;
};

}  // namespace eddy::state
