#pragma once

namespace eddy::state {

// The key that state accesses are scoped to, and its key group; owned by the backend and
// read by its states.
template <typename K>
struct KeyContext {
  K key{};
  int key_group = 0;
};

}  // namespace eddy::state
