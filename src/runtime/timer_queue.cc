#include "runtime/timer_queue.h"

#include <chrono>
#include <utility>

namespace eddy::runtime {

int64_t TimerQueue::getCurrentProcessingTime() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void TimerQueue::registerTimer(int64_t time, std::function<void(int64_t)> callback) {
  queue_.push(Entry{time, next_sequence_++, std::move(callback)});
}

bool TimerQueue::runDue() {
  if (queue_.empty()) return false;
  int64_t now = getCurrentProcessingTime();
  bool ran = false;
  while (!queue_.empty() && queue_.top().time <= now) {
    Entry entry = queue_.top();
    queue_.pop();
    entry.callback(now);
    ran = true;
  }
  return ran;
}

std::optional<int64_t> TimerQueue::nextTime() const {
  if (queue_.empty()) return std::nullopt;
  return queue_.top().time;
}

}  // namespace eddy::runtime
