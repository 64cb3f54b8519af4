#include <algorithm>
#include <utility>

#include "eddy/runtime/checkpoint_stats.h"

namespace eddy::runtime {

void CheckpointStatsSnapshot::Summary::add(int64_t v) {
  min = count == 0 ? v : std::min(min, v);
  max = count == 0 ? v : std::max(max, v);
  sum += v;
  ++count;
}

CheckpointStats* CheckpointStatsTracker::find(int64_t checkpoint_id) {
  for (CheckpointStats& stats : stats_.history) {
    if (stats.checkpoint_id == checkpoint_id) return &stats;
  }
  return nullptr;
}

void CheckpointStatsTracker::reportPending(int64_t checkpoint_id, int64_t trigger_timestamp, bool is_savepoint,
                                           bool unaligned, const std::vector<int>& vertex_parallelism) {
  std::lock_guard<std::mutex> lock(mutex_);
  CheckpointStats stats;
  stats.checkpoint_id = checkpoint_id;
  stats.is_savepoint = is_savepoint;
  stats.unaligned = unaligned;
  stats.trigger_timestamp = trigger_timestamp;
  for (int parallelism : vertex_parallelism) {
    stats.tasks.push_back(TaskCheckpointStats{parallelism, {}});
    stats.num_subtasks += parallelism;
  }
  stats_.history.push_front(std::move(stats));
  // A checkpoint still in progress is never dropped from the history, as in Flink.
  while (stats_.history.size() > kHistorySize &&
         stats_.history.back().status != CheckpointStatsStatus::kInProgress) {
    stats_.history.pop_back();
  }
  ++stats_.num_in_progress;
}

void CheckpointStatsTracker::reportAcknowledged(int64_t checkpoint_id, int vertex,
                                                const SubtaskCheckpointStats& subtask) {
  std::lock_guard<std::mutex> lock(mutex_);
  CheckpointStats* stats = find(checkpoint_id);
  if (!stats || vertex < 0 || static_cast<size_t>(vertex) >= stats->tasks.size()) return;
  ++stats->num_acknowledged_subtasks;
  stats->latest_ack_timestamp = subtask.ack_timestamp;
  stats->persisted_data += subtask.persisted_data;
  // Started aligned, a checkpoint turns unaligned when a task's alignment timed out.
  stats->unaligned |= subtask.unaligned;
  stats->tasks[static_cast<size_t>(vertex)].acknowledged.push_back(subtask);
}

void CheckpointStatsTracker::reportCompleted(int64_t checkpoint_id, int64_t ack_timestamp, int64_t state_size,
                                             int64_t checkpointed_size, std::string external_path) {
  std::lock_guard<std::mutex> lock(mutex_);
  CheckpointStats* stats = find(checkpoint_id);
  if (!stats || stats->status != CheckpointStatsStatus::kInProgress) return;
  stats->status = CheckpointStatsStatus::kCompleted;
  stats->latest_ack_timestamp = ack_timestamp;
  stats->state_size = state_size;
  stats->checkpointed_size = checkpointed_size;
  stats->external_path = std::move(external_path);
  --stats_.num_in_progress;
  ++stats_.num_completed;
  stats_.state_size.add(state_size);
  stats_.checkpointed_size.add(checkpointed_size);
  stats_.persisted_data.add(stats->persisted_data);
  stats_.end_to_end_duration.add(stats->endToEndDuration());
  if (stats->is_savepoint) {
    stats_.latest_savepoint = *stats;
  } else {
    stats_.latest_completed = *stats;
  }
}

void CheckpointStatsTracker::reportFailed(int64_t checkpoint_id, int64_t failure_timestamp, std::string message) {
  std::lock_guard<std::mutex> lock(mutex_);
  CheckpointStats* stats = find(checkpoint_id);
  if (!stats || stats->status != CheckpointStatsStatus::kInProgress) return;
  stats->status = CheckpointStatsStatus::kFailed;
  stats->latest_ack_timestamp = failure_timestamp;
  stats->failure_message = std::move(message);
  --stats_.num_in_progress;
  ++stats_.num_failed;
  stats_.latest_failed = *stats;
}

void CheckpointStatsTracker::reportRestored(RestoredCheckpointStats restored) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++stats_.num_restored;
  stats_.latest_restored = std::move(restored);
}

CheckpointStatsSnapshot CheckpointStatsTracker::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return stats_;
}

}  // namespace eddy::runtime
