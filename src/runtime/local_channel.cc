#include "runtime/local_channel.h"

#include <utility>

namespace eddy::runtime {

LocalChannel::LocalChannel(size_t capacity, TaskWakeup* consumer_wakeup, TaskWakeup* producer_wakeup,
                           const std::atomic<bool>* producer_cancelled)
    : slots_(capacity),
      consumer_wakeup_(consumer_wakeup),
      producer_wakeup_(producer_wakeup),
      producer_cancelled_(producer_cancelled) {}

void LocalChannel::push(ChannelElement element) {
  const size_t tail = tail_.load(std::memory_order_relaxed);
  while (tail - head_.load(std::memory_order_acquire) >= slots_.size()) {
    if (producer_cancelled_->load()) throw TaskCancelledException{};
    uint64_t seen = producer_wakeup_->epoch();
    if (tail - head_.load(std::memory_order_acquire) < slots_.size()) break;
    producer_wakeup_->waitUntil(seen, std::chrono::steady_clock::now() + std::chrono::milliseconds(50));
  }
  slots_[tail % slots_.size()] = std::move(element);
  tail_.store(tail + 1, std::memory_order_release);
  consumer_wakeup_->signal();
}

bool LocalChannel::poll(ChannelElement& out) {
  const size_t head = head_.load(std::memory_order_relaxed);
  if (head == tail_.load(std::memory_order_acquire)) return false;
  out = std::move(slots_[head % slots_.size()]);
  const bool was_full = tail_.load(std::memory_order_acquire) - head >= slots_.size();
  head_.store(head + 1, std::memory_order_release);
  if (was_full) producer_wakeup_->signal();
  return true;
}

}  // namespace eddy::runtime
