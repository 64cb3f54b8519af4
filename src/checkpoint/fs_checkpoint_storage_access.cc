#include "eddy/checkpoint/fs_checkpoint_storage_access.h"

#include <fmt/format.h>

#include "checkpoint/random_names.h"

namespace eddy::checkpoint {
namespace {

// Flink tries this many random savepoint names before it gives up.
constexpr int kSavepointDirectoryAttempts = 10;

}  // namespace

FsCheckpointStorageAccess::FsCheckpointStorageAccess(std::shared_ptr<FileSystem> fs, const Path& checkpoints_dir,
                                                     std::optional<Path> savepoints_dir, std::string job_id)
    : fs_(std::move(fs)),
      savepoints_dir_(std::move(savepoints_dir)),
      job_id_(std::move(job_id)),
      checkpoints_dir_(checkpoints_dir.child(job_id_)),
      shared_state_dir_(checkpoints_dir_.child(kCheckpointSharedStateDir)),
      task_owned_state_dir_(checkpoints_dir_.child(kCheckpointTaskOwnedStateDir)) {}

Result<std::unique_ptr<FsCheckpointStorageAccess>> FsCheckpointStorageAccess::create(
    const CheckpointStorageOptions& options, std::string job_id) {
  EDDY_ASSIGN_OR_RETURN(Path checkpoints_dir, Path::parse(options.checkpoints_dir));
  EDDY_ASSIGN_OR_RETURN(std::shared_ptr<FileSystem> fs, FileSystem::get(checkpoints_dir));
  std::optional<Path> savepoints_dir;
  if (!options.savepoints_dir.empty()) {
    EDDY_ASSIGN_OR_RETURN(savepoints_dir, Path::parse(options.savepoints_dir));
    // One FileSystem serves the job's checkpoints and savepoints.
    EDDY_ASSIGN_OR_RETURN(std::shared_ptr<FileSystem> savepoints_fs, FileSystem::get(*savepoints_dir));
    if (savepoints_fs != fs) {
      return NotSupported(fmt::format("savepoints dir '{}' is on another file system than checkpoints dir '{}'",
                                      options.savepoints_dir, options.checkpoints_dir));
    }
  }
  return std::make_unique<FsCheckpointStorageAccess>(std::move(fs), checkpoints_dir, std::move(savepoints_dir),
                                                     std::move(job_id));
}

Status FsCheckpointStorageAccess::initializeBaseLocations() const {
  EDDY_RETURN_IF_ERROR(fs_->mkdirs(shared_state_dir_));
  return fs_->mkdirs(task_owned_state_dir_);
}

Result<CheckpointStorageLocation> FsCheckpointStorageAccess::initializeLocationForCheckpoint(
    int64_t checkpoint_id) const {
  Path dir = checkpoints_dir_.child(fmt::format("{}{}", kCheckpointDirPrefix, checkpoint_id));
  EDDY_RETURN_IF_ERROR(fs_->mkdirs(dir));
  return CheckpointStorageLocation(fs_, checkpoint_id, std::move(dir), shared_state_dir_, task_owned_state_dir_);
}

Result<CheckpointStorageLocation> FsCheckpointStorageAccess::initializeLocationForSavepoint(
    int64_t checkpoint_id, const std::optional<Path>& target_dir) const {
  const std::optional<Path>& base = target_dir ? target_dir : savepoints_dir_;
  if (!base) return InvalidArgument("No savepoint location given and no default location configured.");
  const std::string prefix = fmt::format("savepoint-{}-", job_id_.substr(0, 6));
  Status last_error;
  for (int attempt = 0; attempt < kSavepointDirectoryAttempts; ++attempt) {
    Path dir = base->child(prefix + randomHex(12));
    Result<bool> exists = fs_->exists(dir);
    if (!exists.ok()) {
      last_error = exists.status();
      continue;
    }
    if (*exists) continue;
    last_error = fs_->mkdirs(dir);
    if (last_error.ok()) return CheckpointStorageLocation(fs_, checkpoint_id, dir, dir, dir);
  }
  return IOError(fmt::format("Failed to create savepoint directory at {}{}", base->toString(),
                             last_error.ok() ? "" : ": " + last_error.toString()));
}

Result<CompletedCheckpoint> FsCheckpointStorageAccess::resolveCheckpoint(const Path& pointer) const {
  return loadCompletedCheckpoint(*fs_, pointer);
}

}  // namespace eddy::checkpoint
