#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "eddy/state/rocksdb/rocksdb_state_base.h"
#include "eddy/state/state_descriptor.h"

namespace eddy::state {

// ReducingState in RocksDB (Flink's RocksDBReducingState): add() reads the value, folds
// the new one in with the reduce function and writes it back.
template <typename K, typename N, typename V>
class RocksDBReducingState final : public RocksDBKvStateBase<K, N> {
 public:
  RocksDBReducingState(RocksDBStateContext<K>* context, int column_family,
                       typename ReducingStateDescriptor<V>::ReduceFn reduce)
      : RocksDBKvStateBase<K, N>(context, column_family, StateType::kReducing), reduce_(std::move(reduce)) {}

  void setCurrentNamespace(const N& ns) { ns_ = ns; }
  std::optional<V> get() {
    V v{};
    return this->read(this->keyOf(ns_), v) ? std::optional<V>(std::move(v)) : std::nullopt;
  }
  void add(const V& value) { addFirst(value); }
  // add(), telling whether the namespace held no value before (for the window operator).
  bool addFirst(const V& value) {
    std::string_view key = this->keyOf(ns_);
    bool existed = this->read(key, current_);
    current_ = existed ? reduce_(current_, value) : value;
    this->store_->put(this->column_family_, key, this->valueOf(current_));
    return !existed;
  }
  void updateInternal(const V& value) {
    std::string_view key = this->keyOf(ns_);
    this->store_->put(this->column_family_, key, this->valueOf(value));
  }
  void clear() { this->store_->remove(this->column_family_, this->keyOf(ns_)); }

  void mergeNamespaces(const N& target, const std::vector<N>& sources) {
    std::optional<V> merged;
    for (const N& source : sources) {
      std::string_view key = this->keyOf(source);
      if (!this->read(key, current_)) continue;
      this->store_->remove(this->column_family_, key);
      merged = merged ? reduce_(*merged, current_) : current_;
    }
    if (!merged) return;
    std::string_view key = this->keyOf(target);
    if (this->read(key, current_)) merged = reduce_(current_, *merged);
    this->store_->put(this->column_family_, key, this->valueOf(*merged));
  }

 private:
  typename ReducingStateDescriptor<V>::ReduceFn reduce_;
  N ns_{};
  V current_{};
};

}  // namespace eddy::state
