#pragma once

#include <map>
#include <optional>
#include <utility>

namespace eddy::state {

// The broadcast state a function reads while it processes the non-broadcast side of a
// broadcast connection (Flink's ReadOnlyBroadcastState): every parallel instance holds the
// same map, so it may be read but not changed there. Entries are kept in key order. Not
// thread-safe: used only from its task's thread.
template <typename K, typename V>
class ReadOnlyBroadcastState {
 public:
  // The value of `key`; empty when there is none (Flink returns null).
  std::optional<V> get(const K& key) const {
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    return it->second;
  }
  bool contains(const K& key) const { return entries_.contains(key); }
  bool isEmpty() const { return entries_.empty(); }
  const std::map<K, V>& immutableEntries() const { return entries_; }

 protected:
  std::map<K, V> entries_;
};

// The broadcast state a function changes while it processes the broadcast side (Flink's
// BroadcastState). Every instance sees the same broadcast elements, so a function that
// changes the state the same way on every instance keeps the copies equal; a checkpoint
// takes each instance's copy, and a restore gives each new instance one of them.
template <typename K, typename V>
class BroadcastState final : public ReadOnlyBroadcastState<K, V> {
 public:
  void put(const K& key, const V& value) { this->entries_.insert_or_assign(key, value); }
  void putAll(const std::map<K, V>& entries) {
    for (const auto& [key, value] : entries) put(key, value);
  }
  void remove(const K& key) { this->entries_.erase(key); }
  void clear() { this->entries_.clear(); }
};

}  // namespace eddy::state
