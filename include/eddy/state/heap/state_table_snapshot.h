#pragma once

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "eddy/state/heap/state_table_versions.h"
#include "eddy/state/key_group_range.h"

namespace eddy::state {

// Calls fn(key_group, key, namespace, value) for every entry of one key group's map.
template <typename NamespaceMap, typename F>
void forEachIn(const NamespaceMap& by_namespace, int key_group, F& fn) {
  for (const auto& [ns, by_key] : by_namespace) {
    for (const auto& [key, value] : by_key) fn(key_group, key, ns, value);
  }
}

// The entries of a StateTable at the moment its stateSnapshot() was taken (Flink's
// CopyOnWriteStateTableSnapshot): the key groups' maps as they were then, shared with the
// table until the table changes them (it copies a map first). Destroying the snapshot
// releases it, so that the table stops copying for it. Move-only; it may be read and
// destroyed on another thread than the table's, and outlive the table.
template <typename K, typename N, typename V>
class StateTableSnapshot {
 public:
  using NamespaceMap = absl::flat_hash_map<N, absl::flat_hash_map<K, V>>;

  StateTableSnapshot(KeyGroupRange range, std::vector<std::shared_ptr<const NamespaceMap>> maps,
                     std::shared_ptr<StateTableVersions> versions, uint64_t version)
      : range_(range), maps_(std::move(maps)), versions_(std::move(versions)), version_(version) {}
  StateTableSnapshot(StateTableSnapshot&& other) noexcept
      : range_(other.range_),
        maps_(std::move(other.maps_)),
        versions_(std::move(other.versions_)),
        version_(other.version_) {}
  StateTableSnapshot& operator=(StateTableSnapshot&&) = delete;
  StateTableSnapshot(const StateTableSnapshot&) = delete;
  ~StateTableSnapshot() {
    if (versions_) versions_->releaseSnapshot(version_);
  }

  // Calls fn(key_group, key, namespace, value) for every entry, key group by key group.
  template <typename F>
  void forEach(F&& fn) const {
    for (size_t i = 0; i < maps_.size(); ++i) {
      if (maps_[i]) forEachIn(*maps_[i], range_.start + static_cast<int>(i), fn);
    }
  }

  const KeyGroupRange& range() const { return range_; }

 private:
  KeyGroupRange range_;
  std::vector<std::shared_ptr<const NamespaceMap>> maps_;
  std::shared_ptr<StateTableVersions> versions_;
  uint64_t version_;
};

}  // namespace eddy::state
