#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "eddy/runtime/checkpoint.h"

namespace eddy::runtime {

// Tracks the checkpoint barriers arriving on a task's input channels and says when a
// checkpoint is to be taken (Flink's CheckpointBarrierHandler). Under EXACTLY_ONCE the
// barriers are aligned: a channel whose barrier arrived is blocked until every channel
// delivered it (Flink's SingleCheckpointBarrierHandler); a newer barrier means the
// coordinator gave the older checkpoint up. Under AT_LEAST_ONCE nothing blocks and several
// checkpoints may be in flight at once, each counted on its own (Flink's
// CheckpointBarrierTracker); taking one gives up the older ones still incomplete, which no
// channel can complete any more since every channel delivers barriers in order.
class CheckpointBarrierHandler {
 public:
  // The checkpoint a task takes once every channel delivered its barrier (or finished).
  struct Trigger {
    int64_t id = 0;
    int64_t timestamp = 0;
    bool is_savepoint = false;
    // When the first of its barriers arrived (ms since the epoch), set by the handler.
    int64_t first_barrier = 0;
  };

  // Milliseconds since the epoch, the clock of barrier timestamps.
  static int64_t nowMillis();

  CheckpointBarrierHandler(CheckpointingMode mode, size_t channels) : mode_(mode), channels_(channels) {}

  // Whether `channel` may not be read now (it delivered the barrier being aligned).
  bool isBlocked(size_t channel) const {
    return mode_ == CheckpointingMode::EXACTLY_ONCE && !pending_.empty() && pending_.front().received[channel];
  }

  // A barrier arrived on `channel`; `finished_channels` count as having delivered it.
  std::optional<Trigger> onBarrier(size_t channel, const Trigger& barrier, size_t finished_channels);
  // `channel` ended (its end counts as its barrier from now on, through finished_channels).
  std::optional<Trigger> onChannelFinished(size_t channel, size_t finished_channels);
  // The task took checkpoint `id` (after its barriers, or as a source on the coordinator's call).
  void checkpointTaken(int64_t id);
  // The newest checkpoint taken or given up: older barriers mean nothing any more.
  int64_t lastCheckpointId() const { return last_checkpoint_id_; }
  // Under EXACTLY_ONCE, the checkpoint whose barriers are being aligned, if any.
  const Trigger* aligning() const {
    return mode_ == CheckpointingMode::EXACTLY_ONCE && !pending_.empty() ? &pending_.front().barrier : nullptr;
  }
  // Whether `channel` delivered the barrier of pending checkpoint `id`.
  bool received(int64_t id, size_t channel) const;

 private:
  struct Pending {
    Trigger barrier;
    std::vector<bool> received;
    size_t count = 0;
  };

  // The oldest pending checkpoint whose barriers are all in, if any.
  std::optional<Trigger> complete(size_t finished_channels) const;

  CheckpointingMode mode_;
  size_t channels_;
  int64_t last_checkpoint_id_ = 0;
  std::deque<Pending> pending_;  // oldest first
};

}  // namespace eddy::runtime
