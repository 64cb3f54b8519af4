#include "eddy/state/rocksdb/rocksdb_incremental_snapshot_strategy.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace eddy::state {

Result<IncrementalRemoteKeyedStateHandle> RocksDBIncrementalSnapshotStrategy::snapshot(
    int64_t checkpoint_id, RocksDBStateStore& store, const std::string& work_dir, BackendInfo info, FileSystem& fs,
    const Path& shared_dir, const Path& exclusive_dir) {
  const std::string& local = work_dir;
  std::error_code error;
  std::filesystem::remove_all(local, error);
  EDDY_RETURN_IF_ERROR(store.createCheckpoint(local));
  IncrementalRemoteKeyedStateHandle handle;
  handle.checkpoint_id = checkpoint_id;
  handle.backend_identifier = backend_identifier_;
  handle.key_group_range = info.key_group_range;
  handle.max_parallelism = info.max_parallelism;
  handle.states = std::move(info.states);
  handle.ttl_states = std::move(info.ttl_states);
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(local, error)) files.push_back(entry.path());
  if (error) return IOError(fmt::format("Could not list {}: {}", local, error.message()));
  std::sort(files.begin(), files.end());
  Status status = Status::OK();
  std::map<std::string, RocksDBFileHandle>& uploaded = pending_[checkpoint_id];
  for (const std::filesystem::path& file : files) {
    std::string name = file.filename().string();
    if (file.extension() == ".sst") {
      if (auto it = confirmed_.find(name); it != confirmed_.end()) {
        handle.shared_state.push_back(it->second);
        uploaded.insert(*it);
        continue;
      }
      // Only confirmed files are reused, so a file of a checkpoint still pending (or aborted)
      // is uploaded again: the checkpoint id in the name keeps the two uploads apart, as
      // Flink's random shared file names do.
      Result<RocksDBFileHandle> up = uploadRocksDBFile(
          fs, file.string(), shared_dir.child(fmt::format("{}-{}-{}", backend_identifier_, checkpoint_id, name)));
      if (!up.ok()) {
        status = up.status();
        break;
      }
      uploaded.emplace(name, *up);
      handle.checkpointed_size += up->size;
      handle.shared_state.push_back(std::move(up).value());
    } else {
      Result<RocksDBFileHandle> up = uploadRocksDBFile(fs, file.string(), exclusive_dir.child(
                                                                              fmt::format("{}-{}", backend_identifier_, name)));
      if (!up.ok()) {
        status = up.status();
        break;
      }
      handle.checkpointed_size += up->size;
      handle.private_state.push_back(std::move(up).value());
    }
  }
  std::filesystem::remove_all(local, error);
  if (!status.ok()) {
    pending_.erase(checkpoint_id);
    return status;
  }
  return handle;
}

void RocksDBIncrementalSnapshotStrategy::notifyCheckpointComplete(int64_t checkpoint_id) {
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
