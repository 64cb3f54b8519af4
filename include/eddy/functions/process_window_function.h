#pragma once

#include <cstdint>
#include <vector>

#include "eddy/functions/functions.h"
#include "eddy/functions/keyed_runtime_context.h"
#include "eddy/functions/output_tag.h"
#include "eddy/functions/side_outputs.h"
#include "eddy/functions/timer_service.h"

namespace eddy {

// Keyed state scoped to one window of the current key (what ProcessWindowFunction's
// Context::windowState() returns); it is dropped when the window is cleaned up if the
// function clears it in clear().
template <typename K, typename W>
class PerWindowStateStore {
 public:
  PerWindowStateStore(state::KeyedStateBackendT<K>* backend, const W* window) : backend_(backend), window_(window) {}
  template <typename T>
  state::ValueState<T>* getState(const state::ValueStateDescriptor<T>& d) { return scoped(d); }
  template <typename T>
  state::ListState<T>* getListState(const state::ListStateDescriptor<T>& d) { return scoped(d); }
  template <typename UK, typename UV>
  state::MapState<UK, UV>* getMapState(const state::MapStateDescriptor<UK, UV>& d) { return scoped(d); }
  template <typename T>
  state::ReducingState<T>* getReducingState(const state::ReducingStateDescriptor<T>& d) { return scoped(d); }

 private:
  template <typename D>
  auto* scoped(const D& d) {
    auto* s = backend_->template getPartitionedState<W>(d);
    s->setCurrentNamespace(*window_);
    return s;
  }
  state::KeyedStateBackendT<K>* backend_;
  const W* window_;
};

// A function that sees all records (or the pre-aggregated result) of a window with its key
// and window (Flink's ProcessWindowFunction).
template <typename IN, typename OUT, typename KEY, typename W>
class ProcessWindowFunction : public RichFunction {
 public:
  using InputType = IN;
  using OutputType = OUT;
  using KeyType = KEY;
  using WindowType = W;

  // The window being evaluated, time, state and side outputs.
  class Context {
   public:
    Context(const W* window, TimerService* time, SideOutputs* side_outputs, state::KeyedStateBackendT<KEY>* backend,
            KeyedRuntimeContext<KEY>* global)
        : window_(window), time_(time), side_outputs_(side_outputs), window_state_(backend, window), global_(global) {}
    const W& window() const { return *window_; }
    int64_t currentProcessingTime() const { return time_->currentProcessingTime(); }
    int64_t currentWatermark() const { return time_->currentWatermark(); }
    PerWindowStateStore<KEY, W>& windowState() { return window_state_; }
    KeyedRuntimeContext<KEY>& globalState() { return *global_; }
    template <typename X>
    void output(const OutputTag<X>& tag, const X& value) {
      side_outputs_->output(tag.getId(), value, window_->maxTimestamp());
    }

   private:
    const W* window_;
    TimerService* time_;
    SideOutputs* side_outputs_;
    PerWindowStateStore<KEY, W> window_state_;
    KeyedRuntimeContext<KEY>* global_;
  };

  virtual void process(const KEY& key, Context& ctx, const std::vector<IN>& elements, Collector<OUT>& out) = 0;
  // Called when the window is purged for good, to drop per-window state.
  virtual void clear(Context& /*ctx*/) {}

  KeyedRuntimeContext<KEY>& getRuntimeContext() const {
    return static_cast<KeyedRuntimeContext<KEY>&>(RichFunction::getRuntimeContext());
  }
};

// The key of a non-keyed window stream (windowAll): every record has it.
using AllWindowKey = uint8_t;

// A ProcessWindowFunction for windows over the whole stream, without a key (Flink's
// ProcessAllWindowFunction).
template <typename IN, typename OUT, typename W>
class ProcessAllWindowFunction : public RichFunction {
 public:
  using InputType = IN;
  using OutputType = OUT;
  using WindowType = W;
  using Context = typename ProcessWindowFunction<IN, OUT, AllWindowKey, W>::Context;

  virtual void process(Context& ctx, const std::vector<IN>& elements, Collector<OUT>& out) = 0;
  virtual void clear(Context& /*ctx*/) {}
};

}  // namespace eddy
