#include "runtime/local_channel.h"

#include <utility>

namespace eddy::runtime {

LocalChannel::LocalChannel(size_t capacity, TaskWakeup* consumer_wakeup, TaskWakeup* producer_wakeup,
                           const std::atomic<bool>* producer_cancelled)
    : slots_(capacity + kBarrierHeadroom),
      capacity_(capacity),
      limit_(capacity),
      consumer_wakeup_(consumer_wakeup),
      producer_wakeup_(producer_wakeup),
      producer_cancelled_(producer_cancelled) {}

void LocalChannel::push(ChannelElement element) {
  const size_t tail = tail_.load(std::memory_order_relaxed);
  while (tail - head_.load(std::memory_order_acquire) >= limit_) {
    if (producer_cancelled_->load()) throw TaskCancelledException{};
    uint64_t seen = producer_wakeup_->epoch();
    if (tail - head_.load(std::memory_order_acquire) < limit_) break;
    producer_wakeup_->waitUntil(seen, std::chrono::steady_clock::now() + std::chrono::milliseconds(50));
  }
  slots_[tail % slots_.size()] = std::move(element);
  tail_.store(tail + 1, std::memory_order_release);
  consumer_wakeup_->signal();
}

void LocalChannel::postPriorityBarrier(int64_t checkpoint_id, int64_t timestamp, bool announcement) {
  {
    std::lock_guard<std::mutex> lock(priority_mutex_);
    priority_.push_back(
        PriorityBarrier{checkpoint_id, timestamp, tail_.load(std::memory_order_relaxed), announcement});
  }
  priority_posted_.fetch_add(1, std::memory_order_release);
  consumer_wakeup_->signal();
}

bool LocalChannel::poll(ChannelElement& out) {
  const size_t head = head_.load(std::memory_order_relaxed);
  const size_t tail = tail_.load(std::memory_order_acquire);
  if (head == tail) return false;
  out = std::move(slots_[head % slots_.size()]);
  const bool was_full = tail - head >= capacity_;
  head_.store(head + 1, std::memory_order_release);
  if (was_full) producer_wakeup_->signal();
  return true;
}

bool LocalChannel::pollBeforePriorityBarrier(ChannelElement& out) {
  const size_t head = head_.load(std::memory_order_relaxed);
  if (head == tail_.load(std::memory_order_acquire)) return false;
  // Read after the tail: a barrier posted before the element at `head` was pushed is seen.
  if (priority_posted_.load(std::memory_order_acquire) != priority_taken_) return false;
  return poll(out);
}

std::optional<LocalChannel::PriorityBarrier> LocalChannel::takePriorityBarrier() {
  if (priority_posted_.load(std::memory_order_acquire) == priority_taken_) return std::nullopt;
  std::lock_guard<std::mutex> lock(priority_mutex_);
  PriorityBarrier barrier = priority_.front();
  priority_.pop_front();
  ++priority_taken_;
  return barrier;
}

}  // namespace eddy::runtime
