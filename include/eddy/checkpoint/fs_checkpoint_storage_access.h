#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "eddy/checkpoint/checkpoint_storage_location.h"
#include "eddy/checkpoint/checkpoint_storage_options.h"
#include "eddy/checkpoint/completed_checkpoint.h"
#include "eddy/common/file_system.h"
#include "eddy/common/result.h"

namespace eddy::checkpoint {

// The checkpoint storage of one job on a file system (Flink's FsCheckpointStorageAccess):
// lays out the job's directories as Flink does and hands out a CheckpointStorageLocation per
// checkpoint or savepoint. Thread-safe.
class FsCheckpointStorageAccess {
 public:
  // `job_id` is the 32 hex digits of the JobID. `savepoints_dir` may be nullopt.
  FsCheckpointStorageAccess(std::shared_ptr<FileSystem> fs, const Path& checkpoints_dir,
                            std::optional<Path> savepoints_dir, std::string job_id);

  // Resolves the directories' file systems by scheme. NotSupported for a scheme without a
  // file system, InvalidArgument for a bad path.
  static Result<std::unique_ptr<FsCheckpointStorageAccess>> create(const CheckpointStorageOptions& options,
                                                                   std::string job_id);

  // <checkpoints dir>/<job-id>
  const Path& getCheckpointsDirectory() const { return checkpoints_dir_; }
  // <checkpoints dir>/<job-id>/shared
  const Path& getSharedStateDirectory() const { return shared_state_dir_; }
  // <checkpoints dir>/<job-id>/taskowned
  const Path& getTaskOwnedStateDirectory() const { return task_owned_state_dir_; }
  const std::shared_ptr<FileSystem>& fileSystem() const { return fs_; }

  // Creates the job's checkpoint, shared and taskowned directories.
  Status initializeBaseLocations() const;
  // Creates chk-<checkpoint_id>.
  Result<CheckpointStorageLocation> initializeLocationForCheckpoint(int64_t checkpoint_id) const;
  // Creates savepoint-<job id[0,6)>-<12 random hex digits> in `target_dir`, or in the
  // configured savepoints dir when it is nullopt (InvalidArgument if there is neither).
  Result<CheckpointStorageLocation> initializeLocationForSavepoint(int64_t checkpoint_id,
                                                                   const std::optional<Path>& target_dir) const;
  // Loads the checkpoint or savepoint at `pointer` (see loadCompletedCheckpoint).
  Result<CompletedCheckpoint> resolveCheckpoint(const Path& pointer) const;

 private:
  std::shared_ptr<FileSystem> fs_;
  std::optional<Path> savepoints_dir_;
  std::string job_id_;
  Path checkpoints_dir_;
  Path shared_state_dir_;
  Path task_owned_state_dir_;
};

}  // namespace eddy::checkpoint
