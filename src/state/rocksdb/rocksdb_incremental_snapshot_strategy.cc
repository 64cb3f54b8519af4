#include "eddy/state/rocksdb/rocksdb_incremental_snapshot_strategy.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "state/rocksdb/incremental_rocksdb_snapshot_resources.h"

namespace eddy::state {

Result<std::unique_ptr<IncrementalSnapshotResources>> RocksDBIncrementalSnapshotStrategy::syncPrepareResources(
    int64_t checkpoint_id, RocksDBStateStore& store, const std::string& work_dir, BackendInfo info, FileSystem& fs,
    const Path& shared_dir, const Path& exclusive_dir) {
  std::error_code error;
  std::filesystem::remove_all(work_dir, error);
  Result<std::map<std::string, RocksDBStateStore::SstFileChecksum>> checksums = store.createCheckpoint(work_dir);
  std::vector<std::string> files;
  if (checksums.ok()) {
    for (const auto& entry : std::filesystem::directory_iterator(work_dir, error)) {
      files.push_back(entry.path().filename().string());
    }
    if (error) checksums = IOError(fmt::format("Could not list {}: {}", work_dir, error.message()));
  }
  if (!checksums.ok()) {
    std::filesystem::remove_all(work_dir, error);
    return checksums.status();
  }
  std::sort(files.begin(), files.end());
  // The SST files of the last completed checkpoint that this one has too.
  std::map<std::string, RocksDBFileHandle> previous_uploads;
  for (const std::string& name : files) {
    if (auto it = confirmed_.find(name); it != confirmed_.end()) previous_uploads.insert(*it);
  }
  IncrementalRemoteKeyedStateHandle handle;
  handle.checkpoint_id = checkpoint_id;
  handle.backend_identifier = backend_identifier_;
  handle.key_group_range = info.key_group_range;
  handle.max_parallelism = info.max_parallelism;
  handle.states = std::move(info.states);
  handle.ttl_states = std::move(info.ttl_states);
  return std::unique_ptr<IncrementalSnapshotResources>(std::make_unique<IncrementalRocksDBSnapshotResources>(
      *this, work_dir, std::move(files), std::move(previous_uploads), std::move(checksums).value(), std::move(handle),
      IncrementalRocksDBSnapshotResources::Target{&fs, shared_dir, exclusive_dir}));
}

void RocksDBIncrementalSnapshotStrategy::uploaded(int64_t checkpoint_id,
                                                  std::map<std::string, RocksDBFileHandle> files) {
  std::lock_guard<std::mutex> lock(mutex_);
  pending_[checkpoint_id] = std::move(files);
}

void RocksDBIncrementalSnapshotStrategy::notifyCheckpointComplete(int64_t checkpoint_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = pending_.find(checkpoint_id);
  if (it == pending_.end()) return;
  confirmed_ = std::move(it->second);
  pending_.erase(pending_.begin(), std::next(it));
}

void RocksDBIncrementalSnapshotStrategy::restoredFrom(const IncrementalRemoteKeyedStateHandle& handle) {
  confirmed_.clear();
  for (const RocksDBFileHandle& file : handle.shared_state) confirmed_.emplace(file.file_name, file);
}

}  // namespace eddy::state
