#pragma once

#include <memory>
#include <type_traits>
#include <vector>

#include "eddy/common/check.h"
#include "eddy/state/heap/heap_state_base.h"
#include "eddy/state/heap/state_table.h"
#include "eddy/state/heap/state_table_snapshots.h"
#include "eddy/state/internal_state.h"
#include "eddy/state/rocksdb/rocksdb_list_state.h"
#include "eddy/state/ttl/ttl_list_state.h"

namespace eddy::state {

template <typename K, typename N, typename V>
class HeapListState;
// The TTL decorator of HeapListState<K, N, V>; none for a state of TtlValues (that of a TTL state).
template <typename K, typename N, typename V>
using HeapListTtlState =
    std::conditional_t<IsTtlValue<V>::value, NoTtlState, TtlListState<V, HeapListState<K, N, TtlValue<V>>>>;

// ListState on the heap (Flink's HeapListState). An empty list is not stored. On the
// RocksDB backend the same class forwards every call to its RocksDBListState, and with TTL to
// its TtlListState (see HeapValueState).
template <typename K, typename N, typename V>
class HeapListState final : public InternalListState<N, V>, public HeapStateWithTtl<HeapListTtlState<K, N, V>> {
 public:
  using TtlState = HeapListTtlState<K, N, V>;
  using HeapStateWithTtl<TtlState>::kTtlCapable;
  using HeapStateWithTtl<TtlState>::ttl_;

  HeapListState(const KeyContext<K>* context, KeyGroupRange range) : table_(context, range) {}
  explicit HeapListState(std::unique_ptr<RocksDBListState<K, N, V>> rocksdb)
      : table_(nullptr, KeyGroupRange::empty()), rocksdb_(std::move(rocksdb)) {}
  explicit HeapListState(std::unique_ptr<TtlState> ttl)
      : HeapStateWithTtl<TtlState>(std::move(ttl)), table_(nullptr, KeyGroupRange::empty()) {}

  void setCurrentNamespace(const N& ns) override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->setCurrentNamespace(ns);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->setCurrentNamespace(ns);
    ns_ = ns;
  }
  const std::vector<V>& get() override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->get();
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->get();
    const std::vector<V>* list = table_.get(ns_);
    return list ? *list : empty_;
  }
  void add(const V& value) override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->add(value);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->add(value);
    addFirst(value);
  }
  // add(), telling whether the namespace held no value before (for the window operator).
  bool addFirst(const V& value) {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->addFirst(value);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->addFirst(value);
    bool created;
    table_.getOrCreate(ns_, created).push_back(value);
    return created;
  }
  void addAll(const std::vector<V>& values) override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->addAll(values);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->addAll(values);
    if (values.empty()) return;
    bool created;
    auto& list = table_.getOrCreate(ns_, created);
    list.insert(list.end(), values.begin(), values.end());
  }
  void update(const std::vector<V>& values) override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->update(values);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->update(values);
    if (values.empty()) {
      table_.remove(ns_);
    } else {
      table_.put(ns_, values);
    }
  }
  void clear() override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->clear();
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->clear();
    table_.remove(ns_);
  }

  void mergeNamespaces(const N& target, const std::vector<N>& sources) override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->mergeNamespaces(target, sources);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->mergeNamespaces(target, sources);
    std::vector<V> merged;
    for (const N& source : sources) {
      std::vector<V> part = table_.take(source);
      merged.insert(merged.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    }
    if (merged.empty()) return;
    bool created;
    auto& list = table_.getOrCreate(target, created);
    list.insert(list.end(), std::make_move_iterator(merged.begin()), std::make_move_iterator(merged.end()));
  }
  size_t numEntries() const override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->inner().numEntries();
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->numEntries();
    return table_.size();
  }
  StateType type() const override { return StateType::kList; }
  std::unique_ptr<HeapStateSnapshot> stateSnapshot() const override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->inner().stateSnapshot();
    }
    EDDY_CHECK(!rocksdb_);
    if constexpr (kKeyAndNamespaceSerializable<K, N> && types::kHasTypeSerializer<std::vector<V>>) {
      return encodedTableSnapshot(table_, plainEncode<std::vector<V>>());
    } else {
      return std::make_unique<NotSerializableSnapshot>();
    }
  }
  Status restore(const StateSnapshot& in) override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->inner().restore(in);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->restore(in);
    if constexpr (kKeyAndNamespaceSerializable<K, N> && types::kHasTypeSerializer<std::vector<V>>) {
      return restoreTable(table_, in, plainDecode<std::vector<V>>());
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
  StateTable<K, N, std::vector<V>> table_;
  std::unique_ptr<RocksDBListState<K, N, V>> rocksdb_;
  N ns_{};
  const std::vector<V> empty_;
};

}  // namespace eddy::state
