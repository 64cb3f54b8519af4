#pragma once

#include <cstddef>

#include "eddy/common/status.h"
#include "eddy/state/keyed_state_snapshot.h"
#include "eddy/state/state_descriptor.h"

namespace eddy::state {

// What the heap backend knows of each of its states without their types: enough to
// register them by name and to snapshot and restore them in the canonical form.
class HeapStateBase {
 public:
  virtual ~HeapStateBase() = default;
  // Number of (key, namespace) entries held.
  virtual size_t numEntries() const = 0;
  virtual StateType type() const = 0;
  // Adds this state's entries to `out` (whose name and type the backend sets).
  virtual Status snapshot(StateSnapshot& out) const = 0;
  // Loads the entries of `in` that fall into this state's key-group range.
  virtual Status restore(const StateSnapshot& in) = 0;
};

}  // namespace eddy::state
