#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/hash/hash.h>

#include <utility>
#include <vector>

#include "eddy/state/key_context.h"
#include "eddy/state/key_group_range.h"

namespace eddy::state {

// The values of one heap state, as Flink's StateTable: per key group, a map from
// namespace to a map from key to value (Flink's nested state map layout). Window state is
// created and dropped a window at a time, so grouping by namespace keeps the per-key maps
// free of the tombstones that erase-heavy hash maps accumulate: a namespace's map is dropped
// whole once empty. Snapshots and rescaling can take whole key groups.
template <typename K, typename N, typename V>
class StateTable {
 public:
  StateTable(const KeyContext<K>* context, KeyGroupRange range)
      : context_(context), range_(range), maps_(range.numberOfKeyGroups()) {}

  // The value of the current key in `ns`, or nullptr.
  V* get(const N& ns) {
    auto& by_namespace = currentMap();
    auto outer = by_namespace.find(ns);
    if (outer == by_namespace.end()) return nullptr;
    auto inner = outer->second.find(context_->key);
    return inner == outer->second.end() ? nullptr : &inner->second;
  }

  // The value of the current key in `ns`, inserted as V() if absent; `created` tells which.
  V& getOrCreate(const N& ns, bool& created) {
    auto& by_key = currentMap()[ns];
    auto [it, inserted] = by_key.try_emplace(context_->key);
    created = inserted;
    return it->second;
  }

  void put(const N& ns, V value) {
    bool created;
    getOrCreate(ns, created) = std::move(value);
  }

  // Removes the current key's value in `ns`; returns it, or V() if there was none.
  V take(const N& ns) {
    auto& by_namespace = currentMap();
    auto outer = by_namespace.find(ns);
    if (outer == by_namespace.end()) return V();
    auto inner = outer->second.find(context_->key);
    if (inner == outer->second.end()) return V();
    V value = std::move(inner->second);
    erase(by_namespace, outer, inner);
    return value;
  }

  void remove(const N& ns) {
    auto& by_namespace = currentMap();
    auto outer = by_namespace.find(ns);
    if (outer == by_namespace.end()) return;
    auto inner = outer->second.find(context_->key);
    if (inner != outer->second.end()) erase(by_namespace, outer, inner);
  }

  // The value of (key, ns) in `key_group`, inserted as V() if absent (restore). The key
  // group must be in this table's range.
  V& mutableEntry(int key_group, K key, N ns) {
    return maps_[key_group - range_.start][std::move(ns)].try_emplace(std::move(key)).first->second;
  }
  void putEntry(int key_group, K key, N ns, V value) {
    mutableEntry(key_group, std::move(key), std::move(ns)) = std::move(value);
  }

  // Calls fn(key_group, key, namespace, value) for every entry, key group by key group.
  template <typename F>
  void forEach(F&& fn) const {
    for (size_t i = 0; i < maps_.size(); ++i) {
      for (const auto& [ns, by_key] : maps_[i]) {
        for (const auto& [key, value] : by_key) fn(range_.start + static_cast<int>(i), key, ns, value);
      }
    }
  }

  const KeyGroupRange& range() const { return range_; }

  // Visits up to `n` entries (an empty key group counts as one), resuming where the previous
  // call stopped and wrapping around, and removes those for which should_remove(value) is true;
  // it may shrink the value in place. Flink's incremental TTL cleanup: a lazy iterator over all
  // entries that tolerates changes between calls by walking a copy of one key group's
  // (namespace, key) pairs at a time.
  template <typename F>
  void removeSomeIf(size_t n, F&& should_remove) {
    if (maps_.empty()) return;
    while (n > 0) {
      if (cleanup_next_ == cleanup_keys_.size()) {
        cleanup_group_ = (cleanup_group_ + 1) % maps_.size();
        cleanup_keys_.clear();
        cleanup_next_ = 0;
        for (const auto& [ns, by_key] : maps_[cleanup_group_]) {
          for (const auto& [key, value] : by_key) cleanup_keys_.emplace_back(ns, key);
        }
        if (cleanup_keys_.empty()) --n;
        continue;
      }
      const auto& [ns, key] = cleanup_keys_[cleanup_next_++];
      --n;
      auto& by_namespace = maps_[cleanup_group_];
      auto outer = by_namespace.find(ns);
      if (outer == by_namespace.end()) continue;
      auto inner = outer->second.find(key);
      if (inner != outer->second.end() && should_remove(inner->second)) erase(by_namespace, outer, inner);
    }
  }

  size_t size() const {
    size_t n = 0;
    for (const auto& by_namespace : maps_) {
      for (const auto& [ns, by_key] : by_namespace) n += by_key.size();
    }
    return n;
  }

 private:
  using KeyMap = absl::flat_hash_map<K, V>;
  using NamespaceMap = absl::flat_hash_map<N, KeyMap>;

  NamespaceMap& currentMap() { return maps_[context_->key_group - range_.start]; }

  static void erase(NamespaceMap& by_namespace, typename NamespaceMap::iterator outer,
                    typename KeyMap::iterator inner) {
    outer->second.erase(inner);
    if (outer->second.empty()) by_namespace.erase(outer);
  }

  const KeyContext<K>* context_;
  KeyGroupRange range_;
  std::vector<NamespaceMap> maps_;
  // Where removeSomeIf() stands: a key group and the entries it had when it was reached.
  size_t cleanup_group_ = 0;
  std::vector<std::pair<N, K>> cleanup_keys_;
  size_t cleanup_next_ = 0;
};

}  // namespace eddy::state
