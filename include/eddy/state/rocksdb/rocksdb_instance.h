#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "eddy/common/file_system.h"
#include "eddy/common/result.h"
#include "eddy/state/key_group_range.h"
#include "eddy/state/keyed_state_snapshot.h"
#include "eddy/state/rocksdb/incremental_keyed_state_handle.h"
#include "eddy/state/rocksdb/rocksdb_incremental_snapshot_strategy.h"
#include "eddy/state/rocksdb/rocksdb_state_store.h"
#include "eddy/state/state_descriptor.h"

namespace eddy::state {

// The untyped part of a keyed state backend on RocksDB (Flink's RocksDBKeyedStateBackend
// without the typed state factory): a fresh local directory with the store, the column
// family of every state, canonical snapshots and restores by key-group iteration, and
// incremental checkpoints. The directory is deleted with the instance. Not thread-safe:
// used from the backend's task thread (the upload of an incremental checkpoint runs on
// another).
class RocksDBInstance {
 public:
  // Creates <local_dir>/eddy-rocksdb-<pid>-<random>/ and an empty store in its db/ (RocksDB
  // opens there when first needed). The first call of a process for a local_dir removes the
  // directories there of processes that are no longer running.
  static Result<std::unique_ptr<RocksDBInstance>> create(const std::string& local_dir, KeyGroupRange range,
                                                         int max_parallelism);
  ~RocksDBInstance();
  RocksDBInstance(const RocksDBInstance&) = delete;
  RocksDBInstance& operator=(const RocksDBInstance&) = delete;

  RocksDBStateStore& store() { return *store_; }
  const std::string& directory() const { return dir_; }
  int keyGroupPrefixBytes() const { return prefix_bytes_; }

  // The column family of state `name`, created if absent. `ttl`: whether its values are
  // TtlValues; a state restored with the other answer cannot be read (Flink's
  // StateMigrationException).
  Result<int> registerState(const std::string& name, StateType type, bool ttl);

  // Every state's entries in this instance's key groups, in canonical form, by name.
  // REQUIRES: the states' pending writes are flushed.
  Result<KeyedStateSnapshot> snapshot();
  // Writes the entries of `snapshot` in this instance's key groups.
  Status restore(const KeyedStateSnapshot& snapshot);

  // The synchronous part of an incremental checkpoint (see
  // RocksDBIncrementalSnapshotStrategy). REQUIRES: the states' pending writes are flushed;
  // the resources are destroyed before the instance.
  Result<std::unique_ptr<IncrementalSnapshotResources>> syncPrepareIncrementalResources(int64_t checkpoint_id,
                                                                                        FileSystem& fs,
                                                                                        const Path& shared_dir,
                                                                                        const Path& exclusive_dir);
  void notifyCheckpointComplete(int64_t checkpoint_id) { strategy_.notifyCheckpointComplete(checkpoint_id); }
  // Restores incremental checkpoints of the same operator. One handle of exactly this
  // instance's key groups: its files become the store, and with `reuse_files` the next
  // checkpoints refer to its SST files instead of uploading them again. Otherwise
  // (rescaling): each handle's files are opened aside and this instance's key groups copied
  // out of them. REQUIRES: no state registered yet.
  Status restoreIncremental(const std::vector<IncrementalRemoteKeyedStateHandle>& handles, FileSystem& fs,
                            bool reuse_files);

 private:
  RocksDBInstance(std::string dir, std::unique_ptr<RocksDBStateStore> store, KeyGroupRange range, int max_parallelism);

  std::string dir_;
  std::unique_ptr<RocksDBStateStore> store_;
  KeyGroupRange range_;
  int max_parallelism_;
  int prefix_bytes_;
  struct RegisteredState {
    StateType type;
    bool ttl;
  };
  std::map<std::string, RegisteredState> states_;
  RocksDBIncrementalSnapshotStrategy strategy_;
  int restores_ = 0;
};

}  // namespace eddy::state
