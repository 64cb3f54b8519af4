#pragma once

#include "eddy/functions/runtime_context.h"
#include "eddy/state/namespaces.h"
#include "eddy/state/state_descriptor.h"
#include "eddy/state/typed_keyed_state_backend.h"

namespace eddy {

// The RuntimeContext of a function on a keyed stream: the keyed state of the current key
// (Flink's getRuntimeContext().getState(descriptor) and friends). States are created on
// first use and live as long as the operator; keep the pointers from open().
template <typename K>
class KeyedRuntimeContext final : public RuntimeContext {
 public:
  KeyedRuntimeContext(RuntimeContext base, state::KeyedStateBackendT<K>* backend)
      : RuntimeContext(std::move(base)), backend_(backend) {}

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
