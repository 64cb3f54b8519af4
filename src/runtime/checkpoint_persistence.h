#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "eddy/checkpoint/completed_checkpoint_store.h"
#include "eddy/checkpoint/fs_checkpoint_storage_access.h"
#include "eddy/common/result.h"
#include "eddy/runtime/checkpoint.h"
#include "eddy/runtime/job_client.h"

namespace eddy::runtime {

// Writes a completed checkpoint into checkpoint storage: keyed state of every operator
// instance as a checksummed state file (or, for incremental RocksDB state, the handle of the
// files the task uploaded), operator list state and managed operator state inline, each
// subtask's in-flight channel data inline up to state.storage.fs.memory-threshold and in a
// state file of its own above, then `_metadata` (last, atomically); the store then retains
// the newest N. Used by one thread at a time.
class CheckpointPersistence {
 public:
  CheckpointPersistence(std::unique_ptr<checkpoint::FsCheckpointStorageAccess> access, int num_retained,
                        int64_t memory_threshold);

  // Creates the storage of job `job_id` under state.checkpoints.dir; `memory_threshold` is
  // state.storage.fs.memory-threshold in bytes.
  static Result<std::unique_ptr<CheckpointPersistence>> create(
      const std::string& checkpoints_dir, int num_retained, const std::string& job_id, int64_t memory_threshold);

  Result<checkpoint::CompletedCheckpointStorageLocation> persist(const CompletedCheckpoint& checkpoint);

  // Where tasks upload incremental state; thread-safe.
  const checkpoint::FsCheckpointStorageAccess& storageAccess() const { return *access_; }
  // The highest checkpoint id used in the job's directory so far (0: none).
  Result<int64_t> highestCheckpointId() const { return store_.getHighestCheckpointId(); }

  // Deletes the files that the incremental keyed state in `states` uploaded for checkpoint
  // `checkpoint_id`, which was aborted: its private files and the shared files it uploaded
  // itself (their names carry the checkpoint id); shared files it reused from earlier
  // checkpoints stay (Flink's discard of an aborted checkpoint's unregistered state).
  // Thread-safe.
  Status discardAbortedState(int64_t checkpoint_id, const std::vector<OperatorSubtaskState>& states) const;

 private:
  std::unique_ptr<checkpoint::FsCheckpointStorageAccess> access_;
  checkpoint::CompletedCheckpointStore store_;
  int64_t memory_threshold_;
};

// Writes `savepoint` with Flink's layout, <dir>/savepoint-<job id[0,6)>-<12 hex>/_metadata
// with the keyed state files beside it, into `target_dir`, or `default_dir`
// (state.savepoints.dir) when `target_dir` is empty; returns that directory.
Result<Path> writeSavepoint(const CompletedCheckpoint& savepoint, const std::string& job_id,
                            const std::string& target_dir, const std::string& default_dir);

// Applies execution.checkpointing.externalized-checkpoint-retention to job `job_id`, which
// ended with `status` (Flink's CheckpointProperties of its retention policy): deletes the
// job's checkpoint directory <state.checkpoints.dir>/<job id> when the policy discards
// checkpoints on that status. Nothing to do without state.checkpoints.dir.
Status discardCheckpointsOnShutdown(const CheckpointConfig& config, const std::string& job_id, JobStatus status);

// Reads a checkpoint or savepoint back (the chk-N / savepoint-… directory or its
// `_metadata`), verifying every file's checksum.
Result<std::shared_ptr<const CompletedCheckpoint>> loadCheckpoint(const std::string& pointer);

}  // namespace eddy::runtime
