#pragma once

#include "eddy/common/result.h"
#include "eddy/state/key_group_range.h"
#include "eddy/state/keyed_state_snapshot.h"

namespace eddy::state {

// The keyed state of one parallel operator instance, as Flink's KeyedStateBackend: it owns
// the key groups in its range and scopes every state access to the current key. The
// runtime sees only this type-erased base; operators use the typed KeyedStateBackendT<K>.
class KeyedStateBackend {
 public:
  KeyedStateBackend(KeyGroupRange range, int max_parallelism) : range_(range), max_parallelism_(max_parallelism) {}
  virtual ~KeyedStateBackend() = default;
  KeyedStateBackend(const KeyedStateBackend&) = delete;
  KeyedStateBackend& operator=(const KeyedStateBackend&) = delete;

  const KeyGroupRange& getKeyGroupRange() const { return range_; }
  int getNumberOfKeyGroups() const { return max_parallelism_; }
  // The key group of the current key.
  int getCurrentKeyGroupIndex() const { return current_key_group_; }

  // The state of this instance's key groups in canonical form (for checkpoints).
  virtual Result<KeyedStateSnapshot> snapshot() const = 0;
  // Takes the entries of `snapshot` that fall into this instance's key groups.
  virtual Status restore(const KeyedStateSnapshot& snapshot) = 0;

 protected:
  int current_key_group_ = 0;

 private:
  KeyGroupRange range_;
  int max_parallelism_;
};

}  // namespace eddy::state
