#pragma once

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
#include "eddy/state/rocksdb/rocksdb_reducing_state.h"
#include "eddy/state/ttl/ttl_reducing_state.h"
#include "eddy/state/state_descriptor.h"

namespace eddy::state {

template <typename K, typename N, typename V>
class HeapReducingState;
// The TTL decorator of HeapReducingState<K, N, V>; none for a state of TtlValues (that of a TTL state).
template <typename K, typename N, typename V>
using HeapReducingTtlState =
    std::conditional_t<IsTtlValue<V>::value, NoTtlState, TtlReducingState<V, HeapReducingState<K, N, TtlValue<V>>>>;

// ReducingState on the heap (Flink's HeapReducingState): add() folds the value into the
// stored one with the descriptor's reduce function. On the RocksDB backend the same class
// forwards every call to its RocksDBReducingState, and with TTL to its TtlReducingState (see
// HeapValueState).
template <typename K, typename N, typename V>
class HeapReducingState final : public InternalReducingState<N, V>,
                                public HeapStateWithTtl<HeapReducingTtlState<K, N, V>> {
 public:
  using TtlState = HeapReducingTtlState<K, N, V>;
  using HeapStateWithTtl<TtlState>::kTtlCapable;
  using HeapStateWithTtl<TtlState>::ttl_;

  HeapReducingState(const KeyContext<K>* context, KeyGroupRange range,
                    typename ReducingStateDescriptor<V>::ReduceFn reduce)
      : table_(context, range), reduce_(std::move(reduce)) {}
  explicit HeapReducingState(std::unique_ptr<RocksDBReducingState<K, N, V>> rocksdb)
      : table_(nullptr, KeyGroupRange::empty()), rocksdb_(std::move(rocksdb)) {}
  explicit HeapReducingState(std::unique_ptr<TtlState> ttl)
      : HeapStateWithTtl<TtlState>(std::move(ttl)), table_(nullptr, KeyGroupRange::empty()) {}

  void setCurrentNamespace(const N& ns) override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->setCurrentNamespace(ns);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->setCurrentNamespace(ns);
    ns_ = ns;
  }
  std::optional<V> get() override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->get();
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->get();
    const std::optional<V>* v = table_.get(ns_);
    return v ? *v : std::nullopt;
  }
  void add(const V& value) override { addFirst(value); }
  // add(), telling whether the namespace held no value before (for the window operator).
  bool addFirst(const V& value) {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->addFirst(value);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->addFirst(value);
    bool created;
    fold(table_.getOrCreate(ns_, created), value);
    return created;
  }
  // Replaces the stored value (Flink's updateInternal; for the TTL decorator).
  void updateInternal(const V& value) {
    if (rocksdb_) [[unlikely]] return rocksdb_->updateInternal(value);
    table_.put(ns_, value);
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
    std::optional<V> merged;
    for (const N& source : sources) {
      std::optional<V> part = table_.take(source);
      if (part) fold(merged, *part);
    }
    if (!merged) return;
    bool created;
    fold(table_.getOrCreate(target, created), *merged);
  }
  size_t numEntries() const override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->inner().numEntries();
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->numEntries();
    return table_.size();
  }
  StateType type() const override { return StateType::kReducing; }
  std::unique_ptr<HeapStateSnapshot> stateSnapshot() const override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->inner().stateSnapshot();
    }
    EDDY_CHECK(!rocksdb_);
    if constexpr (kKeyAndNamespaceSerializable<K, N> && types::kHasTypeSerializer<V>) {
      return encodedTableSnapshot(table_, optionalEncode<V>());
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
      return restoreTable(table_, in, optionalDecode<V>());
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
  void fold(std::optional<V>& into, const V& value) {
    if (into) {
      into = reduce_(*into, value);
    } else {
      into = value;
    }
  }

  StateTable<K, N, std::optional<V>> table_;
  typename ReducingStateDescriptor<V>::ReduceFn reduce_;
  std::unique_ptr<RocksDBReducingState<K, N, V>> rocksdb_;
  N ns_{};
};

}  // namespace eddy::state
