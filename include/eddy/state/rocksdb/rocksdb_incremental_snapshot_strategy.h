#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "eddy/common/file_system.h"
#include "eddy/common/result.h"
#include "eddy/state/keyed_state_backend.h"
#include "eddy/state/rocksdb/incremental_keyed_state_handle.h"
#include "eddy/state/rocksdb/rocksdb_state_store.h"

namespace eddy::state {

// Incremental checkpoints of one RocksDB instance (Flink's RocksIncrementalSnapshotStrategy).
// The synchronous part takes a RocksDB checkpoint of the instance (hard links of its SST
// files) and notes which of them a completed checkpoint uploaded already; the asynchronous
// part uploads the others to the shared directory and refers to the rest by the handle of
// their first upload. SST files are immutable, so a name identifies its bytes. Only files of
// completed checkpoints are reused: an aborted checkpoint's may be deleted.
// Thread-safety: called from the backend's task thread, except uploaded(), which the
// asynchronous part calls from its own.
class RocksDBIncrementalSnapshotStrategy {
 public:
  explicit RocksDBIncrementalSnapshotStrategy(std::string backend_identifier)
      : backend_identifier_(std::move(backend_identifier)) {}

  // What the checkpoint needs to know of the backend beyond its files.
  struct BackendInfo {
    KeyGroupRange key_group_range;
    int max_parallelism = 0;
    std::vector<std::pair<std::string, StateType>> states;
    std::set<std::string> ttl_states;
  };

  // The synchronous part of checkpoint `checkpoint_id` of `store`: a RocksDB checkpoint in
  // the local directory `work_dir` (deleted with the resources). Their upload() puts new SST
  // files into `shared_dir`, the other files of the RocksDB checkpoint into `exclusive_dir`.
  // REQUIRES: `fs` and this strategy outlive the resources.
  Result<std::unique_ptr<IncrementalSnapshotResources>> syncPrepareResources(int64_t checkpoint_id,
                                                                             RocksDBStateStore& store,
                                                                             const std::string& work_dir,
                                                                             BackendInfo info, FileSystem& fs,
                                                                             const Path& shared_dir,
                                                                             const Path& exclusive_dir);
  // The checkpoint completed: later checkpoints may refer to its SST files.
  void notifyCheckpointComplete(int64_t checkpoint_id);
  // The instance was restored from `handle`: its SST files are in storage already.
  void restoredFrom(const IncrementalRemoteKeyedStateHandle& handle);

  // The asynchronous part of checkpoint `checkpoint_id` uploaded (or referred to) `files`,
  // by SST file name. Thread-safe.
  void uploaded(int64_t checkpoint_id, std::map<std::string, RocksDBFileHandle> files);

 private:
  std::string backend_identifier_;
  // SST file name → its upload, for the last completed checkpoint. Task thread only.
  std::map<std::string, RocksDBFileHandle> confirmed_;
  std::mutex mutex_;
  // The same for checkpoints uploaded but not completed yet, by checkpoint id. Guarded by
  // mutex_.
  std::map<int64_t, std::map<std::string, RocksDBFileHandle>> pending_;
};

}  // namespace eddy::state
