#pragma once

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "eddy/operators/timer_heap.h"
#include "eddy/runtime/processing_time_service.h"
#include "eddy/runtime/record_batch.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "eddy/types/type_serializer.h"

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
//
// The timers are part of the keyed backend's snapshots, per key group, as Flink's
// "_timer_state/event_<name>" and "_timer_state/processing_<name>" states (an entry per timer:
// key, namespace, and the timestamp as user key), so that they are restored, also at another
// parallelism; restored processing-time timers that are due fire at once. A key or
// namespace type without a TypeSerializer keeps its timers out of snapshots.
template <typename K, typename N>
class InternalTimerService : private state::KeyedSnapshotParticipant {
 public:
  // `name` tells the timer states of one operator's services apart (Flink: "user-timers"
  // for process functions). Takes the timers of a restored snapshot; throws
  // std::runtime_error if they do not parse.
  InternalTimerService(state::KeyedStateBackendT<K>* backend, runtime::ProcessingTimeService* processing_time,
                       Triggerable<K, N>* target, std::string name = "user-timers")
      : backend_(backend),
        processing_time_(processing_time),
        target_(target),
        event_state_name_(std::string(state::KeyedStateBackend::kTimerStatePrefix) + "event_" + name),
        processing_state_name_(std::string(state::KeyedStateBackend::kTimerStatePrefix) + "processing_" + name) {
    if constexpr (kSerializable) {
      backend_->registerSnapshotParticipant(this);
      restoreTimers(event_state_name_, event_time_);
      restoreTimers(processing_state_name_, processing_time_timers_);
      if (const auto* next = processing_time_timers_.peek()) schedule(next->timestamp);
    }
  }
  // The backend keeps a pointer to it.
  InternalTimerService(const InternalTimerService&) = delete;
  InternalTimerService& operator=(const InternalTimerService&) = delete;

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
  static constexpr bool kSerializable = types::kHasTypeSerializer<K> && types::kHasTypeSerializer<N>;

  // Registered with the backend only when kSerializable.
  Status snapshot(std::vector<state::StateSnapshot>& out) const override {
    if constexpr (kSerializable) {
      out.push_back(snapshotTimers(event_state_name_, event_time_));
      out.push_back(snapshotTimers(processing_state_name_, processing_time_timers_));
    }
    return Status::OK();
  }

  state::StateSnapshot snapshotTimers(const std::string& name, const TimerHeap<K, N>& timers) const {
    state::StateSnapshot out{name, state::StateType::kMap, {}};
    timers.forEach([&](const InternalTimer<K, N>& timer) {
      state::StateEntry entry;
      entry.key = types::serializeToBytes(timer.key);
      entry.ns = types::serializeToBytes(timer.ns);
      entry.user_key = types::serializeToBytes(timer.timestamp);
      out.key_groups[backend_->keyGroupOf(timer.key)].push_back(std::move(entry));
    });
    return out;
  }

  void restoreTimers(const std::string& name, TimerHeap<K, N>& timers) {
    std::optional<state::StateSnapshot> restored = backend_->takeRestoredParticipantState(name);
    if (!restored) return;
    for (const auto& [key_group, entries] : restored->key_groups) {
      for (const state::StateEntry& entry : entries) {
        Result<K> key = types::deserializeFromBytes<K>(entry.key);
        Result<N> ns = types::deserializeFromBytes<N>(entry.ns);
        Result<int64_t> timestamp = types::deserializeFromBytes<int64_t>(entry.user_key);
        if (!key.ok() || !ns.ok() || !timestamp.ok()) {
          throw std::runtime_error(fmt::format("Timer state '{}' of key group {} is corrupt", name, key_group));
        }
        timers.add({*timestamp, std::move(key).value(), std::move(ns).value()});
      }
    }
  }

  void schedule(int64_t time) {
    next_scheduled_ = time;
    processing_time_->registerTimer(time, [this](int64_t fire_time) { onProcessingTime(fire_time); });
  }

  // `time` is the task's current time, at or after the time the callback was registered
  // for: reaching next_scheduled_ means the scheduled callback has run (or runs now).
  void onProcessingTime(int64_t time) {
    if (time >= next_scheduled_) next_scheduled_ = std::numeric_limits<int64_t>::max();
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
  std::string event_state_name_;
  std::string processing_state_name_;
  TimerHeap<K, N> event_time_;
  TimerHeap<K, N> processing_time_timers_;
  int64_t watermark_ = runtime::kMinWatermark;
  int64_t next_scheduled_ = std::numeric_limits<int64_t>::max();
};

}  // namespace eddy::operators
