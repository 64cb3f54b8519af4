#pragma once

#include "eddy/functions/keyed_state_store.h"
#include "eddy/functions/runtime_context.h"

namespace eddy {

// The RuntimeContext of a function on a keyed stream: the keyed state of the current key
// (Flink's getRuntimeContext().getState(descriptor) and friends). States are created on
// first use and live as long as the operator; keep the pointers from open().
template <typename K>
class KeyedRuntimeContext final : public RuntimeContext, public KeyedStateStore<K> {
 public:
  KeyedRuntimeContext(RuntimeContext base, state::KeyedStateBackendT<K>* backend)
      : RuntimeContext(std::move(base)), KeyedStateStore<K>(backend) {}
};

}  // namespace eddy
