#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include "eddy/api/connected_streams.h"
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
template <typename T>
class BroadcastStream;
template <typename IN1, typename IN2, typename K, typename KeySelector>
class BroadcastConnectedStream;

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

  // Rolling aggregations of one field per key (Flink's sum/min/max/minBy/maxBy): the field
  // is a tuple index (sum<1>()) or a member pointer (sum(&Event::count)). sum, min and max
  // change only that field of the first record; minBy and maxBy emit the whole record with
  // the smallest/largest field (on ties the first one, unless first = false).
  template <size_t I>
  DataStream<T> sum() { return sum(TupleField<I>{}); }
  template <size_t I>
  DataStream<T> min() { return min(TupleField<I>{}); }
  template <size_t I>
  DataStream<T> max() { return max(TupleField<I>{}); }
  template <size_t I>
  DataStream<T> minBy(bool first = true) { return minBy(TupleField<I>{}, first); }
  template <size_t I>
  DataStream<T> maxBy(bool first = true) { return maxBy(TupleField<I>{}, first); }

  template <typename Field>
  DataStream<T> sum(Field field) {
    return aggregateField("Keyed Aggregation", [field](const T& a, const T& b) {
      T out = a;
      fieldOf(out, field) += fieldOf(b, field);
      return out;
    });
  }
  template <typename Field>
  DataStream<T> min(Field field) {
    return aggregateField("Keyed Aggregation", [field](const T& a, const T& b) {
      T out = a;
      if (fieldOf(b, field) < fieldOf(a, field)) fieldOf(out, field) = fieldOf(b, field);
      return out;
    });
  }
  template <typename Field>
  DataStream<T> max(Field field) {
    return aggregateField("Keyed Aggregation", [field](const T& a, const T& b) {
      T out = a;
      if (fieldOf(a, field) < fieldOf(b, field)) fieldOf(out, field) = fieldOf(b, field);
      return out;
    });
  }
  template <typename Field>
  DataStream<T> minBy(Field field, bool first = true) {
    return aggregateField("Keyed Aggregation", [field, first](const T& a, const T& b) {
      const auto& fa = fieldOf(a, field);
      const auto& fb = fieldOf(b, field);
      return fb < fa || (!first && !(fa < fb)) ? b : a;
    });
  }
  template <typename Field>
  DataStream<T> maxBy(Field field, bool first = true) {
    return aggregateField("Keyed Aggregation", [field, first](const T& a, const T& b) {
      const auto& fa = fieldOf(a, field);
      const auto& fb = fieldOf(b, field);
      return fa < fb || (!first && !(fb < fa)) ? b : a;
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

  // Connects this stream with a broadcast stream for a KeyedBroadcastProcessFunction (see
  // broadcast_connected_stream.h).
  template <typename T2>
  BroadcastConnectedStream<T, T2, K, KeySelector> connect(const BroadcastStream<T2>& broadcast_stream);

  const KeySelector& keySelector() const { return key_selector_; }

  // Adds an operator reading this stream through a key-group partitioned edge.
  template <typename O>
  DataStream<O> keyedTransform(std::string name, std::function<std::unique_ptr<runtime::StreamOperator>()> factory) {
    DataStream<O> out = input_.template transform<O>(std::move(name), std::move(factory), keyGroupOutput<T>(key_selector_));
    makeKeyed<K>(out.getExecutionEnvironment(), out.getId());
    return out;
  }

 private:
  template <size_t I>
  struct TupleField {};
  template <size_t I>
  static auto& fieldOf(T& v, TupleField<I>) { return std::get<I>(v); }
  template <size_t I>
  static const auto& fieldOf(const T& v, TupleField<I>) { return std::get<I>(v); }
  template <typename P>
    requires std::is_member_object_pointer_v<P>
  static auto& fieldOf(T& v, P member) { return v.*member; }
  template <typename P>
    requires std::is_member_object_pointer_v<P>
  static const auto& fieldOf(const T& v, P member) { return v.*member; }

  template <typename F>
  DataStream<T> aggregateField(std::string name, F f) {
    auto ks = key_selector_;
    return keyedTransform<T>(std::move(name), [ks, f] {
      return std::make_unique<operators::KeyedReduceOperator<T, K, KeySelector, F>>(ks, f);
    });
  }

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
