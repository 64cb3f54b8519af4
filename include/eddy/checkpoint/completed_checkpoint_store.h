#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "eddy/checkpoint/completed_checkpoint.h"
#include "eddy/common/file_system.h"
#include "eddy/common/result.h"
#include "eddy/state/rocksdb/shared_state_registry.h"

namespace eddy::checkpoint {

// The completed checkpoints a job keeps (Flink's CompletedCheckpointStore), read from the
// job's checkpoint directory itself, so that a process restarted after a crash finds them:
// a chk-N directory is a completed checkpoint exactly when its `_metadata` exists. Keeps the
// newest `max_retained` and deletes older ones. The shared files of incremental checkpoints
// are reference-counted in a SharedStateRegistry (Flink's CompletedCheckpointStore with its
// SharedStateRegistry): a subsumed checkpoint's shared file is deleted only when no retained
// checkpoint refers to it. The registry is rebuilt from the retained checkpoints' metadata
// the first time a checkpoint is added, so that a restarted process that keeps writing into
// the same job directory frees exactly what the old one would have. Not thread-safe: the
// checkpoint coordinator owns it.
class CompletedCheckpointStore {
 public:
  // `job_checkpoints_dir` is <state.checkpoints.dir>/<job-id>. REQUIRES: max_retained >= 1.
  CompletedCheckpointStore(std::shared_ptr<FileSystem> fs, Path job_checkpoints_dir, int max_retained);

  int getMaxNumberOfRetainedCheckpoints() const { return max_retained_; }

  // The highest N of any chk-N directory, completed or not; 0 when there is none. A new
  // attempt of the job continues after it, as Flink's CheckpointIDCounter never reuses an id.
  Result<int64_t> getHighestCheckpointId() const;

  // The completed checkpoints, newest first. None when the directory does not exist.
  Result<std::vector<CompletedCheckpointStorageLocation>> getAllCheckpoints() const;

  // Records that `checkpoint` completed: registers its shared files, deletes the completed
  // checkpoints beyond the newest `max_retained` with the shared files only they referred
  // to, and the directories of unfinished checkpoints older than it (aborted or subsumed;
  // Flink aborts pending checkpoints older than a completed one).
  Status addCheckpointAndSubsumeOldestOne(const CompletedCheckpointStorageLocation& checkpoint);

  // The newest retained checkpoint whose metadata and state files verify, or nullopt when
  // there is none. A damaged checkpoint is skipped with a warning naming it and the one used
  // instead; Corruption if every retained checkpoint is damaged.
  Result<std::optional<CompletedCheckpoint>> latestValid() const;

  // The reference counts of the retained checkpoints' shared files.
  const state::SharedStateRegistry& sharedStateRegistry() const { return registry_; }

 private:
  // Registers the incremental handles in the metadata of completed checkpoint `id` at `dir`.
  Status registerCheckpoint(int64_t id, const Path& dir);
  // Drops the references of checkpoint `id`, deleting what no retained checkpoint refers to.
  Status unregisterCheckpoint(int64_t id);

  std::shared_ptr<FileSystem> fs_;
  Path job_checkpoints_dir_;
  int max_retained_;
  state::SharedStateRegistry registry_;
  bool registry_loaded_ = false;
  // The incremental handles of every registered checkpoint, by checkpoint id.
  std::map<int64_t, std::vector<state::IncrementalRemoteKeyedStateHandle>> registered_;
};

}  // namespace eddy::checkpoint
