#pragma once

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "eddy/state/heap/heap_state_base.h"
#include "eddy/state/heap/state_table.h"
#include "eddy/state/heap/state_table_snapshots.h"
#include "eddy/state/internal_state.h"
#include "eddy/state/rocksdb/rocksdb_reducing_state.h"
#include "eddy/state/state_descriptor.h"

namespace eddy::state {

// ReducingState on the heap (Flink's HeapReducingState): add() folds the value into the
// stored one with the descriptor's reduce function. On the RocksDB backend the same class
// forwards every call to its RocksDBReducingState (see HeapValueState).
template <typename K, typename N, typename V>
class HeapReducingState final : public InternalReducingState<N, V>, public HeapStateBase {
 public:
  HeapReducingState(const KeyContext<K>* context, KeyGroupRange range,
                    typename ReducingStateDescriptor<V>::ReduceFn reduce)
      : table_(context, range), reduce_(std::move(reduce)) {}
  explicit HeapReducingState(std::unique_ptr<RocksDBReducingState<K, N, V>> rocksdb)
      : table_(nullptr, KeyGroupRange::empty()), rocksdb_(std::move(rocksdb)) {}

  void setCurrentNamespace(const N& ns) override {
    if (rocksdb_) [[unlikely]] return rocksdb_->setCurrentNamespace(ns);
    ns_ = ns;
  }
  std::optional<V> get() override {
    if (rocksdb_) [[unlikely]] return rocksdb_->get();
    const std::optional<V>* v = table_.get(ns_);
    return v ? *v : std::nullopt;
  }
  void add(const V& value) override { addFirst(value); }
  // add(), telling whether the namespace held no value before (for the window operator).
  bool addFirst(const V& value) {
    if (rocksdb_) [[unlikely]] return rocksdb_->addFirst(value);
    bool created;
    fold(table_.getOrCreate(ns_, created), value);
    return created;
  }
  void clear() override {
    if (rocksdb_) [[unlikely]] return rocksdb_->clear();
    table_.remove(ns_);
  }

  void mergeNamespaces(const N& target, const std::vector<N>& sources) override {
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
    if (rocksdb_) [[unlikely]] return rocksdb_->numEntries();
    return table_.size();
  }
  StateType type() const override { return StateType::kReducing; }
  Status snapshot(StateSnapshot& out) const override {
    if (rocksdb_) [[unlikely]] return rocksdb_->snapshot(out);
    if constexpr (kKeyAndNamespaceSerializable<K, N> && types::kHasTypeSerializer<V>) {
      return snapshotTable(table_, out, optionalEncode<V>());
    } else {
      return notSerializable(out);
    }
  }
  Status restore(const StateSnapshot& in) override {
    if (rocksdb_) [[unlikely]] return rocksdb_->restore(in);
    if constexpr (kKeyAndNamespaceSerializable<K, N> && types::kHasTypeSerializer<V>) {
      return restoreTable(table_, in, optionalDecode<V>());
    } else {
      return notSerializable(in);
    }
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
