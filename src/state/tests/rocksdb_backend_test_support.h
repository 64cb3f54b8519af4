#pragma once

#include <algorithm>
#include <memory>
#include <string>

#include "eddy/state/keyed_state_snapshot.h"
#include "eddy/state/typed_keyed_state_backend.h"

namespace eddy::state::testing {

// The two kinds of backend the shared suites run on.
struct HeapKind {
  static StateBackendConfig config() { return StateBackendConfig(HashMapStateBackend{}); }
};
struct RocksDBKind {
  static StateBackendConfig config() {
    EmbeddedRocksDBStateBackend rocksdb(false);
    rocksdb.local_dir = ::testing::TempDir();
    return StateBackendConfig(rocksdb);
  }
};

template <typename K>
std::shared_ptr<KeyedStateBackendT<K>> makeBackend(const StateBackendConfig& config, KeyGroupRange range,
                                                   int max_parallelism = 128) {
  auto backend = KeyedStateBackendT<K>::create(range, max_parallelism, config);
  EXPECT_TRUE(backend.ok()) << backend.status().message();
  return std::move(backend).value();
}

// The snapshot with each key group's entries sorted, so that snapshots of backends that
// iterate in different orders compare equal when they hold the same state.
inline KeyedStateSnapshot normalized(KeyedStateSnapshot snapshot) {
  for (StateSnapshot& state : snapshot.states) {
    for (auto& [key_group, entries] : state.key_groups) {
      std::sort(entries.begin(), entries.end(), [](const StateEntry& a, const StateEntry& b) {
        return std::tie(a.key, a.ns, a.user_key, a.value) < std::tie(b.key, b.ns, b.user_key, b.value);
      });
    }
  }
  return snapshot;
}

}  // namespace eddy::state::testing
