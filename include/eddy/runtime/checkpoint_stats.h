#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace eddy::runtime {

// Flink's CheckpointStatsStatus.
enum class CheckpointStatsStatus { kInProgress, kCompleted, kFailed };

// What one parallel task reported when it acknowledged a checkpoint (Flink's
// SubtaskStateStats). Durations in milliseconds; timestamps since the epoch.
struct SubtaskCheckpointStats {
  int subtask = 0;
  int64_t ack_timestamp = 0;
  int64_t state_size = 0;
  int64_t checkpointed_size = 0;
  // Taking the snapshot on the task's thread, and writing it on the task's asynchronous
  // thread (RocksDB's incremental uploads still happen in the synchronous part).
  int64_t sync_duration = 0;
  int64_t async_duration = 0;
  // From the first barrier to the last one of the task's inputs (Flink's alignment
  // duration), and from the trigger to the first barrier (Flink's start delay).
  int64_t alignment_duration = 0;
  int64_t start_delay = 0;
  // Whether the task took the checkpoint unaligned, and the bytes of in-flight data it
  // persisted then (Flink's unalignedCheckpoint and persistedData).
  bool unaligned = false;
  int64_t persisted_data = 0;
};

// The acknowledgements of one job vertex's parallel tasks (Flink's TaskStateStats).
struct TaskCheckpointStats {
  int num_subtasks = 0;
  std::vector<SubtaskCheckpointStats> acknowledged;  // in the order they arrived
};

// What is known about one checkpoint or savepoint (Flink's AbstractCheckpointStats). Sizes
// are the bytes of the canonical snapshot (keyed entries and operator state), or for
// incremental RocksDB state the bytes of its files: `state_size` all it refers to (what a
// full checkpoint would write), `checkpointed_size` what this checkpoint uploaded.
struct CheckpointStats {
  int64_t checkpoint_id = 0;
  CheckpointStatsStatus status = CheckpointStatsStatus::kInProgress;
  bool is_savepoint = false;
  // An unaligned checkpoint: triggered as one (unaligned checkpoints on without an aligned
  // checkpoint timeout; never a savepoint), or one a task took unaligned after the timeout.
  bool unaligned = false;
  int64_t trigger_timestamp = 0;
  // When the last task acknowledged (completed) or the checkpoint failed; 0 while none.
  int64_t latest_ack_timestamp = 0;
  int64_t state_size = 0;
  int64_t checkpointed_size = 0;
  // In-flight data persisted by the tasks that acknowledged (unaligned checkpoints).
  int64_t persisted_data = 0;
  int num_subtasks = 0;
  int num_acknowledged_subtasks = 0;
  // Where it was written (chk-N or savepoint-… directory); empty when kept in memory.
  std::string external_path;
  std::string failure_message;
  // By job vertex, in the job graph's order (the REST API's vertex ids).
  std::vector<TaskCheckpointStats> tasks;

  int64_t endToEndDuration() const {
    return latest_ack_timestamp == 0 ? 0 : latest_ack_timestamp - trigger_timestamp;
  }
};

// The checkpoint the job started from (Flink's RestoredCheckpointStats).
struct RestoredCheckpointStats {
  int64_t checkpoint_id = 0;
  int64_t restore_timestamp = 0;
  bool is_savepoint = false;
  std::string external_path;
};

// A consistent copy of a job's checkpoint statistics (Flink's CheckpointStatsSnapshot).
struct CheckpointStatsSnapshot {
  int64_t num_restored = 0;
  int64_t num_in_progress = 0;
  int64_t num_completed = 0;
  int64_t num_failed = 0;
  // Newest first, at most CheckpointStatsTracker::kHistorySize.
  std::deque<CheckpointStats> history;
  std::optional<CheckpointStats> latest_completed;
  std::optional<CheckpointStats> latest_savepoint;
  std::optional<CheckpointStats> latest_failed;
  std::optional<RestoredCheckpointStats> latest_restored;
  // Over all completed checkpoints (not only those in the history): min, max, sum.
  struct Summary {
    int64_t count = 0, min = 0, max = 0, sum = 0;
    void add(int64_t v);
  };
  Summary state_size;
  Summary checkpointed_size;
  Summary persisted_data;
  Summary end_to_end_duration;

  int64_t numTotal() const { return num_in_progress + num_completed + num_failed; }
};

// Collects the statistics of a job's checkpoints across its restarts (Flink's
// CheckpointStatsTracker); read by the session cluster's REST API. Thread-safe.
class CheckpointStatsTracker {
 public:
  // Flink's web.checkpoints.history default.
  static constexpr size_t kHistorySize = 10;

  // `vertex_parallelism`: the parallelism of every job vertex, in the job graph's order.
  void reportPending(int64_t checkpoint_id, int64_t trigger_timestamp, bool is_savepoint, bool unaligned,
                     const std::vector<int>& vertex_parallelism);
  void reportAcknowledged(int64_t checkpoint_id, int vertex, const SubtaskCheckpointStats& subtask);
  void reportCompleted(int64_t checkpoint_id, int64_t ack_timestamp, int64_t state_size, int64_t checkpointed_size,
                       std::string external_path);
  void reportFailed(int64_t checkpoint_id, int64_t failure_timestamp, std::string message);
  void reportRestored(RestoredCheckpointStats restored);

  CheckpointStatsSnapshot snapshot() const;

 private:
  CheckpointStats* find(int64_t checkpoint_id);

  mutable std::mutex mutex_;
  CheckpointStatsSnapshot stats_;
};

}  // namespace eddy::runtime
