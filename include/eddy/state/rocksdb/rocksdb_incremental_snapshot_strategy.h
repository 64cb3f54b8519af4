#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "eddy/common/file_system.h"
#include "eddy/common/result.h"
#include "eddy/state/rocksdb/incremental_keyed_state_handle.h"
#include "eddy/state/rocksdb/rocksdb_state_store.h"

namespace eddy::state {

// Incremental checkpoints of one RocksDB instance (Flink's RocksIncrementalSnapshotStrategy):
// a RocksDB checkpoint of the instance, then only the SST files that no completed
// checkpoint uploaded before go to the shared directory; the others are referenced by the
// handle of their first upload. SST files are immutable, so a name identifies its bytes.
// Only files of completed checkpoints are reused: an aborted checkpoint's may be deleted.
// Not thread-safe: used from the backend's task thread.
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

  // Takes checkpoint `checkpoint_id` of `store`, through a RocksDB checkpoint in the local
  // directory `work_dir` (deleted afterwards): new SST files are uploaded to `shared_dir`,
  // the other files of the RocksDB checkpoint to `exclusive_dir`.
  Result<IncrementalRemoteKeyedStateHandle> snapshot(int64_t checkpoint_id, RocksDBStateStore& store,
                                                     const std::string& work_dir, BackendInfo info, FileSystem& fs,
                                                     const Path& shared_dir, const Path& exclusive_dir);
  // The checkpoint completed: later checkpoints may refer to its SST files.
  void notifyCheckpointComplete(int64_t checkpoint_id);
  void notifyCheckpointAborted(int64_t checkpoint_id) { pending_.erase(checkpoint_id); }
  // The instance was restored from `handle`: its SST files are in storage already.
  void restoredFrom(const IncrementalRemoteKeyedStateHandle& handle);

 private:
  std::string backend_identifier_;
  // SST file name → its upload, for the last completed checkpoint.
  std::map<std::string, RocksDBFileHandle> confirmed_;
  // The same for checkpoints taken but not completed yet, by checkpoint id.
  std::map<int64_t, std::map<std::string, RocksDBFileHandle>> pending_;
};

}  // namespace eddy::state
