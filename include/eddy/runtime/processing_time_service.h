#pragma once

#include <cstdint>
#include <functional>

namespace eddy::runtime {

// Processing time for operators, as Flink's ProcessingTimeService: the current wall-clock
// time in milliseconds and one-shot callbacks that run in the task's thread (through its
// mailbox) once that time is reached, so they never race with record processing.
class ProcessingTimeService {
 public:
  virtual ~ProcessingTimeService() = default;
  virtual int64_t getCurrentProcessingTime() = 0;
  virtual void registerTimer(int64_t time, std::function<void(int64_t)> callback) = 0;
};

}  // namespace eddy::runtime
