#pragma once

#include <string>
#include <vector>

#include "eddy/state/rocksdb/rocksdb_state_base.h"

namespace eddy::state {

// ListState in RocksDB (Flink's RocksDBListState): the value is the list's canonical bytes
// (int32 count, then the elements); add() is a RocksDB merge of a one-element list, which
// the store's merge operator appends without reading the list.
template <typename K, typename N, typename V>
class RocksDBListState final : public RocksDBKvStateBase<K, N> {
 public:
  RocksDBListState(RocksDBStateContext<K>* context, int column_family)
      : RocksDBKvStateBase<K, N>(context, column_family, StateType::kList) {}

  void setCurrentNamespace(const N& ns) { ns_ = ns; }
  // Valid until the next call on this state.
  const std::vector<V>& get() {
    list_.clear();
    this->read(this->keyOf(ns_), list_);
    return list_;
  }
  void add(const V& value) {
    std::string_view key = this->keyOf(ns_);
    this->store_->merge(this->column_family_, key, oneElement(value));
  }
  // add(), telling whether the namespace held no value before (for the window operator).
  bool addFirst(const V& value) {
    std::string_view key = this->keyOf(ns_);
    bool existed = this->store_->get(this->column_family_, key, this->context_->read_value);
    this->store_->merge(this->column_family_, key, oneElement(value));
    return !existed;
  }
  void addAll(const std::vector<V>& values) {
    if (values.empty()) return;
    std::string_view key = this->keyOf(ns_);
    this->store_->merge(this->column_family_, key, this->valueOf(values));
  }
  void update(const std::vector<V>& values) {
    std::string_view key = this->keyOf(ns_);
    if (values.empty()) {
      this->store_->remove(this->column_family_, key);
    } else {
      this->store_->put(this->column_family_, key, this->valueOf(values));
    }
  }
  void clear() { this->store_->remove(this->column_family_, this->keyOf(ns_)); }

  void mergeNamespaces(const N& target, const std::vector<N>& sources) {
    merged_.clear();
    int32_t count = 0;
    for (const N& source : sources) {
      std::string_view key = this->keyOf(source);
      if (!this->store_->get(this->column_family_, key, this->context_->read_value)) continue;
      types::DataInputDeserializer in(this->context_->read_value);
      int32_t n = 0;
      if (!in.readInt(n).ok()) throw std::runtime_error("Error while deserializing list state from RocksDB");
      count += n;
      merged_.append(this->context_->read_value, sizeof(int32_t));
      this->store_->remove(this->column_family_, key);
    }
    if (count == 0) return;
    types::DataOutputSerializer& out = this->context_->value_bytes;
    out.clear();
    out.writeInt(count);
    out.write(merged_);
    this->store_->merge(this->column_family_, this->keyOf(target), out.data());
  }

 private:
  std::string_view oneElement(const V& value) {
    types::DataOutputSerializer& out = this->context_->value_bytes;
    out.clear();
    out.writeInt(1);
    serializeForRocksDB(value, out);
    return out.data();
  }

  N ns_{};
  std::vector<V> list_;
  std::string merged_;
};

}  // namespace eddy::state
