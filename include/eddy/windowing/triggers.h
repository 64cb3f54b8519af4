#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "eddy/windowing/trigger.h"

namespace eddy::windowing {

// Flink's built-in triggers. They are templates over the record type only through their
// methods, so one trigger object serves any stream; each method mirrors Flink's.

namespace detail {
inline int64_t toMillis(auto duration) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(duration).count();
}
inline state::ReducingStateDescriptor<int64_t> sumDescriptor(const std::string& name) {
  return {name, [](const int64_t& a, const int64_t& b) { return a + b; }};
}
inline state::ReducingStateDescriptor<int64_t> minDescriptor(const std::string& name) {
  return {name, [](const int64_t& a, const int64_t& b) { return a < b ? a : b; }};
}
}  // namespace detail

// Fires when the clock passes the window's end: the watermark (Flink's EventTimeTrigger,
// where a record for a window the watermark already passed fires it at once) or processing
// time (Flink's ProcessingTimeTrigger).
template <bool kEventTime>
class TimeTrigger final {
 public:
  static TimeTrigger create() { return {}; }
  template <typename T, typename W>
  TriggerResult onElement(const T&, int64_t, const W& window, TriggerContext& ctx) {
    if constexpr (kEventTime) {
      if (window.maxTimestamp() <= ctx.getCurrentWatermark()) return TriggerResult::FIRE;
      ctx.registerEventTimeTimer(window.maxTimestamp());
    } else {
      ctx.registerProcessingTimeTimer(window.maxTimestamp());
    }
    return TriggerResult::CONTINUE;
  }
  template <typename W>
  TriggerResult onEventTime(int64_t time, const W& window, TriggerContext&) {
    return kEventTime && time == window.maxTimestamp() ? TriggerResult::FIRE : TriggerResult::CONTINUE;
  }
  template <typename W>
  TriggerResult onProcessingTime(int64_t, const W&, TriggerContext&) {
    return kEventTime ? TriggerResult::CONTINUE : TriggerResult::FIRE;
  }
  bool canMerge() const { return true; }
  template <typename W>
  void onMerge(const W& window, OnMergeContext& ctx) {
    if constexpr (kEventTime) {
      if (window.maxTimestamp() > ctx.getCurrentWatermark()) ctx.registerEventTimeTimer(window.maxTimestamp());
    } else {
      if (window.maxTimestamp() > ctx.getCurrentProcessingTime()) ctx.registerProcessingTimeTimer(window.maxTimestamp());
    }
  }
  template <typename W>
  void clear(const W& window, TriggerContext& ctx) {
    if constexpr (kEventTime) ctx.deleteEventTimeTimer(window.maxTimestamp());
    else ctx.deleteProcessingTimeTimer(window.maxTimestamp());
  }
  std::string toString() const { return kEventTime ? "EventTimeTrigger()" : "ProcessingTimeTrigger()"; }
};

using EventTimeTrigger = TimeTrigger<true>;
using ProcessingTimeTrigger = TimeTrigger<false>;

// Fires once a window holds `count` records, then starts counting again (Flink's CountTrigger).
class CountTrigger final {
 public:
  static CountTrigger of(int64_t count) { return CountTrigger(count); }
  template <typename T, typename W>
  TriggerResult onElement(const T&, int64_t, const W&, TriggerContext& ctx) {
    auto* count = ctx.getReducingState(descriptor_);
    count->add(1);
    if (*count->get() >= max_count_) {
      count->clear();
      return TriggerResult::FIRE;
    }
    return TriggerResult::CONTINUE;
  }
  template <typename W>
  TriggerResult onEventTime(int64_t, const W&, TriggerContext&) {
    return TriggerResult::CONTINUE;
  }
  template <typename W>
  TriggerResult onProcessingTime(int64_t, const W&, TriggerContext&) {
    return TriggerResult::CONTINUE;
  }
  bool canMerge() const { return true; }
  template <typename W>
  void onMerge(const W&, OnMergeContext& ctx) {
    ctx.mergeReducingState(descriptor_);
  }
  template <typename W>
  void clear(const W&, TriggerContext& ctx) {
    ctx.getReducingState(descriptor_)->clear();
  }
  std::string toString() const { return fmt::format("CountTrigger({})", max_count_); }

 private:
  explicit CountTrigger(int64_t count) : max_count_(count) {}
  int64_t max_count_;
  state::ReducingStateDescriptor<int64_t> descriptor_ = detail::sumDescriptor("count");
};

// Fires repeatedly every `interval` of event time (and at the window's end) or of
// processing time (Flink's ContinuousEventTimeTrigger / ContinuousProcessingTimeTrigger).
template <bool kEventTime>
class ContinuousTrigger final {
 public:
  template <typename R, typename P>
  static ContinuousTrigger of(std::chrono::duration<R, P> interval) {
    return ContinuousTrigger(detail::toMillis(interval));
  }
  template <typename T, typename W>
  TriggerResult onElement(const T&, int64_t timestamp, const W& window, TriggerContext& ctx) {
    int64_t start = timestamp;
    if constexpr (kEventTime) {
      if (window.maxTimestamp() <= ctx.getCurrentWatermark()) return TriggerResult::FIRE;
      ctx.registerEventTimeTimer(window.maxTimestamp());
    } else {
      start = ctx.getCurrentProcessingTime();
    }
    auto* fire = ctx.getReducingState(descriptor_);
    if (!fire->get()) registerNextFireTimestamp(start - (start % interval_), window, ctx, fire);
    return TriggerResult::CONTINUE;
  }
  template <typename W>
  TriggerResult onEventTime(int64_t time, const W& window, TriggerContext& ctx) {
    if constexpr (!kEventTime) return TriggerResult::CONTINUE;
    if (time == window.maxTimestamp()) return TriggerResult::FIRE;
    return onTime(time, window, ctx);
  }
  template <typename W>
  TriggerResult onProcessingTime(int64_t time, const W& window, TriggerContext& ctx) {
    if constexpr (kEventTime) return TriggerResult::CONTINUE;
    return onTime(time, window, ctx);
  }
  bool canMerge() const { return true; }
  template <typename W>
  void onMerge(const W&, OnMergeContext& ctx) {
    ctx.mergeReducingState(descriptor_);
    if (std::optional<int64_t> next = ctx.getReducingState(descriptor_)->get()) registerTimer(ctx, *next);
  }
  template <typename W>
  void clear(const W&, TriggerContext& ctx) {
    auto* fire = ctx.getReducingState(descriptor_);
    if (std::optional<int64_t> timestamp = fire->get()) {
      if constexpr (kEventTime) ctx.deleteEventTimeTimer(*timestamp);
      else ctx.deleteProcessingTimeTimer(*timestamp);
      fire->clear();
    }
  }
  std::string toString() const {
    return fmt::format("Continuous{}TimeTrigger({})", kEventTime ? "Event" : "Processing", interval_);
  }

 private:
  explicit ContinuousTrigger(int64_t interval) : interval_(interval) {}
  template <typename W>
  TriggerResult onTime(int64_t time, const W& window, TriggerContext& ctx) {
    auto* fire = ctx.getReducingState(descriptor_);
    std::optional<int64_t> timestamp = fire->get();
    if (timestamp && *timestamp == time) {
      fire->clear();
      registerNextFireTimestamp(time, window, ctx, fire);
      return TriggerResult::FIRE;
    }
    return TriggerResult::CONTINUE;
  }
  static void registerTimer(TriggerContext& ctx, int64_t time) {
    if constexpr (kEventTime) ctx.registerEventTimeTimer(time);
    else ctx.registerProcessingTimeTimer(time);
  }
  template <typename W>
  void registerNextFireTimestamp(int64_t time, const W& window, TriggerContext& ctx,
                                 state::ReducingState<int64_t>* fire) {
    int64_t next = std::min(time + interval_, window.maxTimestamp());
    fire->add(next);
    registerTimer(ctx, next);
  }
  int64_t interval_;
  state::ReducingStateDescriptor<int64_t> descriptor_ = detail::minDescriptor("fire-time");
};

using ContinuousEventTimeTrigger = ContinuousTrigger<true>;
using ContinuousProcessingTimeTrigger = ContinuousTrigger<false>;

// Turns every FIRE of the nested trigger into FIRE_AND_PURGE (Flink's PurgingTrigger).
template <typename Nested>
class PurgingTrigger final {
 public:
  static PurgingTrigger of(Nested nested) { return PurgingTrigger(std::move(nested)); }
  template <typename T, typename W>
  TriggerResult onElement(const T& element, int64_t timestamp, const W& window, TriggerContext& ctx) {
    return purge(nested_.onElement(element, timestamp, window, ctx));
  }
  template <typename W>
  TriggerResult onEventTime(int64_t time, const W& window, TriggerContext& ctx) {
    return purge(nested_.onEventTime(time, window, ctx));
  }
  template <typename W>
  TriggerResult onProcessingTime(int64_t time, const W& window, TriggerContext& ctx) {
    return purge(nested_.onProcessingTime(time, window, ctx));
  }
  bool canMerge() const { return nested_.canMerge(); }
  template <typename W>
  void onMerge(const W& window, OnMergeContext& ctx) {
    nested_.onMerge(window, ctx);
  }
  template <typename W>
  void clear(const W& window, TriggerContext& ctx) {
    nested_.clear(window, ctx);
  }
  std::string toString() const { return "PurgingTrigger(" + nested_.toString() + ")"; }

 private:
  explicit PurgingTrigger(Nested nested) : nested_(std::move(nested)) {}
  static TriggerResult purge(TriggerResult r) { return isFire(r) ? TriggerResult::FIRE_AND_PURGE : r; }
  Nested nested_;
};

// Never fires (the default trigger of GlobalWindows).
class NeverTrigger final {
 public:
  template <typename T, typename W>
  TriggerResult onElement(const T&, int64_t, const W&, TriggerContext&) {
    return TriggerResult::CONTINUE;
  }
  template <typename W>
  TriggerResult onEventTime(int64_t, const W&, TriggerContext&) {
    return TriggerResult::CONTINUE;
  }
  template <typename W>
  TriggerResult onProcessingTime(int64_t, const W&, TriggerContext&) {
    return TriggerResult::CONTINUE;
  }
  bool canMerge() const { return true; }
  template <typename W>
  void onMerge(const W&, OnMergeContext&) {}
  template <typename W>
  void clear(const W&, TriggerContext&) {}
  std::string toString() const { return "NeverTrigger()"; }
};

}  // namespace eddy::windowing
