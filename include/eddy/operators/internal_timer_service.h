#pragma once

#include <cstdint>
#include <limits>

#include "eddy/operators/timer_heap.h"
#include "eddy/runtime/processing_time_service.h"
#include "eddy/runtime/record_batch.h"
#include "eddy/state/typed_keyed_state_backend.h"

namespace eddy::operators {

// Receives the timers of an InternalTimerService when they fire (Flink's Triggerable).
// The backend's current key is the timer's key during the call.
template <typename K, typename N>
class Triggerable {
 public:
  virtual ~Triggerable() = default;
  virtual void onEventTime(const InternalTimer<K, N>& timer) = 0;
  virtual void onProcessingTime(const InternalTimer<K, N>& timer) = 0;
};

// Event-time and processing-time timers per key and namespace of one keyed operator
// (Flink's InternalTimerServiceImpl). Event-time timers fire as the watermark passes them;
// processing-time timers through the task's ProcessingTimeService, in its thread.
template <typename K, typename N>
class InternalTimerService {
 public:
  InternalTimerService(state::KeyedStateBackendT<K>* backend, runtime::ProcessingTimeService* processing_time,
                       Triggerable<K, N>* target)
      : backend_(backend), processing_time_(processing_time), target_(target) {}

  int64_t currentProcessingTime() const { return processing_time_->getCurrentProcessingTime(); }
  int64_t currentWatermark() const { return watermark_; }

  void registerEventTimeTimer(const N& ns, int64_t time) {
    event_time_.add({time, backend_->getCurrentKey(), ns});
  }
  void deleteEventTimeTimer(const N& ns, int64_t time) { event_time_.remove({time, backend_->getCurrentKey(), ns}); }

  void registerProcessingTimeTimer(const N& ns, int64_t time) {
    if (processing_time_timers_.add({time, backend_->getCurrentKey(), ns}) && time < next_scheduled_) {
      schedule(time);
    }
  }
  void deleteProcessingTimeTimer(const N& ns, int64_t time) {
    processing_time_timers_.remove({time, backend_->getCurrentKey(), ns});
  }

  // Fires, in time order, every event-time timer at or before `watermark`.
  void advanceWatermark(int64_t watermark) {
    watermark_ = watermark;
    while (const auto* timer = event_time_.peek()) {
      if (timer->timestamp > watermark) break;
      InternalTimer<K, N> fired = event_time_.poll();
      backend_->setCurrentKey(fired.key);
      target_->onEventTime(fired);
    }
  }

  size_t numEventTimeTimers() const { return event_time_.size(); }
  size_t numProcessingTimeTimers() const { return processing_time_timers_.size(); }

 private:
  void schedule(int64_t time) {
    next_scheduled_ = time;
    processing_time_->registerTimer(time, [this](int64_t fire_time) { onProcessingTime(fire_time); });
  }

  void onProcessingTime(int64_t time) {
    if (time == next_scheduled_) next_scheduled_ = std::numeric_limits<int64_t>::max();
    while (const auto* timer = processing_time_timers_.peek()) {
      if (timer->timestamp > time) break;
      InternalTimer<K, N> fired = processing_time_timers_.poll();
      backend_->setCurrentKey(fired.key);
      target_->onProcessingTime(fired);
    }
    if (const auto* next = processing_time_timers_.peek(); next && next->timestamp < next_scheduled_) {
      schedule(next->timestamp);
    }
  }

  state::KeyedStateBackendT<K>* backend_;
  runtime::ProcessingTimeService* processing_time_;
  Triggerable<K, N>* target_;
  TimerHeap<K, N> event_time_;
  TimerHeap<K, N> processing_time_timers_;
  int64_t watermark_ = runtime::kMinWatermark;
  int64_t next_scheduled_ = std::numeric_limits<int64_t>::max();
};

}  // namespace eddy::operators
