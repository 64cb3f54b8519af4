#pragma once

#include <cstdint>
#include <memory>

#include "eddy/checkpoint/checkpoint_metadata.h"
#include "eddy/checkpoint/checkpoint_state_output_stream.h"
#include "eddy/checkpoint/completed_checkpoint.h"
#include "eddy/common/file_system.h"
#include "eddy/common/result.h"

namespace eddy::checkpoint {

// Which directory a state file goes to (Flink's CheckpointedStateScope): kExclusive into
// the checkpoint's own chk-N, kShared into shared/ where later (incremental) checkpoints may
// refer to it too.
enum class CheckpointedStateScope { kExclusive, kShared };

// The storage of one checkpoint or savepoint while it is taken (Flink's
// FsCheckpointStorageLocation): tasks create state files through it, and the coordinator
// finishes it by writing `_metadata`, last and atomically, so that a checkpoint whose
// `_metadata` exists is complete. For a savepoint the three directories are the same.
// Thread-safe: streams may be created from many tasks at once.
//
// Lifecycle: created by FsCheckpointStorageAccess → state files written → finalizeCheckpoint
// (or disposeOnFailure when the checkpoint is aborted).
class CheckpointStorageLocation {
 public:
  CheckpointStorageLocation(std::shared_ptr<FileSystem> fs, int64_t checkpoint_id, Path checkpoint_dir,
                            Path shared_state_dir, Path task_owned_state_dir);

  int64_t checkpointId() const { return checkpoint_id_; }
  const Path& getCheckpointDirectory() const { return checkpoint_dir_; }
  const Path& getSharedStateDirectory() const { return shared_state_dir_; }
  const Path& getTaskOwnedStateDirectory() const { return task_owned_state_dir_; }

  // A new state file with a random (UUID) name in the scope's directory.
  Result<std::unique_ptr<CheckpointStateOutputStream>> createCheckpointStateOutputStream(
      CheckpointedStateScope scope) const;
  // A new state file in taskowned/.
  Result<std::unique_ptr<CheckpointStateOutputStream>> createTaskOwnedStateOutputStream() const;

  // Writes `metadata` to `._metadata_temp`, syncs it and renames it to `_metadata`.
  // AlreadyExists if this checkpoint already has a `_metadata`.
  // REQUIRES: metadata.checkpoint_id == checkpointId().
  Result<CompletedCheckpointStorageLocation> finalizeCheckpoint(const CheckpointMetadata& metadata) const;

  // Deletes the checkpoint's own directory with everything in it (not shared/ nor taskowned/).
  Status disposeOnFailure() const;

 private:
  Result<std::unique_ptr<CheckpointStateOutputStream>> createStream(const Path& dir) const;

  std::shared_ptr<FileSystem> fs_;
  int64_t checkpoint_id_;
  Path checkpoint_dir_;
  Path shared_state_dir_;
  Path task_owned_state_dir_;
};

}  // namespace eddy::checkpoint
