#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include "eddy/api/data_stream.h"
#include "eddy/functions/output_tag.h"
#include "eddy/operators/keyed_process_operator.h"
#include "eddy/operators/keyed_reduce_operator.h"
#include "eddy/operators/window_aggregate_operator.h"
#include "eddy/runtime/partitioners.h"
#include "eddy/windowing/event_time_windows.h"

namespace eddy {

template <typename T, typename K, typename KeySelector, typename Assigner>
class WindowedStream;

// A stream partitioned by key (Flink's KeyedStream): records with equal keys go to the
// same parallel instance, chosen by key group exactly as Flink chooses it.
template <typename T, typename K, typename KeySelector>
class KeyedStream {
 public:
  KeyedStream(DataStream<T> input, KeySelector key_selector)
      : input_(std::move(input)), key_selector_(std::move(key_selector)) {}

  // Calls a KeyedProcessFunction for every record and timer, with keyed state
  // (Flink's KeyedStream.process).
  template <typename F>
  DataStream<typename F::OutputType> process(F f) {
    using O = typename F::OutputType;
    auto ks = key_selector_;
    return keyedTransform<O>("KeyedProcess", [ks, f] {
      return std::make_unique<operators::KeyedProcessOperator<T, K, KeySelector, F>>(ks, f);
    });
  }

  // A rolling reduce per key.
  template <typename F>
  DataStream<T> reduce(F f) {
    auto ks = key_selector_;
    return keyedTransform<T>("Keyed Reduce", [ks, f] {
      return std::make_unique<operators::KeyedReduceOperator<T, K, KeySelector, F>>(ks, f);
    });
  }

  // A rolling sum of tuple field `I` per key; the other fields are those of the first record.
  template <size_t I>
  DataStream<T> sum() {
    return reduce([](const T& a, const T& b) {
      T out = a;
      std::get<I>(out) += std::get<I>(b);
      return out;
    });
  }

  template <typename Assigner>
  WindowedStream<T, K, KeySelector, Assigner> window(Assigner assigner) {
    return WindowedStream<T, K, KeySelector, Assigner>(*this, std::move(assigner));
  }

  const KeySelector& keySelector() const { return key_selector_; }

  // Adds an operator reading this stream through a key-group partitioned edge.
  template <typename O>
  DataStream<O> keyedTransform(std::string name, std::function<std::unique_ptr<runtime::StreamOperator>()> factory) {
    KeySelector ks = key_selector_;
    auto keyed_output = [ks](std::vector<runtime::ChannelWriter*> channels, int max_parallelism) {
      using P = runtime::KeyGroupPartitioner<KeySelector>;
      return std::unique_ptr<runtime::OutputBase>(
          std::make_unique<runtime::RecordWriterOutput<T, P>>(std::move(channels), P{ks, max_parallelism}));
    };
    DataStream<O> out = input_.template transform<O>(std::move(name), std::move(factory), keyed_output);
    out.getExecutionEnvironment()->graph().node(out.getId()).make_keyed_backend = [](state::KeyGroupRange range,
                                                                                      int max_parallelism) {
      return std::make_shared<state::KeyedStateBackendT<K>>(range, max_parallelism);
    };
    return out;
  }

 private:
  DataStream<T> input_;
  KeySelector key_selector_;
};

// A keyed stream cut into windows (Flink's WindowedStream).
template <typename T, typename K, typename KeySelector, typename Assigner>
class WindowedStream {
 public:
  WindowedStream(KeyedStream<T, K, KeySelector> keyed, Assigner assigner)
      : keyed_(std::move(keyed)), assigner_(std::move(assigner)) {}

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
    using R = std::decay_t<decltype(agg.getResult(agg.createAccumulator()))>;
    return aggregate(std::move(agg), [](const K&, const windowing::TimeWindow&, const R& result, Collector<R>& out) {
      out.collect(result);
    });
  }

  // Incremental aggregation with a window function that sees the key, the window and the
  // aggregate's result (Flink's aggregate(AggregateFunction, ProcessWindowFunction)).
  template <typename Agg, typename WindowFn>
  auto aggregate(Agg agg, WindowFn window_fn) {
    using O = operators::WindowFunctionResult<WindowFn>;
    using Op = operators::WindowAggregateOperator<T, K, KeySelector, Assigner, Agg, WindowFn, O>;
    auto ks = keyed_.keySelector();
    auto assigner = assigner_;
    auto options = options_;
    return keyed_.template keyedTransform<O>("Window(" + assigner_.toString() + ")",
                                              [ks, assigner, agg, window_fn, options] {
                                                return std::make_unique<Op>(ks, assigner, agg, window_fn, options);
                                              });
  }

  // Reduces each window's records to one (Flink's WindowedStream.reduce).
  template <typename F>
  DataStream<T> reduce(F f) {
    return aggregate(ReduceAggregate<F>{std::move(f)});
  }

 private:
  template <typename F>
  struct ReduceAggregate {
    F f;
    std::optional<T> createAccumulator() const { return std::nullopt; }
    std::optional<T> add(const T& value, std::optional<T> acc) {
      if (!acc) return value;
      return operators::callReduce(f, *acc, value);
    }
    T getResult(const std::optional<T>& acc) const { return *acc; }
  };

  KeyedStream<T, K, KeySelector> keyed_;
  Assigner assigner_;
  operators::WindowOptions options_;
};

template <typename T>
template <typename F>
auto DataStream<T>::keyBy(F key_selector) {
  using K = std::decay_t<decltype(key_selector(std::declval<const T&>()))>;
  return KeyedStream<T, K, F>(*this, std::move(key_selector));
}

}  // namespace eddy
