#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/hash/hash.h>

#include <memory>
#include <utility>
#include <vector>

#include "eddy/common/prefetch.h"
#include "eddy/state/heap/state_table_snapshot.h"
#include "eddy/state/heap/state_table_versions.h"
#include "eddy/state/key_context.h"
#include "eddy/state/key_group_range.h"

namespace eddy::state {

// The values of one heap state, as Flink's CopyOnWriteStateTable: per key group, a map from
// namespace to a map from key to value (Flink's nested state map layout). Window state is
// created and dropped a window at a time, so grouping by namespace keeps the per-key maps
// free of the tombstones that erase-heavy hash maps accumulate: a namespace's map is dropped
// whole once empty. Snapshots and rescaling can take whole key groups.
//
// Copy-on-write: stateSnapshot() costs O(key groups) — it shares every key group's map
// with the snapshot — and the first change to a shared key group afterwards copies that key
// group's map (see StateTableVersions), so the snapshot keeps the values it was taken with
// while the task goes on. Every change goes through writableMap(); reads never copy. Used
// from the task thread; a snapshot may be read on another thread.
template <typename K, typename N, typename V>
class StateTable {
 public:
  using KeyMap = absl::flat_hash_map<K, V>;
  using NamespaceMap = absl::flat_hash_map<N, KeyMap>;

  StateTable(const KeyContext<K>* context, KeyGroupRange range)
      : context_(context),
        range_(range),
        slots_(range.numberOfKeyGroups()),
        versions_(std::make_shared<StateTableVersions>()) {}

  // The value of the current key in `ns`, or nullptr. For reading only, and valid until the
  // next change to the table (a change may move the key group to a copy).
  const V* get(const N& ns) const {
    const NamespaceMap* by_namespace = slots_[currentIndex()].map.get();
    if (!by_namespace) return nullptr;
    auto outer = by_namespace->find(ns);
    if (outer == by_namespace->end()) return nullptr;
    auto inner = outer->second.find(context_->key);
    return inner == outer->second.end() ? nullptr : &inner->second;
  }

  // Asks the CPU to load the memory a lookup of `key` in `ns` of `key_group` will touch, so
  // that an operator can start the lookups of a batch's keys before it works through them
  // (the cache misses of one key overlap the work on the previous ones). Changes nothing.
  template <typename KeyArg>
  void prefetch(int key_group, const N& ns, const KeyArg& key) const {
    const NamespaceMap* by_namespace = slots_[static_cast<size_t>(key_group - range_.start)].map.get();
    if (!by_namespace) return;
    auto outer = by_namespace->find(ns);
    if (outer != by_namespace->end()) outer->second.prefetch(key);
    keepPrefetchCall();
  }

  // The value of the current key in `ns` to change in place, or nullptr (then nothing was
  // copied).
  V* getForUpdate(const N& ns) {
    if (!get(ns)) return nullptr;
    NamespaceMap& by_namespace = writableMap(currentIndex());
    return &by_namespace.find(ns)->second.find(context_->key)->second;
  }

  // The value of the current key in `ns`, inserted as V() if absent; `created` tells which.
  V& getOrCreate(const N& ns, bool& created) {
    auto& by_key = writableMap(currentIndex())[ns];
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
    if (!get(ns)) return V();
    NamespaceMap& by_namespace = writableMap(currentIndex());
    auto outer = by_namespace.find(ns);
    auto inner = outer->second.find(context_->key);
    V value = std::move(inner->second);
    erase(by_namespace, outer, inner);
    return value;
  }

  void remove(const N& ns) {
    if (!get(ns)) return;
    NamespaceMap& by_namespace = writableMap(currentIndex());
    auto outer = by_namespace.find(ns);
    erase(by_namespace, outer, outer->second.find(context_->key));
  }

  // The value of (key, ns) in `key_group`, inserted as V() if absent (restore). The key
  // group must be in this table's range.
  V& mutableEntry(int key_group, K key, N ns) {
    return writableMap(key_group - range_.start)[std::move(ns)].try_emplace(std::move(key)).first->second;
  }
  void putEntry(int key_group, K key, N ns, V value) {
    mutableEntry(key_group, std::move(key), std::move(ns)) = std::move(value);
  }

  // Calls fn(key_group, key, namespace, value) for every entry, key group by key group.
  template <typename F>
  void forEach(F&& fn) const {
    for (size_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i].map) forEachIn(*slots_[i].map, range_.start + static_cast<int>(i), fn);
    }
  }

  // The entries as they are now, unchanged by later changes to this table until the
  // snapshot is destroyed (Flink's CopyOnWriteStateTable.stateSnapshot()). O(key groups).
  StateTableSnapshot<K, N, V> stateSnapshot() const {
    const uint64_t version = versions_->beginSnapshot();
    std::vector<std::shared_ptr<const NamespaceMap>> maps;
    maps.reserve(slots_.size());
    for (const KeyGroupSlot& slot : slots_) maps.push_back(slot.map);
    return StateTableSnapshot<K, N, V>(range_, std::move(maps), versions_, version);
  }

  const KeyGroupRange& range() const { return range_; }
  const StateTableVersions& versions() const { return *versions_; }

  // Visits up to `n` entries (an empty key group counts as one), resuming where the previous
  // call stopped and wrapping around, and removes those for which should_remove(value) is true;
  // it may shrink the value in place, so a key group a snapshot shares is copied before its
  // first entry is visited. Flink's incremental TTL cleanup: a lazy iterator over all
  // entries that tolerates changes between calls by walking a copy of one key group's
  // (namespace, key) pairs at a time.
  template <typename F>
  void removeSomeIf(size_t n, F&& should_remove) {
    if (slots_.empty()) return;
    while (n > 0) {
      if (cleanup_next_ == cleanup_keys_.size()) {
        cleanup_group_ = (cleanup_group_ + 1) % slots_.size();
        cleanup_keys_.clear();
        cleanup_next_ = 0;
        if (const NamespaceMap* by_namespace = slots_[cleanup_group_].map.get()) {
          for (const auto& [ns, by_key] : *by_namespace) {
            for (const auto& [key, value] : by_key) cleanup_keys_.emplace_back(ns, key);
          }
        }
        if (cleanup_keys_.empty()) --n;
        continue;
      }
      const auto& [ns, key] = cleanup_keys_[cleanup_next_++];
      --n;
      auto& by_namespace = writableMap(cleanup_group_);
      auto outer = by_namespace.find(ns);
      if (outer == by_namespace.end()) continue;
      auto inner = outer->second.find(key);
      if (inner != outer->second.end() && should_remove(inner->second)) erase(by_namespace, outer, inner);
    }
  }

  size_t size() const {
    size_t n = 0;
    for (const KeyGroupSlot& slot : slots_) {
      if (!slot.map) continue;
      for (const auto& [ns, by_key] : *slot.map) n += by_key.size();
    }
    return n;
  }

 private:
  // One key group's map (nullptr until its first entry) and the version it was created or
  // last copied at.
  struct KeyGroupSlot {
    std::shared_ptr<NamespaceMap> map;
    uint64_t version = 0;
  };

  size_t currentIndex() const { return static_cast<size_t>(context_->key_group - range_.start); }

  // The map of key group index `i`, to change: created when missing, copied first when a
  // snapshot in flight may still read it.
  NamespaceMap& writableMap(size_t i) {
    KeyGroupSlot& slot = slots_[i];
    if (!slot.map) [[unlikely]] {
      slot.map = std::make_shared<NamespaceMap>();
      slot.version = versions_->current();
    } else if (versions_->isShared(slot.version)) [[unlikely]] {
      slot.map = std::make_shared<NamespaceMap>(*slot.map);
      slot.version = versions_->current();
    }
    return *slot.map;
  }

  static void erase(NamespaceMap& by_namespace, typename NamespaceMap::iterator outer,
                    typename KeyMap::iterator inner) {
    outer->second.erase(inner);
    if (outer->second.empty()) by_namespace.erase(outer);
  }

  const KeyContext<K>* context_;
  KeyGroupRange range_;
  std::vector<KeyGroupSlot> slots_;
  // Shared with the snapshots, which release their version when destroyed, possibly after
  // this table.
  std::shared_ptr<StateTableVersions> versions_;
  // Where removeSomeIf() stands: a key group and the entries it had when it was reached.
  size_t cleanup_group_ = 0;
  std::vector<std::pair<N, K>> cleanup_keys_;
  size_t cleanup_next_ = 0;
};

}  // namespace eddy::state
