#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eddy/common/file_system.h"
#include "eddy/common/result.h"
#include "eddy/state/key_group_range.h"
#include "eddy/state/keyed_state_snapshot.h"
#include "eddy/state/rocksdb/incremental_keyed_state_handle.h"

namespace eddy::state {

// Keyed state that lives outside a backend's own states but is part of its snapshots, as
// Flink's heap priority queues of timers (states named "_timer_state/…"): the backend asks
// it for its entries at every snapshot. Used from the task thread.
class KeyedSnapshotParticipant {
 public:
  virtual ~KeyedSnapshotParticipant() = default;
  // Appends the participant's states, entries by key group, to `out`.
  virtual Status snapshot(std::vector<StateSnapshot>& out) const = 0;
};

// The synchronous part of a full keyed snapshot, taken on the task thread: what it refers
// to stays as it was while the task goes on (copy-on-write heap tables, a RocksDB snapshot
// already read), until it is destroyed (Flink's FullSnapshotResources, released). write()
// is the asynchronous part. It may be written and destroyed on another thread.
// REQUIRES: the backend that took it outlives it.
class KeyedSnapshotResources {
 public:
  virtual ~KeyedSnapshotResources() = default;
  // The snapshot in canonical form. Called at most once.
  virtual Result<KeyedStateSnapshot> write() = 0;
};

// Resources whose snapshot was taken whole in the synchronous part (a RocksDB full
// snapshot): write() hands it over.
class TakenSnapshotResources final : public KeyedSnapshotResources {
 public:
  explicit TakenSnapshotResources(KeyedStateSnapshot snapshot) : snapshot_(std::move(snapshot)) {}
  Result<KeyedStateSnapshot> write() override { return std::move(snapshot_); }

 private:
  KeyedStateSnapshot snapshot_;
};

// The synchronous part of an incremental snapshot, taken on the task thread: a native
// checkpoint of the backend's files, which later writes do not change (Flink's
// IncrementalRocksDBSnapshotResources). upload() is the asynchronous part (Flink's
// RocksDBIncrementalSnapshotOperation); it may run, and the resources be destroyed, on
// another thread. Destroying them deletes their local files.
// REQUIRES: the backend that took them outlives them.
class IncrementalSnapshotResources {
 public:
  virtual ~IncrementalSnapshotResources() = default;
  // Puts the checkpoint's files into checkpoint storage and returns their handle; on failure
  // nothing it uploaded is left. Called at most once.
  virtual Result<IncrementalRemoteKeyedStateHandle> upload() = 0;
};

// The keyed state of one parallel operator instance, as Flink's KeyedStateBackend: it owns
// the key groups in its range and scopes every state access to the current key. The
// runtime sees only this type-erased base; operators use the typed KeyedStateBackendT<K>.
class KeyedStateBackend {
 public:
  KeyedStateBackend(KeyGroupRange range, int max_parallelism) : range_(range), max_parallelism_(max_parallelism) {}
  virtual ~KeyedStateBackend() = default;
  KeyedStateBackend(const KeyedStateBackend&) = delete;
  KeyedStateBackend& operator=(const KeyedStateBackend&) = delete;

  const KeyGroupRange& getKeyGroupRange() const { return range_; }
  int getNumberOfKeyGroups() const { return max_parallelism_; }
  // The key group of the current key.
  int getCurrentKeyGroupIndex() const { return current_key_group_; }

  // The synchronous part of a full snapshot of this instance's key groups (Flink's
  // SnapshotStrategy.syncPrepareResources); its write() gives the canonical form.
  virtual Result<std::unique_ptr<KeyedSnapshotResources>> syncPrepareResources() const = 0;
  // Both parts at once: the state of this instance's key groups in canonical form.
  Result<KeyedStateSnapshot> snapshot() const {
    EDDY_ASSIGN_OR_RETURN(std::unique_ptr<KeyedSnapshotResources> resources, syncPrepareResources());
    return resources->write();
  }
  // Takes the entries of `snapshot` that fall into this instance's key groups.
  virtual Status restore(const KeyedStateSnapshot& snapshot) = 0;

  // Whether checkpoints take incremental snapshots (EmbeddedRocksDBStateBackend(true)).
  virtual bool isIncremental() const { return false; }
  // The synchronous part of an incremental snapshot (Flink's
  // RocksIncrementalSnapshotStrategy.syncPrepareResources): its upload() puts new files into
  // `shared_dir` of `fs` and the checkpoint's own files into `exclusive_dir`.
  // REQUIRES: isIncremental(), or a backend that can take incremental snapshots.
  virtual Result<std::unique_ptr<IncrementalSnapshotResources>> syncPrepareIncrementalResources(
      int64_t checkpoint_id, FileSystem& fs, const Path& shared_dir, const Path& exclusive_dir) = 0;
  // Both parts at once.
  Result<IncrementalRemoteKeyedStateHandle> snapshotIncremental(int64_t checkpoint_id, FileSystem& fs,
                                                                const Path& shared_dir, const Path& exclusive_dir) {
    EDDY_ASSIGN_OR_RETURN(std::unique_ptr<IncrementalSnapshotResources> resources,
                          syncPrepareIncrementalResources(checkpoint_id, fs, shared_dir, exclusive_dir));
    return resources->upload();
  }
  // Restores incremental snapshots of the same operator before any state is used. With
  // `reuse_files`, later snapshots may refer to the restored files instead of uploading them
  // again (the restored checkpoint belongs to this job: Flink's CLAIM); otherwise the first
  // snapshot uploads everything (NO_CLAIM). NotSupported on a backend that cannot read them.
  virtual Status restoreIncremental(const std::vector<IncrementalRemoteKeyedStateHandle>& handles, FileSystem& fs,
                                    bool reuse_files) = 0;
  // Checkpoint `checkpoint_id` completed: its uploaded files may be referenced from now on.
  virtual void notifyCheckpointComplete(int64_t /*checkpoint_id*/) {}

  // The names of participant states (timers) start with this, as Flink's timer state names.
  static constexpr std::string_view kTimerStatePrefix = "_timer_state/";
  static bool isParticipantState(std::string_view name) { return name.starts_with(kTimerStatePrefix); }

  // Adds `participant` to every later snapshot. REQUIRES: it stays alive while the backend
  // takes snapshots.
  void registerSnapshotParticipant(const KeyedSnapshotParticipant* participant) {
    participants_.push_back(participant);
  }
  // The restored participant state `name` (this instance's key groups), handed over once;
  // nullopt if the restored snapshot had none.
  std::optional<StateSnapshot> takeRestoredParticipantState(const std::string& name) {
    auto it = restored_participant_states_.find(name);
    if (it == restored_participant_states_.end()) return std::nullopt;
    StateSnapshot state = std::move(it->second);
    restored_participant_states_.erase(it);
    return state;
  }
  // The participants' states, and restored ones no participant took (carried over), alone:
  // what an incremental snapshot adds beside its files.
  Result<KeyedStateSnapshot> snapshotParticipantStates() const {
    KeyedStateSnapshot out;
    out.max_parallelism = max_parallelism_;
    EDDY_RETURN_IF_ERROR(appendParticipantStates(out.states));
    return out;
  }

 protected:
  Status appendParticipantStates(std::vector<StateSnapshot>& out) const {
    for (const KeyedSnapshotParticipant* participant : participants_) EDDY_RETURN_IF_ERROR(participant->snapshot(out));
    for (const auto& [name, state] : restored_participant_states_) out.push_back(state);
    return Status::OK();
  }
  // Keeps a restored participant state until its participant takes it.
  void restoreParticipantState(const StateSnapshot& state) {
    auto [it, inserted] = restored_participant_states_.emplace(state.name, state);
    if (inserted) return;
    for (const auto& [key_group, entries] : state.key_groups) {
      auto& into = it->second.key_groups[key_group];
      into.insert(into.end(), entries.begin(), entries.end());
    }
  }

  int current_key_group_ = 0;

 private:
  KeyGroupRange range_;
  int max_parallelism_;
  std::vector<const KeyedSnapshotParticipant*> participants_;
  std::map<std::string, StateSnapshot> restored_participant_states_;
};

}  // namespace eddy::state
