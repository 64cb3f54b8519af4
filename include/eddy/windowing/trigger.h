#pragma once

#include <cstdint>

#include "eddy/state/state_descriptor.h"
#include "eddy/state/state.h"

namespace eddy::windowing {

// What a trigger decides for a window (Flink's TriggerResult).
enum class TriggerResult { CONTINUE, FIRE_AND_PURGE, FIRE, PURGE };

inline bool isFire(TriggerResult r) { return r == TriggerResult::FIRE || r == TriggerResult::FIRE_AND_PURGE; }
inline bool isPurge(TriggerResult r) { return r == TriggerResult::PURGE || r == TriggerResult::FIRE_AND_PURGE; }

// What a trigger may do while deciding (Flink's Trigger.TriggerContext): read time, set
// timers for the current key and window, and keep its own state per key and window.
class TriggerContext {
 public:
  virtual ~TriggerContext() = default;
  virtual int64_t getCurrentProcessingTime() = 0;
  virtual int64_t getCurrentWatermark() = 0;
  virtual void registerProcessingTimeTimer(int64_t time) = 0;
  virtual void registerEventTimeTimer(int64_t time) = 0;
  virtual void deleteProcessingTimeTimer(int64_t time) = 0;
  virtual void deleteEventTimeTimer(int64_t time) = 0;
  // Per key and window state for the trigger; only reducing state is offered (the kind
  // Flink's built-in triggers use).
  virtual state::ReducingState<int64_t>* getReducingState(const state::ReducingStateDescriptor<int64_t>& d) = 0;
};

// The context of Trigger::onMerge: also merges trigger state of the merged windows into
// the new one.
class OnMergeContext : public TriggerContext {
 public:
  virtual void mergeReducingState(const state::ReducingStateDescriptor<int64_t>& d) = 0;
};

// Decides when a window is evaluated and when its contents are dropped (Flink's Trigger).
// Built-in triggers are final classes used through templates; a job may also derive its own.
template <typename T, typename W>
class Trigger {
 public:
  virtual ~Trigger() = default;
  virtual TriggerResult onElement(const T& element, int64_t timestamp, const W& window, TriggerContext& ctx) = 0;
  virtual TriggerResult onProcessingTime(int64_t time, const W& window, TriggerContext& ctx) = 0;
  virtual TriggerResult onEventTime(int64_t time, const W& window, TriggerContext& ctx) = 0;
  virtual bool canMerge() const { return false; }
  virtual void onMerge(const W& /*window*/, OnMergeContext& /*ctx*/) {}
  virtual void clear(const W& window, TriggerContext& ctx) = 0;
};

}  // namespace eddy::windowing
