#include "runtime/checkpoint_barrier_handler.h"

#include <algorithm>
#include <chrono>

namespace eddy::runtime {

int64_t CheckpointBarrierHandler::nowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<CheckpointBarrierHandler::Trigger> CheckpointBarrierHandler::onBarrier(size_t channel,
                                                                                     const Trigger& barrier,
                                                                                     size_t finished_channels) {
  if (barrier.id <= last_checkpoint_id_) return std::nullopt;  // taken or given up already
  auto it = std::find_if(pending_.begin(), pending_.end(), [&](const Pending& p) { return p.barrier.id == barrier.id; });
  if (it == pending_.end()) {
    // Older than one pending: given up when a newer one was taken or aligned.
    if (!pending_.empty() && barrier.id < pending_.back().barrier.id) return std::nullopt;
    // Aligned: a newer checkpoint means the coordinator abandoned the one being aligned.
    if (mode_ == CheckpointingMode::EXACTLY_ONCE) pending_.clear();
    pending_.push_back(Pending{barrier, std::vector<bool>(channels_, false), 0});
    pending_.back().barrier.first_barrier = nowMillis();
    it = std::prev(pending_.end());
  }
  if (!it->received[channel]) {
    it->received[channel] = true;
    ++it->count;
  }
  return complete(finished_channels);
}

std::optional<CheckpointBarrierHandler::Trigger> CheckpointBarrierHandler::onChannelFinished(size_t channel,
                                                                                             size_t finished_channels) {
  for (Pending& p : pending_) {
    if (p.received[channel]) {
      p.received[channel] = false;
      --p.count;
    }
  }
  return complete(finished_channels);
}

std::optional<CheckpointBarrierHandler::Trigger> CheckpointBarrierHandler::complete(size_t finished_channels) const {
  for (const Pending& p : pending_) {
    if (p.count + finished_channels >= channels_) return p.barrier;
  }
  return std::nullopt;
}

bool CheckpointBarrierHandler::received(int64_t id, size_t channel) const {
  for (const Pending& p : pending_) {
    if (p.barrier.id == id) return p.received[channel];
  }
  return false;
}

void CheckpointBarrierHandler::checkpointTaken(int64_t id) {
  last_checkpoint_id_ = std::max(last_checkpoint_id_, id);
  while (!pending_.empty() && pending_.front().barrier.id <= last_checkpoint_id_) pending_.pop_front();
}

}  // namespace eddy::runtime
