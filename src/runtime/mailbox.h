#pragma once

#include <deque>
#include <functional>
#include <mutex>
#include <utility>

#include "runtime/task_wakeup.h"

namespace eddy::runtime {

// Actions for a task's thread sent from other threads (cancel, and later checkpoint
// triggers), as Flink's TaskMailbox. The task runs them between batches, so operators
// never need locks. Thread-safe.
class Mailbox {
 public:
  explicit Mailbox(TaskWakeup* wakeup) : wakeup_(wakeup) {}

  void put(std::function<void()> mail) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      mails_.push_back(std::move(mail));
    }
    wakeup_->signal();
  }

  // Runs every mail present now. Returns whether any ran.
  bool runAll() {
    std::deque<std::function<void()>> batch;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (mails_.empty()) return false;
      batch.swap(mails_);
    }
    for (auto& mail : batch) mail();
    return true;
  }

 private:
  TaskWakeup* wakeup_;
  std::mutex mutex_;
  std::deque<std::function<void()>> mails_;
};

}  // namespace eddy::runtime
