#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "eddy/common/file_system.h"
#include "eddy/state/keyed_state_backend.h"
#include "eddy/state/rocksdb/incremental_keyed_state_handle.h"
#include "eddy/state/rocksdb/rocksdb_incremental_snapshot_strategy.h"
#include "eddy/state/rocksdb/rocksdb_state_store.h"

namespace eddy::state {

// What the synchronous part of an incremental RocksDB checkpoint took (Flink's
// IncrementalRocksDBSnapshotResources): the local RocksDB checkpoint's directory and files,
// the SST files a completed checkpoint uploaded already, and the checksums RocksDB computed.
// upload() is the asynchronous part (Flink's RocksDBIncrementalSnapshotOperation): it
// uploads the other files and reports them to the strategy. The local directory is deleted
// after the upload or with the resources. Used by one thread at a time.
class IncrementalRocksDBSnapshotResources final : public IncrementalSnapshotResources {
 public:
  // Where the files go.
  struct Target {
    FileSystem* fs = nullptr;
    Path shared_dir;
    Path exclusive_dir;
  };

  // `handle` has everything but the files. REQUIRES: `strategy` and `target.fs` outlive it.
  IncrementalRocksDBSnapshotResources(RocksDBIncrementalSnapshotStrategy& strategy, std::string local_dir,
                                      std::vector<std::string> files,
                                      std::map<std::string, RocksDBFileHandle> previous_uploads,
                                      std::map<std::string, RocksDBStateStore::SstFileChecksum> checksums,
                                      IncrementalRemoteKeyedStateHandle handle, Target target);
  ~IncrementalRocksDBSnapshotResources() override;
  IncrementalRocksDBSnapshotResources(const IncrementalRocksDBSnapshotResources&) = delete;
  IncrementalRocksDBSnapshotResources& operator=(const IncrementalRocksDBSnapshotResources&) = delete;

  Result<IncrementalRemoteKeyedStateHandle> upload() override;

 private:
  // Uploads every file into handle_; the uploads so far stay in handle_ when it fails.
  Status uploadFiles(std::map<std::string, RocksDBFileHandle>& sst_files);
  void deleteLocalDirectory();

  RocksDBIncrementalSnapshotStrategy& strategy_;
  std::string local_dir_;
  std::vector<std::string> files_;  // names in local_dir_, sorted
  std::map<std::string, RocksDBFileHandle> previous_uploads_;
  std::map<std::string, RocksDBStateStore::SstFileChecksum> checksums_;
  IncrementalRemoteKeyedStateHandle handle_;
  Target target_;
};

}  // namespace eddy::state
