#pragma once

#include <utility>
#include <vector>

#include "eddy/api/data_stream.h"
#include "eddy/state/operator_state_store.h"
#include "eddy/state/state_descriptor.h"

namespace eddy {

// A stream whose every element goes to every parallel instance of the operator it is
// connected to, with the broadcast states that operator keeps (Flink's BroadcastStream).
// Made by DataStream::broadcast(descriptors...); connect a DataStream or a KeyedStream to
// it and process with a (Keyed)BroadcastProcessFunction. Cheap to copy.
template <typename T>
class BroadcastStream {
 public:
  BroadcastStream(DataStream<T> input, std::vector<state::BroadcastStateRegistration> broadcast_states)
      : input_(std::move(input)), broadcast_states_(std::move(broadcast_states)) {}

  StreamExecutionEnvironment* getExecutionEnvironment() const { return input_.getExecutionEnvironment(); }
  // The broadcast-partitioned input.
  const DataStream<T>& input() const { return input_; }
  // One registration per descriptor given to broadcast(...).
  const std::vector<state::BroadcastStateRegistration>& getBroadcastStateDescriptors() const {
    return broadcast_states_;
  }

 private:
  DataStream<T> input_;
  std::vector<state::BroadcastStateRegistration> broadcast_states_;
};

namespace detail {
template <typename K, typename V>
state::BroadcastStateRegistration broadcastStateRegistration(const state::MapStateDescriptor<K, V>& descriptor) {
  return [descriptor](state::OperatorStateStore& store) { store.getBroadcastState(descriptor); };
}
}  // namespace detail

template <typename T>
template <typename K, typename V, typename... More>
BroadcastStream<T> DataStream<T>::broadcast(const state::MapStateDescriptor<K, V>& descriptor,
                                            const More&... more) const {
  return BroadcastStream<T>(broadcast(), {detail::broadcastStateRegistration(descriptor),
                                          detail::broadcastStateRegistration(more)...});
}

}  // namespace eddy
