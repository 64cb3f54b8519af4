#pragma once

#include <memory>
#include <optional>
#include <type_traits>

#include "eddy/common/check.h"
#include "eddy/state/heap/heap_state_base.h"
#include "eddy/state/heap/state_table.h"
#include "eddy/state/heap/state_table_snapshots.h"
#include "eddy/state/internal_state.h"
#include "eddy/state/rocksdb/rocksdb_value_state.h"
#include "eddy/state/ttl/ttl_value_state.h"

namespace eddy::state {

template <typename K, typename N, typename V>
class HeapValueState;
// The TTL decorator of HeapValueState<K, N, V>; none for a state of TtlValues (that of a TTL state).
template <typename K, typename N, typename V>
using HeapValueTtlState =
    std::conditional_t<IsTtlValue<V>::value, NoTtlState, TtlValueState<V, HeapValueState<K, N, TtlValue<V>>>>;

// ValueState on the heap (Flink's HeapValueState). On the RocksDB backend the same class
// forwards every call to its RocksDBValueState, so that operators keep one concrete type
// whose calls are not virtual on either backend. With TTL it forwards to its TtlValueState,
// which keeps TtlValue<V> in a HeapValueState of either backend.
template <typename K, typename N, typename V>
class HeapValueState final : public InternalValueState<N, V>, public HeapStateWithTtl<HeapValueTtlState<K, N, V>> {
 public:
  using TtlState = HeapValueTtlState<K, N, V>;
  using HeapStateWithTtl<TtlState>::kTtlCapable;
  using HeapStateWithTtl<TtlState>::ttl_;

  HeapValueState(const KeyContext<K>* context, KeyGroupRange range) : table_(context, range) {}
  explicit HeapValueState(std::unique_ptr<RocksDBValueState<K, N, V>> rocksdb)
      : table_(nullptr, KeyGroupRange::empty()), rocksdb_(std::move(rocksdb)) {}
  explicit HeapValueState(std::unique_ptr<TtlState> ttl)
      : HeapStateWithTtl<TtlState>(std::move(ttl)), table_(nullptr, KeyGroupRange::empty()) {}

  void setCurrentNamespace(const N& ns) override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->setCurrentNamespace(ns);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->setCurrentNamespace(ns);
    ns_ = ns;
  }
  std::optional<V> value() override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->value();
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->value();
    const V* v = table_.get(ns_);
    return v ? std::optional<V>(*v) : std::nullopt;
  }
  void update(const V& value) override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->update(value);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->update(value);
    table_.put(ns_, value);
  }
  // The stored value, inserted as V() if there was none (`created` tells which): one
  // lookup for a read-modify-write, for operators on the heap backend.
  V& getOrCreate(bool& created) {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->getOrCreate(created);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->getOrCreate(created);
    return table_.getOrCreate(ns_, created);
  }
  // Prefetches the entry of `key` (in `key_group`) in the current namespace (see
  // StateTable::prefetch); nothing with TTL or on RocksDB.
  template <typename KeyArg>
  void prefetch(int key_group, const KeyArg& key) const {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return;
    }
    if (!rocksdb_) table_.prefetch(key_group, ns_, key);
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
  StateType type() const override { return StateType::kValue; }
  std::unique_ptr<HeapStateSnapshot> stateSnapshot() const override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->inner().stateSnapshot();
    }
    EDDY_CHECK(!rocksdb_);
    if constexpr (kKeyAndNamespaceSerializable<K, N> && types::kHasTypeSerializer<V>) {
      return encodedTableSnapshot(table_, plainEncode<V>());
    } else {
      return std::make_unique<NotSerializableSnapshot>();
    }
  }
  Status restore(const StateSnapshot& in) override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->inner().restore(in);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->restore(in);
    if constexpr (kKeyAndNamespaceSerializable<K, N> && types::kHasTypeSerializer<V>) {
      return restoreTable(table_, in, plainDecode<V>());
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
  StateTable<K, N, V> table_;
  std::unique_ptr<RocksDBValueState<K, N, V>> rocksdb_;
  N ns_{};
};

}  // namespace eddy::state
