#pragma once

#include <cstddef>

namespace eddy::state {

// What the heap backend knows of each of its states without their types: enough to
// register them by name and, later, to snapshot them.
class HeapStateBase {
 public:
  virtual ~HeapStateBase() = default;
  // Number of (key, namespace) entries held.
  virtual size_t numEntries() const = 0;
};

}  // namespace eddy::state
