#include "state/rocksdb/incremental_rocksdb_snapshot_resources.h"

#include <fmt/format.h>

#include <filesystem>
#include <optional>
#include <system_error>
#include <utility>

namespace eddy::state {

IncrementalRocksDBSnapshotResources::IncrementalRocksDBSnapshotResources(
    RocksDBIncrementalSnapshotStrategy& strategy, std::string local_dir, std::vector<std::string> files,
    std::map<std::string, RocksDBFileHandle> previous_uploads,
    std::map<std::string, RocksDBStateStore::SstFileChecksum> checksums, IncrementalRemoteKeyedStateHandle handle,
    Target target)
    : strategy_(strategy),
      local_dir_(std::move(local_dir)),
      files_(std::move(files)),
      previous_uploads_(std::move(previous_uploads)),
      checksums_(std::move(checksums)),
      handle_(std::move(handle)),
      target_(std::move(target)) {}

IncrementalRocksDBSnapshotResources::~IncrementalRocksDBSnapshotResources() { deleteLocalDirectory(); }

void IncrementalRocksDBSnapshotResources::deleteLocalDirectory() {
  std::error_code ignored;  // a leftover temporary directory is not worth failing for
  std::filesystem::remove_all(local_dir_, ignored);
}

Result<IncrementalRemoteKeyedStateHandle> IncrementalRocksDBSnapshotResources::upload() {
  std::map<std::string, RocksDBFileHandle> sst_files;
  Status status = uploadFiles(sst_files);
  deleteLocalDirectory();
  if (!status.ok()) {
    // Flink's tmpResourcesRegistry: a failed upload leaves nothing behind.
    (void)handle_.discardUploadedState(*target_.fs);  // the upload's error is the one worth reporting
    return status;
  }
  strategy_.uploaded(handle_.checkpoint_id, std::move(sst_files));
  return std::move(handle_);
}

Status IncrementalRocksDBSnapshotResources::uploadFiles(std::map<std::string, RocksDBFileHandle>& sst_files) {
  FileSystem& fs = *target_.fs;
  for (const std::string& name : files_) {
    const std::string local = local_dir_ + "/" + name;
    if (!name.ends_with(".sst")) {
      // The manifest, CURRENT and OPTIONS: the RocksDB checkpoint's own copies.
      EDDY_ASSIGN_OR_RETURN(
          RocksDBFileHandle file,
          uploadCheckpointFile(fs, local,
                               target_.exclusive_dir.child(fmt::format("{}-{}", handle_.backend_identifier, name)),
                               std::nullopt));
      handle_.checkpointed_size += file.size;
      handle_.private_state.push_back(std::move(file));
      continue;
    }
    if (auto it = previous_uploads_.find(name); it != previous_uploads_.end()) {
      handle_.shared_state.push_back(it->second);
      sst_files.insert(*it);
      continue;
    }
    // Only confirmed files are reused, so a file of a checkpoint still pending (or aborted)
    // is uploaded again, under another name.
    std::optional<RocksDBStateStore::SstFileChecksum> known;
    if (auto it = checksums_.find(name); it != checksums_.end()) known = it->second;
    EDDY_ASSIGN_OR_RETURN(
        RocksDBFileHandle file,
        uploadCheckpointFile(
            fs, local, target_.shared_dir.child(sharedFileName(handle_.backend_identifier, handle_.checkpoint_id, name)),
            known));
    sst_files.emplace(name, file);
    handle_.checkpointed_size += file.size;
    handle_.shared_state.push_back(std::move(file));
  }
  EDDY_RETURN_IF_ERROR(syncLinkedFiles(fs, target_.shared_dir));
  return syncLinkedFiles(fs, target_.exclusive_dir);
}

}  // namespace eddy::state
