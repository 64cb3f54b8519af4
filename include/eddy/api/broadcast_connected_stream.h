#pragma once

#include <memory>
#include <type_traits>
#include <utility>

#include "eddy/api/broadcast_stream.h"
#include "eddy/api/connected_streams.h"
#include "eddy/api/data_stream.h"
#include "eddy/api/keyed_stream.h"
#include "eddy/functions/broadcast_process_function.h"
#include "eddy/operators/co_broadcast_with_keyed_operator.h"
#include "eddy/operators/co_broadcast_with_non_keyed_operator.h"

namespace eddy {

// A stream connected with a broadcast stream (Flink's BroadcastConnectedStream): a
// DataStream (K void) processed by a BroadcastProcessFunction, or a KeyedStream by key K
// processed by a KeyedBroadcastProcessFunction. The broadcast side goes to every parallel
// instance; the other side keeps its partitioning (by key group when keyed).
template <typename IN1, typename IN2, typename K = void, typename KeySelector = void>
class BroadcastConnectedStream {
 public:
  static constexpr bool kKeyed = !std::is_void_v<K>;
  using KeySelectorHolder = std::conditional_t<kKeyed, KeySelector, int>;

  BroadcastConnectedStream(DataStream<IN1> input, BroadcastStream<IN2> broadcast_stream,
                           KeySelectorHolder key_selector = {})
      : input_(std::move(input)), broadcast_(std::move(broadcast_stream)), key_selector_(std::move(key_selector)) {}

  const DataStream<IN1>& getFirstInput() const { return input_; }
  const BroadcastStream<IN2>& getSecondInput() const { return broadcast_; }

  template <typename F>
  DataStream<typename F::OutputType> process(F f) {
    using O = typename F::OutputType;
    StreamExecutionEnvironment* env = input_.getExecutionEnvironment();
    auto states = broadcast_.getBroadcastStateDescriptors();
    int id = 0;
    if constexpr (kKeyed) {
      static_assert(std::is_base_of_v<KeyedBroadcastProcessFunction<K, IN1, IN2, O>, F>,
                    "a keyed stream connected with a broadcast stream is processed by a KeyedBroadcastProcessFunction");
      KeySelector key_selector = key_selector_;
      id = env->template addNode<O>("Co-Process-Broadcast-Keyed", 2, [key_selector, f, states] {
        return std::make_unique<operators::CoBroadcastWithKeyedOperator<IN1, IN2, K, KeySelector, F>>(key_selector, f,
                                                                                                       states);
      });
      makeKeyed<K>(env, id);
      input_.connectTo(id, 0, keyGroupOutput<IN1>(key_selector_));
    } else {
      static_assert(std::is_base_of_v<BroadcastProcessFunction<IN1, IN2, O>, F>,
                    "a stream connected with a broadcast stream is processed by a BroadcastProcessFunction");
      id = env->template addNode<O>("Co-Process-Broadcast", 2, [f, states] {
        return std::make_unique<operators::CoBroadcastWithNonKeyedOperator<IN1, IN2, F>>(f, states);
      });
      input_.connectTo(id, 0);
    }
    broadcast_.input().connectTo(id, 1);
    return DataStream<O>(env, id);
  }

 private:
  DataStream<IN1> input_;
  BroadcastStream<IN2> broadcast_;
  KeySelectorHolder key_selector_;
};

template <typename T>
template <typename T2>
BroadcastConnectedStream<T, T2> DataStream<T>::connect(const BroadcastStream<T2>& broadcast_stream) {
  return BroadcastConnectedStream<T, T2>(*this, broadcast_stream);
}

template <typename T, typename K, typename KeySelector>
template <typename T2>
BroadcastConnectedStream<T, T2, K, KeySelector> KeyedStream<T, K, KeySelector>::connect(
    const BroadcastStream<T2>& broadcast_stream) {
  return BroadcastConnectedStream<T, T2, K, KeySelector>(input_, broadcast_stream, key_selector_);
}

}  // namespace eddy
