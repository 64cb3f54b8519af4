#pragma once

#include <utility>
#include <vector>

#include "eddy/api/windowed_stream.h"
#include "eddy/functions/process_window_function.h"

namespace eddy {

// Runs a ProcessAllWindowFunction as the ProcessWindowFunction of the single key.
template <typename F>
class AllWindowFunctionAdapter final
    : public ProcessWindowFunction<typename F::InputType, typename F::OutputType, AllWindowKey,
                                   typename F::WindowType> {
 public:
  using Base =
      ProcessWindowFunction<typename F::InputType, typename F::OutputType, AllWindowKey, typename F::WindowType>;

  explicit AllWindowFunctionAdapter(F f) : f_(std::move(f)) {}
  void open() override {
    f_.setRuntimeContext(&Base::getRuntimeContext());
    f_.open();
  }
  void close() override { f_.close(); }
  void process(const AllWindowKey&, typename Base::Context& ctx, const std::vector<typename F::InputType>& elements,
               Collector<typename F::OutputType>& out) override {
    f_.process(ctx, elements, out);
  }
  void clear(typename Base::Context& ctx) override { f_.clear(ctx); }

 private:
  F f_;
};

// Windows over a whole stream (Flink's AllWindowedStream, from windowAll): one key, so
// the window operator runs with parallelism 1. Functions take no key: a
// ProcessAllWindowFunction, or a callable (window, input, out).
template <typename T, typename KeySelector, typename Assigner, typename Trigger, typename Evictor>
class AllWindowedStream {
 public:
  using Windowed = WindowedStream<T, AllWindowKey, KeySelector, Assigner, Trigger, Evictor>;
  using W = typename Assigner::WindowType;

  explicit AllWindowedStream(Windowed windowed) : windowed_(std::move(windowed)) {}

  template <typename NewTrigger>
  auto trigger(NewTrigger trigger) const {
    return AllWindowedStream<T, KeySelector, Assigner, NewTrigger, Evictor>(windowed_.trigger(std::move(trigger)));
  }
  template <typename NewEvictor>
  auto evictor(NewEvictor evictor) const {
    return AllWindowedStream<T, KeySelector, Assigner, Trigger, NewEvictor>(windowed_.evictor(std::move(evictor)));
  }
  template <typename Rep, typename Period>
  AllWindowedStream& allowedLateness(std::chrono::duration<Rep, Period> lateness) {
    windowed_.allowedLateness(lateness);
    return *this;
  }
  AllWindowedStream& sideOutputLateData(const OutputTag<T>& tag) {
    windowed_.sideOutputLateData(tag);
    return *this;
  }

  template <typename Agg>
  auto aggregate(Agg agg) {
    return single(windowed_.aggregate(std::move(agg)));
  }
  template <typename Agg, typename WindowFn>
  auto aggregate(Agg agg, WindowFn window_fn) {
    using R = std::decay_t<decltype(agg.getResult(agg.createAccumulator()))>;
    return single(windowed_.aggregate(std::move(agg), adapt<R>(std::move(window_fn))));
  }
  template <typename F>
  DataStream<T> reduce(F f) {
    return single(windowed_.reduce(std::move(f)));
  }
  template <typename F, typename WindowFn>
  auto reduce(F f, WindowFn window_fn) {
    return single(windowed_.reduce(std::move(f), adapt<T>(std::move(window_fn))));
  }
  template <typename F>
  auto process(F f) {
    return single(windowed_.process(AllWindowFunctionAdapter<F>(std::move(f))));
  }
  template <typename F>
  auto apply(F f) {
    return single(windowed_.apply(adapt<std::vector<T>>(std::move(f))));
  }

 private:
  // A callable (window, input, out) as a keyed window function.
  template <typename F, typename Input>
  struct KeylessFunction {
    using OUT = operators::AllWindowFunctionResult<F>;
    F f;
    void operator()(const AllWindowKey&, const W& window, const Input& input, Collector<OUT>& out) {
      f(window, input, out);
    }
  };

  template <typename Input, typename F>
  static auto adapt(F f) {
    if constexpr (std::is_base_of_v<RichFunction, F>) {
      return AllWindowFunctionAdapter<F>(std::move(f));
    } else {
      return KeylessFunction<F, Input>{std::move(f)};
    }
  }
  template <typename O>
  static DataStream<O> single(DataStream<O> stream) {
    stream.setParallelism(1).setMaxParallelism(1);
    return stream;
  }

  Windowed windowed_;
};

template <typename T>
template <typename Assigner>
auto DataStream<T>::windowAll(Assigner assigner) {
  auto keyed = keyBy([](const T&) { return AllWindowKey{0}; });
  using KS = std::decay_t<decltype(keyed.keySelector())>;
  using Trig = decltype(assigner.getDefaultTrigger());
  return AllWindowedStream<T, KS, Assigner, Trig, windowing::NoEvictor>(keyed.window(std::move(assigner)));
}

}  // namespace eddy
