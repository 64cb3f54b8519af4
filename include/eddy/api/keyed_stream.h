#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include "eddy/api/data_stream.h"
#include "eddy/api/windowed_stream.h"
#include "eddy/functions/output_tag.h"
#include "eddy/operators/keyed_process_operator.h"
#include "eddy/operators/keyed_reduce_operator.h"
#include "eddy/runtime/partitioners.h"
#include "eddy/windowing/evictors.h"

namespace eddy {

template <typename T, typename K, typename KeySelector, typename Assigner, typename Trigger, typename Evictor>
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

  // Cuts the stream into windows per key (Flink's KeyedStream.window).
  template <typename Assigner>
  auto window(Assigner assigner) {
    using Trigger = decltype(assigner.getDefaultTrigger());
    auto trigger = assigner.getDefaultTrigger();
    return WindowedStream<T, K, KeySelector, Assigner, Trigger, windowing::NoEvictor>(
        *this, std::move(assigner), std::move(trigger), windowing::NoEvictor{}, operators::WindowOptions{});
  }

  // Windows of `size` records per key (Flink's countWindow(size)).
  auto countWindow(int64_t size) {
    return window(windowing::GlobalWindows::create())
        .trigger(windowing::PurgingTrigger<windowing::CountTrigger>::of(windowing::CountTrigger::of(size)));
  }

  // The last `size` records per key, every `slide` records (Flink's countWindow(size, slide)).
  auto countWindow(int64_t size, int64_t slide) {
    return window(windowing::GlobalWindows::create())
        .evictor(windowing::CountEvictor::of(size))
        .trigger(windowing::CountTrigger::of(slide));
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

template <typename T>
template <typename F>
auto DataStream<T>::keyBy(F key_selector) {
  using K = std::decay_t<decltype(key_selector(std::declval<const T&>()))>;
  return KeyedStream<T, K, F>(*this, std::move(key_selector));
}

}  // namespace eddy
