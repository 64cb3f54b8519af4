#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <utility>

#include "eddy/runtime/processing_time_service.h"

namespace eddy::sql {

// The task's processing-time service with a clock the test sets (as Flink's
// TestProcessingTimeService): advanceTo(t) runs the callbacks due by t as the task does
// between batches while its input is open; setTime(t) moves the clock without running them,
// as when the task is busy reading input.
class ManualProcessingTimeService final : public runtime::ProcessingTimeService {
 public:
  int64_t getCurrentProcessingTime() override { return now_; }
  void registerTimer(int64_t time, std::function<void(int64_t)> callback) override {
    timers_.emplace(time, std::move(callback));
  }

  void setTime(int64_t time) { now_ = time; }
  void advanceTo(int64_t time) {
    now_ = time;
    while (!timers_.empty() && timers_.begin()->first <= now_) {
      std::function<void(int64_t)> callback = std::move(timers_.begin()->second);
      timers_.erase(timers_.begin());
      callback(now_);
    }
  }

 private:
  int64_t now_ = 0;
  std::multimap<int64_t, std::function<void(int64_t)>> timers_;
};

}  // namespace eddy::sql
