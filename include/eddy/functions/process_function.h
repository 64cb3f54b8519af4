#pragma once

#include <cstdint>
#include <optional>

#include "eddy/functions/functions.h"
#include "eddy/functions/keyed_runtime_context.h"
#include "eddy/functions/output_tag.h"
#include "eddy/functions/side_outputs.h"
#include "eddy/functions/timer_service.h"
#include "eddy/runtime/record_batch.h"

namespace eddy {

// What a process function sees of the record it processes: its timestamp, the timer
// service, and side outputs (the common part of Flink's ProcessFunction.Context).
class ProcessContextBase {
 public:
  // The record's (or firing timer's) timestamp; empty when the record has none.
  std::optional<int64_t> timestamp() const {
    return timestamp_ == runtime::kNoTimestamp ? std::nullopt : std::optional<int64_t>(timestamp_);
  }
  TimerService& timerService() const { return *timer_service_; }
  // Emits `value` to the side output `tag`, with the current timestamp.
  template <typename X>
  void output(const OutputTag<X>& tag, const X& value) {
    side_outputs_->output(tag.getId(), value, timestamp_);
  }

  // Set by the operator that runs the function.
  void bind(TimerService* timer_service, SideOutputs* side_outputs) {
    timer_service_ = timer_service;
    side_outputs_ = side_outputs;
  }
  void setTimestamp(int64_t timestamp) { timestamp_ = timestamp; }

 private:
  int64_t timestamp_ = runtime::kNoTimestamp;
  TimerService* timer_service_ = nullptr;
  SideOutputs* side_outputs_ = nullptr;
};

// A function called for every record of a stream (Flink's ProcessFunction). Timers need a
// keyed stream: use KeyedProcessFunction there.
template <typename I, typename O>
class ProcessFunction : public RichFunction {
 public:
  using InputType = I;
  using OutputType = O;
  class Context : public ProcessContextBase {};

  virtual void processElement(const I& value, Context& ctx, Collector<O>& out) = 0;
};

// A function called for every record of a keyed stream and for every timer of a key, with
// keyed state through getRuntimeContext() (Flink's KeyedProcessFunction).
template <typename K, typename I, typename O>
class KeyedProcessFunction : public RichFunction {
 public:
  using KeyType = K;
  using InputType = I;
  using OutputType = O;

  class Context : public ProcessContextBase {
   public:
    const K& getCurrentKey() const { return *key_; }
    void setCurrentKey(const K* key) { key_ = key; }

   private:
    const K* key_ = nullptr;
  };
  class OnTimerContext : public Context {
   public:
    TimeDomain timeDomain() const { return domain_; }
    void setTimeDomain(TimeDomain domain) { domain_ = domain; }

   private:
    TimeDomain domain_ = TimeDomain::EVENT_TIME;
  };

  virtual void processElement(const I& value, Context& ctx, Collector<O>& out) = 0;
  virtual void onTimer(int64_t /*timestamp*/, OnTimerContext& /*ctx*/, Collector<O>& /*out*/) {}

  KeyedRuntimeContext<K>& getRuntimeContext() const {
    return static_cast<KeyedRuntimeContext<K>&>(RichFunction::getRuntimeContext());
  }
};

}  // namespace eddy
