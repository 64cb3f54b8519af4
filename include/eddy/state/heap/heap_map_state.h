#pragma once

#include <absl/container/flat_hash_map.h>

#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "eddy/common/check.h"
#include "eddy/state/heap/heap_state_base.h"
#include "eddy/state/heap/state_table.h"
#include "eddy/state/heap/state_table_snapshots.h"
#include "eddy/state/internal_state.h"
#include "eddy/state/rocksdb/rocksdb_map_state.h"
#include "eddy/state/ttl/ttl_map_state.h"

namespace eddy::state {

template <typename K, typename N, typename UK, typename UV>
class HeapMapState;
// The TTL decorator of HeapMapState<K, N, UK, UV>; none for a state of TtlValues (that of a TTL state).
template <typename K, typename N, typename UK, typename UV>
using HeapMapTtlState =
    std::conditional_t<IsTtlValue<UV>::value, NoTtlState, TtlMapState<UK, UV, HeapMapState<K, N, UK, TtlValue<UV>>>>;

// MapState on the heap (Flink's HeapMapState). An empty map is not stored. On the RocksDB
// backend the same class forwards every call to its RocksDBMapState, and with TTL to its
// TtlMapState (see HeapValueState).
template <typename K, typename N, typename UK, typename UV>
class HeapMapState final : public InternalMapState<N, UK, UV>, public HeapStateWithTtl<HeapMapTtlState<K, N, UK, UV>> {
 public:
  using UserMap = absl::flat_hash_map<UK, UV>;
  using TtlState = HeapMapTtlState<K, N, UK, UV>;
  using HeapStateWithTtl<TtlState>::kTtlCapable;
  using HeapStateWithTtl<TtlState>::ttl_;

  HeapMapState(const KeyContext<K>* context, KeyGroupRange range) : table_(context, range) {}
  explicit HeapMapState(std::unique_ptr<RocksDBMapState<K, N, UK, UV>> rocksdb)
      : table_(nullptr, KeyGroupRange::empty()), rocksdb_(std::move(rocksdb)) {}
  explicit HeapMapState(std::unique_ptr<TtlState> ttl)
      : HeapStateWithTtl<TtlState>(std::move(ttl)), table_(nullptr, KeyGroupRange::empty()) {}

  void setCurrentNamespace(const N& ns) override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->setCurrentNamespace(ns);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->setCurrentNamespace(ns);
    ns_ = ns;
  }
  std::optional<UV> get(const UK& key) override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->get(key);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->get(key);
    const UserMap* map = table_.get(ns_);
    if (!map) return std::nullopt;
    auto it = map->find(key);
    return it == map->end() ? std::nullopt : std::optional<UV>(it->second);
  }
  void put(const UK& key, const UV& value) override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->put(key, value);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->put(key, value);
    bool created;
    table_.getOrCreate(ns_, created).insert_or_assign(key, value);
  }
  void putAll(const std::vector<std::pair<UK, UV>>& entries) override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->putAll(entries);
    }
    for (const auto& [k, v] : entries) put(k, v);
  }
  void remove(const UK& key) override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->remove(key);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->remove(key);
    const UserMap* current = table_.get(ns_);
    if (!current || !current->contains(key)) return;
    UserMap* map = table_.getForUpdate(ns_);
    map->erase(key);
    if (map->empty()) table_.remove(ns_);
  }
  bool contains(const UK& key) override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->contains(key);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->contains(key);
    const UserMap* map = table_.get(ns_);
    return map && map->contains(key);
  }
  bool isEmpty() override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->isEmpty();
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->isEmpty();
    return table_.get(ns_) == nullptr;
  }
  std::vector<std::pair<UK, UV>> entries() override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->entries();
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->entries();
    const UserMap* map = table_.get(ns_);
    return map ? std::vector<std::pair<UK, UV>>(map->begin(), map->end()) : std::vector<std::pair<UK, UV>>{};
  }
  std::vector<UK> keys() override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->keys();
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->keys();
    std::vector<UK> out;
    if (const UserMap* map = table_.get(ns_)) {
      for (const auto& entry : *map) out.push_back(entry.first);
    }
    return out;
  }
  std::vector<UV> values() override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->values();
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->values();
    std::vector<UV> out;
    if (const UserMap* map = table_.get(ns_)) {
      for (const auto& entry : *map) out.push_back(entry.second);
    }
    return out;
  }
  void clear() override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->clear();
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->clear();
    table_.remove(ns_);
  }
  size_t numEntries() const override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->inner().numEntries();
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->numEntries();
    return table_.size();
  }
  StateType type() const override { return StateType::kMap; }
  // One canonical entry per user key.
  std::unique_ptr<HeapStateSnapshot> stateSnapshot() const override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->inner().stateSnapshot();
    }
    EDDY_CHECK(!rocksdb_);
    if constexpr (kSerializable) {
      return makeHeapTableSnapshot(table_, [](const StateTableSnapshot<K, N, UserMap>& table, StateSnapshot& out) {
        table.forEach([&](int key_group, const K& key, const N& ns, const UserMap& map) {
          std::string key_bytes = types::serializeToBytes(key);
          std::string ns_bytes = types::serializeToBytes(ns);
          for (const auto& [user_key, user_value] : map) {
            out.key_groups[key_group].push_back(
                {key_bytes, ns_bytes, types::serializeToBytes(user_key), types::serializeToBytes(user_value)});
          }
        });
        return Status::OK();
      });
    } else {
      return std::make_unique<NotSerializableSnapshot>();
    }
  }
  Status restore(const StateSnapshot& in) override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->inner().restore(in);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->restore(in);
    if constexpr (kSerializable) {
      for (const auto& [key_group, entries] : in.key_groups) {
        if (!table_.range().contains(key_group)) continue;
        for (const StateEntry& e : entries) {
          EDDY_ASSIGN_OR_RETURN(K key, types::deserializeFromBytes<K>(e.key));
          EDDY_ASSIGN_OR_RETURN(N ns, types::deserializeFromBytes<N>(e.ns));
          EDDY_ASSIGN_OR_RETURN(UK user_key, types::deserializeFromBytes<UK>(e.user_key));
          EDDY_ASSIGN_OR_RETURN(UV user_value, types::deserializeFromBytes<UV>(e.value));
          table_.mutableEntry(key_group, std::move(key), std::move(ns)).insert_or_assign(std::move(user_key),
                                                                                        std::move(user_value));
        }
      }
      return Status::OK();
    } else {
      return notSerializable(in);
    }
  }

  // For the TTL decorator over this state: whether it is on the heap, and incremental removal.
  bool isOnHeap() const { return !rocksdb_; }
  template <typename F>
  void removeSomeIf(size_t n, F&& should_remove) {
    if (!rocksdb_) table_.removeSomeIf(n, should_remove);
  }

 private:
  static constexpr bool kSerializable =
      kKeyAndNamespaceSerializable<K, N> && types::kHasTypeSerializer<UK> && types::kHasTypeSerializer<UV>;

  StateTable<K, N, UserMap> table_;
  std::unique_ptr<RocksDBMapState<K, N, UK, UV>> rocksdb_;
  N ns_{};
};

}  // namespace eddy::state
