#pragma once

#include <cstdint>

namespace eddy {

// Time and timers of the current key, as Flink's TimerService. Registering the same time
// twice for a key gives one timer; timers fire in time order, with the key they were
// registered under as the current key.
class TimerService {
 public:
  virtual ~TimerService() = default;
  virtual int64_t currentProcessingTime() = 0;
  virtual int64_t currentWatermark() = 0;
  virtual void registerProcessingTimeTimer(int64_t time) = 0;
  virtual void registerEventTimeTimer(int64_t time) = 0;
  virtual void deleteProcessingTimeTimer(int64_t time) = 0;
  virtual void deleteEventTimeTimer(int64_t time) = 0;
};

// Which clock a timer belongs to (Flink's TimeDomain).
enum class TimeDomain { EVENT_TIME, PROCESSING_TIME };

}  // namespace eddy
