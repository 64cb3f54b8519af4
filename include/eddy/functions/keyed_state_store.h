#pragma once

#include "eddy/state/namespaces.h"
#include "eddy/state/state_descriptor.h"
#include "eddy/state/typed_keyed_state_backend.h"

namespace eddy {

// The keyed state of a function on a keyed stream (Flink's KeyedStateStore): states are
// created by descriptor on first use, scoped to the current key, and live as long as the
// operator; keep the pointers. A handle on the operator's backend, cheap to copy.
template <typename K>
class KeyedStateStore {
 public:
  explicit KeyedStateStore(state::KeyedStateBackendT<K>* backend) : backend_(backend) {}

  template <typename T>
  state::ValueState<T>* getState(const state::ValueStateDescriptor<T>& descriptor) {
    return backend_->template getPartitionedState<state::VoidNamespace>(descriptor);
  }
  template <typename T>
  state::ListState<T>* getListState(const state::ListStateDescriptor<T>& descriptor) {
    return backend_->template getPartitionedState<state::VoidNamespace>(descriptor);
  }
  template <typename UK, typename UV>
  state::MapState<UK, UV>* getMapState(const state::MapStateDescriptor<UK, UV>& descriptor) {
    return backend_->template getPartitionedState<state::VoidNamespace>(descriptor);
  }
  template <typename T>
  state::ReducingState<T>* getReducingState(const state::ReducingStateDescriptor<T>& descriptor) {
    return backend_->template getPartitionedState<state::VoidNamespace>(descriptor);
  }
  template <typename IN, typename ACC, typename OUT>
  state::AggregatingState<IN, OUT>* getAggregatingState(
      const state::AggregatingStateDescriptor<IN, ACC, OUT>& descriptor) {
    return backend_->template getPartitionedState<state::VoidNamespace>(descriptor);
  }

  state::KeyedStateBackendT<K>* backend() const { return backend_; }

 private:
  state::KeyedStateBackendT<K>* backend_;
};

}  // namespace eddy
