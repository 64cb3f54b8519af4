#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/hash/hash.h>

#include <tuple>
#include <utility>
#include <vector>

#include "eddy/state/key_context.h"
#include "eddy/state/key_group_range.h"

namespace eddy::state {

// The values of one heap state, as Flink's StateTable: a hash map per key group from
// (key, namespace) to value, so that a snapshot or a rescale can take whole key groups.
// Lookups take the key from the backend's KeyContext without copying it.
template <typename K, typename N, typename V>
class StateTable {
 public:
  StateTable(const KeyContext<K>* context, KeyGroupRange range)
      : context_(context), range_(range), maps_(range.numberOfKeyGroups()) {}

  // The value of the current key in `ns`, or nullptr.
  V* get(const N& ns) {
    auto& map = currentMap();
    auto it = map.find(Ref{&context_->key, &ns});
    return it == map.end() ? nullptr : &it->second;
  }

  // The value of the current key in `ns`, inserted as V() if absent; `created` tells which.
  V& getOrCreate(const N& ns, bool& created) {
    auto& map = currentMap();
    auto it = map.find(Ref{&context_->key, &ns});
    created = it == map.end();
    if (created) it = map.emplace(Entry{context_->key, ns}, V()).first;
    return it->second;
  }

  void put(const N& ns, V value) {
    bool created;
    getOrCreate(ns, created) = std::move(value);
  }

  // Removes the current key's value in `ns`; returns it, or V() if there was none.
  V take(const N& ns) {
    auto& map = currentMap();
    auto it = map.find(Ref{&context_->key, &ns});
    if (it == map.end()) return V();
    V value = std::move(it->second);
    map.erase(it);
    return value;
  }

  void remove(const N& ns) {
    auto& map = currentMap();
    auto it = map.find(Ref{&context_->key, &ns});
    if (it != map.end()) map.erase(it);
  }

  // Calls fn(key_group, key, namespace, value) for every entry, key group by key group.
  template <typename F>
  void forEach(F&& fn) const {
    for (size_t i = 0; i < maps_.size(); ++i) {
      for (const auto& [entry, value] : maps_[i]) fn(range_.start + static_cast<int>(i), entry.key, entry.ns, value);
    }
  }

  size_t size() const {
    size_t n = 0;
    for (const auto& map : maps_) n += map.size();
    return n;
  }

 private:
  struct Entry {
    K key;
    N ns;
  };
  struct Ref {
    const K* key;
    const N* ns;
  };
  struct Hash {
    using is_transparent = void;
    size_t operator()(const Entry& e) const { return absl::Hash<std::tuple<const K&, const N&>>{}(std::tie(e.key, e.ns)); }
    size_t operator()(const Ref& r) const { return absl::Hash<std::tuple<const K&, const N&>>{}(std::tie(*r.key, *r.ns)); }
  };
  struct Eq {
    using is_transparent = void;
    static std::pair<const K&, const N&> view(const Entry& e) { return {e.key, e.ns}; }
    static std::pair<const K&, const N&> view(const Ref& r) { return {*r.key, *r.ns}; }
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      auto va = view(a);
      auto vb = view(b);
      return va.first == vb.first && va.second == vb.second;
    }
  };
  using Map = absl::flat_hash_map<Entry, V, Hash, Eq>;

  Map& currentMap() { return maps_[context_->key_group - range_.start]; }

  const KeyContext<K>* context_;
  KeyGroupRange range_;
  std::vector<Map> maps_;
};

}  // namespace eddy::state
