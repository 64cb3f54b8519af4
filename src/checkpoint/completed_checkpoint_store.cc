#include "eddy/checkpoint/completed_checkpoint_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "eddy/common/check.h"
#include "eddy/common/logging.h"

namespace eddy::checkpoint {
namespace {

// The N of a "chk-N" directory name, or nullopt for any other name.
std::optional<int64_t> checkpointIdOf(std::string_view name) {
  if (!name.starts_with(kCheckpointDirPrefix)) return std::nullopt;
  name.remove_prefix(kCheckpointDirPrefix.size());
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), id);
  if (ec != std::errc() || end != name.data() + name.size() || name.empty() || id < 0) return std::nullopt;
  return id;
}

struct CheckpointDir {
  int64_t checkpoint_id;
  Path path;
  bool completed;  // has `_metadata`
};

// Every chk-N directory of the job, newest first.
Result<std::vector<CheckpointDir>> listCheckpointDirs(FileSystem& fs, const Path& job_dir) {
  EDDY_ASSIGN_OR_RETURN(bool exists, fs.exists(job_dir));
  std::vector<CheckpointDir> dirs;
  if (!exists) return dirs;
  EDDY_ASSIGN_OR_RETURN(std::vector<FileStatus> entries, fs.listStatus(job_dir));
  for (const FileStatus& entry : entries) {
    const std::optional<int64_t> id = checkpointIdOf(entry.path.getName());
    if (!entry.is_dir || !id) continue;
    EDDY_ASSIGN_OR_RETURN(bool completed, fs.exists(entry.path.child(kMetadataFileName)));
    dirs.push_back({*id, entry.path, completed});
  }
  std::sort(dirs.begin(), dirs.end(), [](const auto& a, const auto& b) { return a.checkpoint_id > b.checkpoint_id; });
  return dirs;
}

}  // namespace

CompletedCheckpointStore::CompletedCheckpointStore(std::shared_ptr<FileSystem> fs, Path job_checkpoints_dir,
                                                   int max_retained)
    : fs_(fs), job_checkpoints_dir_(std::move(job_checkpoints_dir)), max_retained_(max_retained), registry_(fs) {
  EDDY_CHECK_GE(max_retained_, 1);
}

Result<int64_t> CompletedCheckpointStore::getHighestCheckpointId() const {
  EDDY_ASSIGN_OR_RETURN(std::vector<CheckpointDir> dirs, listCheckpointDirs(*fs_, job_checkpoints_dir_));
  return dirs.empty() ? 0 : dirs.front().checkpoint_id;
}

Result<std::vector<CompletedCheckpointStorageLocation>> CompletedCheckpointStore::getAllCheckpoints() const {
  EDDY_ASSIGN_OR_RETURN(std::vector<CheckpointDir> dirs, listCheckpointDirs(*fs_, job_checkpoints_dir_));
  std::vector<CompletedCheckpointStorageLocation> completed;
  for (CheckpointDir& dir : dirs) {
    if (dir.completed) completed.push_back({dir.checkpoint_id, std::move(dir.path)});
  }
  return completed;
}

Status CompletedCheckpointStore::registerCheckpoint(int64_t id, const Path& dir) {
  if (registered_.contains(id)) return Status::OK();
  const Path metadata_file = dir.child(kMetadataFileName);
  EDDY_ASSIGN_OR_RETURN(std::string bytes, fs_->readFully(metadata_file));
  EDDY_ASSIGN_OR_RETURN(CheckpointMetadata metadata, CheckpointMetadataFormat::load(bytes, metadata_file));
  std::vector<state::IncrementalRemoteKeyedStateHandle>& handles = registered_[id];
  for (OperatorState& op : metadata.operators) {
    for (SubtaskState& subtask : op.subtasks) {
      for (state::IncrementalRemoteKeyedStateHandle& handle : subtask.incremental_keyed_state) {
        registry_.registerReferences(handle);
        handles.push_back(std::move(handle));
      }
    }
  }
  return Status::OK();
}

Status CompletedCheckpointStore::unregisterCheckpoint(int64_t id) {
  auto it = registered_.find(id);
  if (it == registered_.end()) return Status::OK();
  Status first_error;
  for (const state::IncrementalRemoteKeyedStateHandle& handle : it->second) {
    Status status = registry_.unregisterReferences(handle);
    if (first_error.ok()) first_error = status;
  }
  registered_.erase(it);
  return first_error;
}

Status CompletedCheckpointStore::addCheckpointAndSubsumeOldestOne(const CompletedCheckpointStorageLocation& checkpoint) {
  EDDY_ASSIGN_OR_RETURN(std::vector<CheckpointDir> dirs, listCheckpointDirs(*fs_, job_checkpoints_dir_));
  const bool found = std::any_of(dirs.begin(), dirs.end(), [&](const CheckpointDir& dir) {
    return dir.completed && dir.checkpoint_id == checkpoint.checkpoint_id;
  });
  if (!found) {
    return NotFound(fmt::format("checkpoint {} has no metadata file '{}'", checkpoint.checkpoint_id,
                                checkpoint.metadataFile().toString()));
  }
  if (!registry_loaded_) {
    // Rebuilds the registry from every completed checkpoint in the directory. One whose
    // metadata cannot be read cannot be restored either: its files are not protected.
    for (const CheckpointDir& dir : dirs) {
      if (!dir.completed || dir.checkpoint_id == checkpoint.checkpoint_id) continue;
      Status status = registerCheckpoint(dir.checkpoint_id, dir.path);
      if (!status.ok()) {
        log::warn("Checkpoint {} at {} is not registered for shared state: {}", dir.checkpoint_id,
                  dir.path.toString(), status.toString());
      }
    }
    registry_loaded_ = true;
  }
  EDDY_RETURN_IF_ERROR(registerCheckpoint(checkpoint.checkpoint_id, checkpoint.external_pointer));
  int retained = 0;
  for (const CheckpointDir& dir : dirs) {
    const bool keep = dir.completed ? ++retained <= max_retained_ : dir.checkpoint_id > checkpoint.checkpoint_id;
    if (keep) continue;
    log::info("Deleting checkpoint {} of {} at {}.", dir.checkpoint_id, job_checkpoints_dir_.getName(),
              dir.path.toString());
    if (dir.completed) EDDY_RETURN_IF_ERROR(unregisterCheckpoint(dir.checkpoint_id));
    EDDY_RETURN_IF_ERROR(fs_->remove(dir.path, true));
  }
  return Status::OK();
}

Result<std::optional<CompletedCheckpoint>> CompletedCheckpointStore::latestValid() const {
  EDDY_ASSIGN_OR_RETURN(std::vector<CompletedCheckpointStorageLocation> checkpoints, getAllCheckpoints());
  Status newest_error;
  for (size_t i = 0; i < checkpoints.size(); ++i) {
    const CompletedCheckpointStorageLocation& location = checkpoints[i];
    Result<CompletedCheckpoint> loaded = loadCompletedCheckpoint(*fs_, location.external_pointer);
    if (loaded.ok()) return std::optional<CompletedCheckpoint>(std::move(loaded).value());
    if (newest_error.ok()) newest_error = loaded.status();
    if (i + 1 < checkpoints.size()) {
      log::warn("Checkpoint {} at {} cannot be restored ({}); falling back to checkpoint {}.", location.checkpoint_id,
                location.external_pointer.toString(), loaded.status().toString(), checkpoints[i + 1].checkpoint_id);
    } else {
      log::error("Checkpoint {} at {} cannot be restored ({}); no older checkpoint is retained.",
                 location.checkpoint_id, location.external_pointer.toString(), loaded.status().toString());
    }
  }
  if (checkpoints.empty()) return std::optional<CompletedCheckpoint>();
  return Corruption(fmt::format("none of the {} retained checkpoints in '{}' can be restored; the newest: {}",
                                checkpoints.size(), job_checkpoints_dir_.toString(), newest_error.message()));
}

}  // namespace eddy::checkpoint
