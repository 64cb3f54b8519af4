#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eddy/state/keyed_state_snapshot.h"
#include "eddy/state/operator_state_snapshot.h"
#include "eddy/state/rocksdb/incremental_keyed_state_handle.h"

namespace eddy::runtime {

// Flink's CheckpointingMode: EXACTLY_ONCE aligns barriers; AT_LEAST_ONCE lets records
// of channels whose barrier arrived pass before the snapshot (they may be replayed).
enum class CheckpointingMode { EXACTLY_ONCE, AT_LEAST_ONCE };

// What happens to a job's retained checkpoints in state.checkpoints.dir when the job ends
// (Flink's ExternalizedCheckpointRetention, execution.checkpointing.externalized-checkpoint-
// retention): RETAIN_ON_CANCELLATION keeps them whenever the job ends but by finishing;
// DELETE_ON_CANCELLATION deletes them when the job is cancelled or finishes and keeps them
// when it fails; NO_EXTERNALIZED_CHECKPOINTS deletes them whenever the job ends.
enum class ExternalizedCheckpointRetention {
  RETAIN_ON_CANCELLATION,
  DELETE_ON_CANCELLATION,
  NO_EXTERNALIZED_CHECKPOINTS
};

// The checkpoint settings of a job (Flink's CheckpointConfig). An interval of 0 or less
// disables periodic checkpoints.
struct CheckpointConfig {
  int64_t interval_ms = -1;
  CheckpointingMode mode = CheckpointingMode::EXACTLY_ONCE;
  int64_t min_pause_ms = 0;
  // Checkpoints in flight at once (Flink's default 1); a min pause makes it 1.
  int max_concurrent = 1;
  // A checkpoint not completed within this is aborted (Flink's default: 10 minutes).
  int64_t timeout_ms = 600'000;
  // Periodic checkpoint failures in a row the job tolerates before failing (Flink: 0).
  int tolerable_failures = 0;
  // state.checkpoints.dir: where completed checkpoints are written (empty: kept in memory).
  std::string checkpoints_dir;
  int num_retained = 1;
  // state.storage.fs.memory-threshold in bytes: a subtask's in-flight channel data up to this
  // size stays inline in `_metadata`, larger goes into its own file. Default: 20 kb.
  int64_t memory_threshold = 20 << 10;
  // Default: NO_EXTERNALIZED_CHECKPOINTS (Flink's default).
  ExternalizedCheckpointRetention externalized_retention = ExternalizedCheckpointRetention::NO_EXTERNALIZED_CHECKPOINTS;

  // execution.checkpointing.unaligned.enabled: barriers overtake in-flight data, which goes
  // into the checkpoint (Flink's unaligned checkpoints). Only under EXACTLY_ONCE; savepoints
  // stay aligned. Default: false.
  bool unaligned = false;
  // execution.checkpointing.aligned-checkpoint-timeout, with unaligned checkpoints on: 0
  // starts every checkpoint unaligned; more starts it aligned and switches a task to
  // unaligned once this long passed since the checkpoint was triggered. Default: 0.
  int64_t aligned_checkpoint_timeout_ms = 0;

  bool isCheckpointingEnabled() const { return interval_ms > 0; }
  void enableUnalignedCheckpoints(bool enabled = true) { unaligned = enabled; }
  bool isUnalignedCheckpointsEnabled() const { return unaligned; }
  void setAlignedCheckpointTimeout(int64_t ms) { aligned_checkpoint_timeout_ms = ms; }
  int64_t getAlignedCheckpointTimeout() const { return aligned_checkpoint_timeout_ms; }
  void setCheckpointingMode(CheckpointingMode m) { mode = m; }
  void setCheckpointInterval(int64_t ms) { interval_ms = ms; }
  void setMinPauseBetweenCheckpoints(int64_t ms) { min_pause_ms = ms; }
  void setMaxConcurrentCheckpoints(int n) { max_concurrent = n; }
  void setCheckpointStorage(std::string dir) { checkpoints_dir = std::move(dir); }
  void setCheckpointTimeout(int64_t ms) { timeout_ms = ms; }
  void setTolerableCheckpointFailureNumber(int n) { tolerable_failures = n; }
  void setExternalizedCheckpointRetention(ExternalizedCheckpointRetention retention) {
    externalized_retention = retention;
  }
  // Flink 1.x's name of setExternalizedCheckpointRetention.
  void setExternalizedCheckpointCleanup(ExternalizedCheckpointRetention retention) {
    externalized_retention = retention;
  }
};

// The in-flight data of one input channel in an unaligned checkpoint (Flink's
// InputChannelStateHandle): the elements that preceded the channel's barrier but were not
// processed when the task took its snapshot, serialized in order (channel_state_serializer).
struct InputChannelState {
  int input = 0;    // 0, or 1 for the second input of a two-input head operator
  int channel = 0;  // the channel's index among the task's input channels
  std::string data;

  friend bool operator==(const InputChannelState&, const InputChannelState&) = default;
};

// The state of one parallel instance of one operator in a checkpoint.
struct OperatorSubtaskState {
  std::optional<state::KeyedStateSnapshot> keyed;
  // Keyed state of an incremental RocksDB checkpoint instead: files in checkpoint storage.
  // One handle per instance that took it (more than one after a restore merged instances).
  std::vector<state::IncrementalRemoteKeyedStateHandle> incremental_keyed;
  // Operator (non-keyed) list state, e.g. a source's unfinished splits; redistributed
  // round-robin over the instances on restore (Flink's split reassignment).
  std::vector<std::string> operator_state;
  // Managed operator state by name: user functions' list and union list states and
  // broadcast states, redistributed on restore by their mode (Flink's managed
  // OperatorStateHandles).
  std::vector<state::OperatorStateSnapshot> managed_operator_state;
  // The head operator's input channels' in-flight data, in an unaligned checkpoint; replayed
  // before new input on restore.
  std::vector<InputChannelState> input_channel_state;

  // Whether there is anything to restore (Flink's OperatorSubtaskState.hasState).
  bool hasState() const {
    if (!operator_state.empty() || !incremental_keyed.empty() || !input_channel_state.empty()) return true;
    for (const auto& named : managed_operator_state) {
      if (!named.elements.empty()) return true;
    }
    if (!keyed) return false;
    for (const auto& state : keyed->states) {
      if (!state.key_groups.empty()) return true;
    }
    return false;
  }
};

// All instances of one operator, by subtask.
struct OperatorState {
  int parallelism = 0;
  int max_parallelism = 0;
  std::map<int, OperatorSubtaskState> subtasks;
};

// A checkpoint every task acknowledged: operator uid → state.
struct CompletedCheckpoint {
  int64_t checkpoint_id = 0;
  int64_t timestamp = 0;
  // The chk-N directory it was written to, if checkpoint storage is configured.
  std::string external_pointer;
  std::map<std::string, OperatorState> operators;
};

// Flink's restart strategies: what happens when a job fails.
enum class RestartStrategyType { kNone, kFixedDelay, kExponentialDelay };

// restart-strategy.type and its keys. fixed-delay: up to `attempts` restarts, `delay_ms`
// apart; exponential-delay: from `delay_ms`, times `backoff_multiplier` per restart, at
// most `max_backoff_ms`, up to `attempts` restarts.
struct RestartStrategy {
  RestartStrategyType type = RestartStrategyType::kNone;
  int attempts = 1;
  int64_t delay_ms = 1000;
  double backoff_multiplier = 1.5;
  int64_t max_backoff_ms = 60'000;

  static RestartStrategy noRestart() { return {}; }
  static RestartStrategy fixedDelayRestart(int attempts, int64_t delay_ms) {
    return {RestartStrategyType::kFixedDelay, attempts, delay_ms, 1.0, delay_ms};
  }
};

// How a job starts from a checkpoint or savepoint (`-s` and --allowNonRestoredState).
struct RestoreSettings {
  std::shared_ptr<const CompletedCheckpoint> checkpoint;
  bool allow_non_restored_state = false;
};

}  // namespace eddy::runtime
