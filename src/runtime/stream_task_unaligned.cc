// StreamTask's unaligned checkpoints: priority barriers, the switch from aligned on
// execution.checkpointing.aligned-checkpoint-timeout, and the replay of restored channel
// state (Flink's SingleCheckpointBarrierHandler with its unaligned and alternating
// controllers, and its channel state recovery).

#include <fmt/format.h>

#include "eddy/common/logging.h"
#include "runtime/channel_state_serializer.h"
#include "runtime/stream_task.h"

namespace eddy::runtime {

void StreamTask::setUnalignedCheckpoints(bool enabled, int64_t aligned_checkpoint_timeout_ms) {
  unaligned_enabled_ = enabled;
  aligned_checkpoint_timeout_ms_ = aligned_checkpoint_timeout_ms;
  unaligned_inputs_ = enabled && !inputs_.empty();
  for (const InputChannel& in : inputs_) unaligned_inputs_ &= in.serializer != nullptr;
  // Logged once per job vertex, by its first subtask.
  if (enabled && !inputs_.empty() && !unaligned_inputs_ && subtask_index_ == 0) {
    log::info("Task '{}' takes aligned checkpoints: the records of one of its inputs have no TypeSerializer, so its "
              "in-flight data cannot be persisted.", name_);
  }
  for (const InputChannel& in : inputs_) in.channel->setConsumerTakesPriorityBarriers(unaligned_inputs_);
  announced_.assign(inputs_.size(), std::nullopt);
}

bool StreamTask::sendsUnalignedBarriers(int64_t timestamp, bool is_savepoint) const {
  // Savepoints are always aligned (Flink's CheckpointOptions); with an aligned checkpoint
  // timeout, barriers overtake only once it passed since the trigger.
  if (!unaligned_enabled_ || is_savepoint) return false;
  return aligned_checkpoint_timeout_ms_ == 0 ||
         CheckpointBarrierHandler::nowMillis() - timestamp >= aligned_checkpoint_timeout_ms_;
}

void StreamTask::onPriorityBarrier(size_t channel_index, const LocalChannel::PriorityBarrier& barrier) {
  const bool collecting = channel_state_ && channel_state_->checkpointId() == barrier.checkpoint_id;
  if (barrier.announcement) {
    // Kept until the barrier is read in order or the alignment times out.
    if (!collecting && barrier.checkpoint_id > barriers_->lastCheckpointId()) announced_[channel_index] = barrier;
    return;
  }
  if (!collecting) {
    if (barrier.checkpoint_id <= barriers_->lastCheckpointId()) return;  // taken or given up already
    // The first barrier: snapshot at once, without waiting for the other channels.
    performCheckpoint(barrier.checkpoint_id, barrier.timestamp, false, CheckpointBarrierHandler::nowMillis(), true);
    if (!channel_state_ || channel_state_->checkpointId() != barrier.checkpoint_id) return;  // it failed
  }
  channel_state_->barrierReached(channel_index, *inputs_[channel_index].channel, barrier.position);
  finishUnalignedCheckpointIfComplete();
}

void StreamTask::switchToUnalignedOnTimeout() {
  // The pending checkpoint: one being aligned, else one whose barrier was announced.
  std::optional<CheckpointBarrierHandler::Trigger> pending;
  if (const CheckpointBarrierHandler::Trigger* aligning = barriers_->aligning()) pending = *aligning;
  for (const auto& announced : announced_) {
    if (pending || !announced || announced->checkpoint_id <= barriers_->lastCheckpointId()) continue;
    pending = CheckpointBarrierHandler::Trigger{announced->checkpoint_id, announced->timestamp, false, 0};
  }
  if (!pending || pending->is_savepoint ||
      CheckpointBarrierHandler::nowMillis() - pending->timestamp < aligned_checkpoint_timeout_ms_) {
    return;
  }
  performCheckpoint(pending->id, pending->timestamp, false, pending->first_barrier, true);
  if (!channel_state_ || channel_state_->checkpointId() != pending->id) return;
  // An announced barrier bounds its channel's in-flight data; on the other channels, what
  // the channel delivers until its barrier is copied as it is read.
  for (size_t c = 0; c < inputs_.size(); ++c) {
    if (announced_[c] && announced_[c]->checkpoint_id == pending->id) {
      channel_state_->barrierReached(c, *inputs_[c].channel, announced_[c]->position);
    }
    announced_[c].reset();
  }
  finishUnalignedCheckpointIfComplete();
}

void StreamTask::finishUnalignedCheckpointIfComplete() {
  if (!channel_state_ || !channel_state_->complete()) return;
  const int64_t id = channel_state_->checkpointId();
  CheckpointMetrics metrics = unaligned_metrics_;
  metrics.persisted_data = channel_state_->persistedBytes();
  // As Flink's unaligned alignment duration: from the first barrier to the last.
  metrics.alignment_duration = CheckpointBarrierHandler::nowMillis() - unaligned_first_barrier_;
  std::vector<AsyncCheckpointRunnable::OperatorSnapshot> snapshots = std::move(unaligned_snapshots_);
  unaligned_snapshots_.clear();
  snapshots.front().state.input_channel_state = channel_state_->takeState();
  channel_state_.reset();
  submitAsyncPart(id, std::move(snapshots), metrics);
}

Status StreamTask::replayChannelState() {
  for (const InputChannelState& state : restored_channel_state_) {
    const size_t c = static_cast<size_t>(state.channel);
    if (state.channel < 0 || c >= inputs_.size() || inputs_[c].input != state.input || !inputs_[c].serializer) {
      return InvalidArgument(fmt::format("task '{}' cannot restore the in-flight data of its input channel {}: the "
                                         "job's inputs changed since the unaligned checkpoint",
                                         name_, state.channel));
    }
    EDDY_ASSIGN_OR_RETURN(std::vector<ChannelElement> elements,
                          readChannelElements(state.data, *inputs_[c].serializer));
    for (ChannelElement& element : elements) handle(inputs_[c], c, element);
  }
  restored_channel_state_.clear();
  return Status::OK();
}

}  // namespace eddy::runtime
