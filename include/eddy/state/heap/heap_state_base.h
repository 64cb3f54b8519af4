#pragma once

#include <cstddef>
#include <memory>
#include <type_traits>
#include <utility>

#include "eddy/common/status.h"
#include "eddy/state/keyed_state_snapshot.h"
#include "eddy/state/state_descriptor.h"

namespace eddy::state {

// One heap state's entries frozen by the synchronous part of a snapshot, written out in
// canonical form by the asynchronous part (Flink's StateSnapshot of a heap state). It may be
// written and destroyed on another thread than the state's, while the state changes.
class HeapStateSnapshot {
 public:
  virtual ~HeapStateSnapshot() = default;
  // Adds the entries to `out` (whose name and type the backend sets).
  virtual Status writeTo(StateSnapshot& out) const = 0;
};

// What the heap backend knows of each of its states without their types: enough to
// register them by name and to snapshot and restore them in the canonical form.
class HeapStateBase {
 public:
  virtual ~HeapStateBase() = default;
  // Number of (key, namespace) entries held.
  virtual size_t numEntries() const = 0;
  virtual StateType type() const = 0;
  // This state's entries as they are now, O(key groups) (copy-on-write: see StateTable).
  // REQUIRES: the state is on the heap backend (RocksDB state is snapshotted by its
  // RocksDBInstance).
  virtual std::unique_ptr<HeapStateSnapshot> stateSnapshot() const = 0;
  // Loads the entries of `in` that fall into this state's key-group range.
  virtual Status restore(const StateSnapshot& in) = 0;

  // For state with TTL (see StateTtlConfig):
  virtual bool hasTtl() const = 0;
  // Leaves the expired entries out of `out`, a full snapshot of this state, when the TTL
  // config asks for cleanup in full snapshots. May run on the asynchronous snapshot thread:
  // it reads only the TTL settings and the clock.
  virtual Status filterExpired(StateSnapshot& out) const = 0;
  // Whether cleanupIncrementally() is to run for every record (not only on state access).
  virtual bool cleansUpForEveryRecord() const = 0;
  virtual void cleanupIncrementally() = 0;
};

// The TTL decorator slot of a state whose values are already TtlValues: never filled.
struct NoTtlState {};

// A heap state class's TTL decorator, set when its descriptor enables TTL (the class then
// forwards every call to it; see HeapValueState), and the TTL calls of the backend.
template <typename TtlState>
class HeapStateWithTtl : public HeapStateBase {
 public:
  bool hasTtl() const override { return ttl_ != nullptr; }
  Status filterExpired(StateSnapshot& out) const override {
    if constexpr (kTtlCapable) {
      if (ttl_) return ttl_->filterSnapshot(out);
    }
    return Status::OK();
  }
  bool cleansUpForEveryRecord() const override {
    if constexpr (kTtlCapable) return ttl_ && ttl_->cleansUpForEveryRecord();
    return false;
  }
  void cleanupIncrementally() override {
    if constexpr (kTtlCapable) {
      if (ttl_) ttl_->cleanupIncrementally();
    }
  }

 protected:
  static constexpr bool kTtlCapable = !std::is_same_v<TtlState, NoTtlState>;

  HeapStateWithTtl() = default;
  explicit HeapStateWithTtl(std::unique_ptr<TtlState> ttl) : ttl_(std::move(ttl)) {}

  std::unique_ptr<TtlState> ttl_;
};

}  // namespace eddy::state
