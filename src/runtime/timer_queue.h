#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <queue>
#include <vector>

#include "eddy/runtime/processing_time_service.h"

namespace eddy::runtime {

// A task's processing-time service: callbacks ordered by time (then by registration), run
// by the task thread when due. Used by one thread.
class TimerQueue final : public ProcessingTimeService {
 public:
  int64_t getCurrentProcessingTime() override;
  void registerTimer(int64_t time, std::function<void(int64_t)> callback) override;

  // Runs every callback due at the current time. Returns whether any ran.
  bool runDue();
  std::optional<int64_t> nextTime() const;

 private:
  struct Entry {
    int64_t time;
    uint64_t sequence;
    std::function<void(int64_t)> callback;
    bool operator>(const Entry& o) const { return time != o.time ? time > o.time : sequence > o.sequence; }
  };
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue_;
  uint64_t next_sequence_ = 0;
};

}  // namespace eddy::runtime
