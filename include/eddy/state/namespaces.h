#pragma once

#include <cstdint>
#include <utility>

#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"

namespace eddy::state {

// The namespace of state that is not scoped to a window (Flink's VoidNamespace).
struct VoidNamespace {
  bool operator==(const VoidNamespace&) const = default;
  // One zero byte, as Flink's VoidNamespaceSerializer.
  void serialize(types::DataOutputSerializer& out) const { out.writeByte(0); }
  Status deserialize(types::DataInputDeserializer& in) {
    int8_t ignored;
    return in.readByte(ignored);
  }
  template <typename H>
  friend H AbslHashValue(H h, const VoidNamespace&) {
    return h;
  }
};

}  // namespace eddy::state
