#pragma once

#include <utility>

namespace eddy::state {

// The namespace of state that is not scoped to a window (Flink's VoidNamespace).
struct VoidNamespace {
  bool operator==(const VoidNamespace&) const = default;
  template <typename H>
  friend H AbslHashValue(H h, const VoidNamespace&) {
    return h;
  }
};

}  // namespace eddy::state
