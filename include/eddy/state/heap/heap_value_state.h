#pragma once

#include <memory>
#include <optional>

#include "eddy/state/heap/heap_state_base.h"
#include "eddy/state/heap/state_table.h"
#include "eddy/state/heap/state_table_snapshots.h"
#include "eddy/state/internal_state.h"
#include "eddy/state/rocksdb/rocksdb_value_state.h"

namespace eddy::state {

// ValueState on the heap (Flink's HeapValueState). On the RocksDB backend the same class
// forwards every call to its RocksDBValueState, so that operators keep one concrete type
// whose calls are not virtual on either backend.
template <typename K, typename N, typename V>
class HeapValueState final : public InternalValueState<N, V>, public HeapStateBase {
 public:
  HeapValueState(const KeyContext<K>* context, KeyGroupRange range) : table_(context, range) {}
  explicit HeapValueState(std::unique_ptr<RocksDBValueState<K, N, V>> rocksdb)
      : table_(nullptr, KeyGroupRange::empty()), rocksdb_(std::move(rocksdb)) {}

  void setCurrentNamespace(const N& ns) override {
    if (rocksdb_) [[unlikely]] return rocksdb_->setCurrentNamespace(ns);
    ns_ = ns;
  }
  std::optional<V> value() override {
    if (rocksdb_) [[unlikely]] return rocksdb_->value();
    const V* v = table_.get(ns_);
    return v ? std::optional<V>(*v) : std::nullopt;
  }
  void update(const V& value) override {
    if (rocksdb_) [[unlikely]] return rocksdb_->update(value);
    table_.put(ns_, value);
  }
  // The stored value, inserted as V() if there was none (`created` tells which): one
  // lookup for a read-modify-write, for operators on the heap backend.
  V& getOrCreate(bool& created) {
    if (rocksdb_) [[unlikely]] return rocksdb_->getOrCreate(created);
    return table_.getOrCreate(ns_, created);
  }
  void clear() override {
    if (rocksdb_) [[unlikely]] return rocksdb_->clear();
    table_.remove(ns_);
  }
  size_t numEntries() const override {
    if (rocksdb_) [[unlikely]] return rocksdb_->numEntries();
    return table_.size();
  }
  StateType type() const override { return StateType::kValue; }
  Status snapshot(StateSnapshot& out) const override {
    if (rocksdb_) [[unlikely]] return rocksdb_->snapshot(out);
    if constexpr (kKeyAndNamespaceSerializable<K, N> && types::kHasTypeSerializer<V>) {
      return snapshotTable(table_, out, plainEncode<V>());
    } else {
      return notSerializable(out);
    }
  }
  Status restore(const StateSnapshot& in) override {
    if (rocksdb_) [[unlikely]] return rocksdb_->restore(in);
    if constexpr (kKeyAndNamespaceSerializable<K, N> && types::kHasTypeSerializer<V>) {
      return restoreTable(table_, in, plainDecode<V>());
    } else {
      return notSerializable(in);
    }
  }

 private:
  StateTable<K, N, V> table_;
  std::unique_ptr<RocksDBValueState<K, N, V>> rocksdb_;
  N ns_{};
};

}  // namespace eddy::state
