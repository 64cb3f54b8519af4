#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "eddy/checkpoint/completed_checkpoint.h"
#include "eddy/common/file_system.h"
#include "eddy/common/result.h"

namespace eddy::checkpoint {

// The completed checkpoints a job keeps (Flink's CompletedCheckpointStore), read from the
// job's checkpoint directory itself, so that a process restarted after a crash finds them:
// a chk-N directory is a completed checkpoint exactly when its `_metadata` exists. Keeps the
// newest `max_retained` and deletes older ones. Not thread-safe: the checkpoint coordinator
// owns it.
class CompletedCheckpointStore {
 public:
  // `job_checkpoints_dir` is <state.checkpoints.dir>/<job-id>. REQUIRES: max_retained >= 1.
  CompletedCheckpointStore(std::shared_ptr<FileSystem> fs, Path job_checkpoints_dir, int max_retained);

  int getMaxNumberOfRetainedCheckpoints() const { return max_retained_; }

  // The completed checkpoints, newest first. None when the directory does not exist.
  Result<std::vector<CompletedCheckpointStorageLocation>> getAllCheckpoints() const;

  // Records that `checkpoint` completed: deletes the completed checkpoints beyond the newest
  // `max_retained`, and the directories of unfinished checkpoints older than it (aborted or
  // subsumed; Flink aborts pending checkpoints older than a completed one).
  Status addCheckpointAndSubsumeOldestOne(const CompletedCheckpointStorageLocation& checkpoint);

  // The newest retained checkpoint whose metadata and state files verify, or nullopt when
  // there is none. A damaged checkpoint is skipped with a warning naming it and the one used
  // instead; Corruption if every retained checkpoint is damaged.
  Result<std::optional<CompletedCheckpoint>> latestValid() const;

 private:
  std::shared_ptr<FileSystem> fs_;
  Path job_checkpoints_dir_;
  int max_retained_;
};

}  // namespace eddy::checkpoint
