#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "eddy/api/data_stream.h"
#include "eddy/functions/output_tag.h"
#include "eddy/operators/window_contents.h"
#include "eddy/operators/window_operator.h"
#include "eddy/windowing/event_time_windows.h"
#include "eddy/windowing/evictors.h"
#include "eddy/windowing/global_windows.h"
#include "eddy/windowing/processing_time_windows.h"
#include "eddy/windowing/session_windows.h"
#include "eddy/windowing/triggers.h"

namespace eddy {

template <typename T, typename K, typename KeySelector>
class KeyedStream;

// A keyed stream cut into windows (Flink's WindowedStream): set the trigger, evictor,
// allowed lateness and late-data output, then say what to compute per window. Without an
// evictor, aggregate and reduce keep one accumulator per window; process (and any
// function once an evictor is set) keeps the window's records.
template <typename T, typename K, typename KeySelector, typename Assigner, typename Trigger, typename Evictor>
class WindowedStream {
 public:
  using W = typename Assigner::WindowType;

  WindowedStream(KeyedStream<T, K, KeySelector> keyed, Assigner assigner, Trigger trigger, Evictor evictor,
                 operators::WindowOptions options)
      : keyed_(std::move(keyed)),
        assigner_(std::move(assigner)),
        trigger_(std::move(trigger)),
        evictor_(std::move(evictor)),
        options_(std::move(options)) {}

  template <typename NewTrigger>
  WindowedStream<T, K, KeySelector, Assigner, NewTrigger, Evictor> trigger(NewTrigger trigger) const {
    return {keyed_, assigner_, std::move(trigger), evictor_, options_};
  }

  template <typename NewEvictor>
  WindowedStream<T, K, KeySelector, Assigner, Trigger, NewEvictor> evictor(NewEvictor evictor) const {
    return {keyed_, assigner_, trigger_, std::move(evictor), options_};
  }

  template <typename Rep, typename Period>
  WindowedStream& allowedLateness(std::chrono::duration<Rep, Period> lateness) {
    options_.allowed_lateness_ms = std::chrono::duration_cast<std::chrono::milliseconds>(lateness).count();
    return *this;
  }

  // Records too late for every one of their windows go to `tag` instead of being dropped.
  WindowedStream& sideOutputLateData(const OutputTag<T>& tag) {
    options_.late_data_tag = tag.getId();
    return *this;
  }

  // Incremental aggregation; emits the aggregate's result per window.
  template <typename Agg>
  auto aggregate(Agg agg) {
    return aggregate(std::move(agg), operators::PassThroughWindowFunction{});
  }

  // Incremental aggregation with a window function that gets the result: a
  // ProcessWindowFunction or a callable (key, window, result, out).
  template <typename Agg, typename WindowFn>
  auto aggregate(Agg agg, WindowFn window_fn) {
    if constexpr (std::is_same_v<Evictor, windowing::NoEvictor>) {
      return build(operators::AggregateContents<T, K, W, Agg>(std::move(agg)), std::move(window_fn));
    } else {
      return build(listContents(), aggregateElements(std::move(agg), std::move(window_fn)));
    }
  }

  // Reduces each window's records to one (Flink's WindowedStream.reduce).
  template <typename F>
  DataStream<T> reduce(F f) {
    return reduce(std::move(f), operators::PassThroughWindowFunction{});
  }

  template <typename F, typename WindowFn>
  auto reduce(F f, WindowFn window_fn) {
    if constexpr (std::is_same_v<Evictor, windowing::NoEvictor>) {
      return build(operators::ReduceContents<T, K, W, F>(std::move(f)), std::move(window_fn));
    } else {
      return build(listContents(), aggregateElements(ReduceAggregate<F>{std::move(f)}, std::move(window_fn)));
    }
  }

  // Calls a ProcessWindowFunction with all records of each window (Flink's process).
  template <typename F>
  auto process(F f) {
    return build(listContents(), std::move(f));
  }

  // Calls a window function (key, window, records, out) with all records of each window
  // (Flink's apply(WindowFunction)).
  template <typename F>
  auto apply(F f) {
    return build(listContents(), std::move(f));
  }

 private:
  // A reduce function as an aggregate whose accumulator is the reduced record.
  template <typename F>
  struct ReduceAggregate {
    F f;
    std::optional<T> createAccumulator() const { return std::nullopt; }
    std::optional<T> add(const T& value, std::optional<T> acc) {
      if (!acc) return std::optional<T>(value);
      return std::optional<T>(operators::callReduce(f, *acc, value));
    }
    T getResult(const std::optional<T>& acc) const { return *acc; }
  };

  auto listContents() const { return operators::ListContents<T, K, W, Evictor>(evictor_); }

  // With an evictor, aggregates run over the records left after eviction (Flink's
  // EvictingWindowOperator with an aggregating window function).
  template <typename Agg, typename WindowFn>
  static auto aggregateElements(Agg agg, WindowFn window_fn) {
    using R = std::decay_t<decltype(agg.getResult(agg.createAccumulator()))>;
    using O = typename operators::WindowOutput<WindowFn, R>::type;
    return [agg, window_fn](const K& key, const W& window, const std::vector<T>& elements, Collector<O>& out) mutable {
      auto acc = agg.createAccumulator();
      for (const T& e : elements) acc = agg.add(e, std::move(acc));
      operators::callWindowFunction(window_fn, key, window, agg.getResult(acc), [] { return 0; }, out);
    };
  }

  template <typename Contents, typename WindowFn>
  auto build(Contents contents, WindowFn window_fn) {
    using Op = operators::WindowOperator<T, K, KeySelector, Assigner, Trigger, Contents, WindowFn>;
    using O = typename Op::OUT;
    auto ks = keyed_.keySelector();
    auto assigner = assigner_;
    auto trigger = trigger_;
    auto options = options_;
    std::string name = "Window(" + assigner_.toString() + ", " + triggerName() + ")";
    return keyed_.template keyedTransform<O>(name, [ks, assigner, trigger, contents, window_fn, options] {
      return std::make_unique<Op>(ks, assigner, trigger, contents, window_fn, options);
    });
  }

  std::string triggerName() const {
    if constexpr (requires { trigger_.toString(); }) return trigger_.toString();
    else return "Trigger";
  }

  KeyedStream<T, K, KeySelector> keyed_;
  Assigner assigner_;
  Trigger trigger_;
  Evictor evictor_;
  operators::WindowOptions options_;
};

}  // namespace eddy
