#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace eddy::runtime {

// Wakes a task thread that sleeps for lack of work: producers and the mailbox signal(),
// the task waits until a signal newer than the last it saw, or a deadline. signal() costs
// an atomic increment unless the task is actually asleep. Thread-safe.
class TaskWakeup {
 public:
  uint64_t epoch() const { return signals_.load(); }

  void signal() {
    signals_.fetch_add(1);
    if (sleeping_.load()) {
      std::lock_guard<std::mutex> lock(mutex_);
      cv_.notify_all();
    }
  }

  // Sleeps until the epoch differs from `seen` or the deadline passes.
  void waitUntil(uint64_t seen, std::chrono::steady_clock::time_point deadline) {
    std::unique_lock<std::mutex> lock(mutex_);
    sleeping_.store(true);
    cv_.wait_until(lock, deadline, [&] { return signals_.load() != seen; });
    sleeping_.store(false);
  }

 private:
  std::atomic<uint64_t> signals_{0};
  std::atomic<bool> sleeping_{false};
  std::mutex mutex_;
  std::condition_variable cv_;
};

}  // namespace eddy::runtime
