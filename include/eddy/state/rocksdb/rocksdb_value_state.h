#pragma once

#include <optional>
#include <string>

#include "eddy/state/rocksdb/rocksdb_state_base.h"

namespace eddy::state {

// ValueState in RocksDB (Flink's RocksDBValueState): one RocksDB entry per (key, namespace)
// holding the value's TypeSerializer bytes.
template <typename K, typename N, typename V>
class RocksDBValueState final : public RocksDBKvStateBase<K, N> {
 public:
  RocksDBValueState(RocksDBStateContext<K>* context, int column_family)
      : RocksDBKvStateBase<K, N>(context, column_family, StateType::kValue) {}

  void setCurrentNamespace(const N& ns) { ns_ = ns; }
  std::optional<V> value() {
    flushPending();
    V v{};
    return this->read(this->keyOf(ns_), v) ? std::optional<V>(std::move(v)) : std::nullopt;
  }
  void update(const V& value) {
    flushPending();
    std::string_view key = this->keyOf(ns_);
    this->store_->put(this->column_family_, key, this->valueOf(value));
  }
  void clear() {
    flushPending();
    this->store_->remove(this->column_family_, this->keyOf(ns_));
  }
  // The value read into a slot, V() if there was none; the slot is written back at the
  // next call on this state or before a snapshot, so a caller may modify it in place.
  V& getOrCreate(bool& created) {
    flushPending();
    std::string_view key = this->keyOf(ns_);
    slot_ = V{};
    created = !this->read(key, slot_);
    pending_key_.assign(key.data(), key.size());
    pending_ = true;
    return slot_;
  }
  void flushPending() override {
    if (!pending_) return;
    pending_ = false;
    this->store_->put(this->column_family_, pending_key_, this->valueOf(slot_));
  }

 private:
  N ns_{};
  V slot_{};
  std::string pending_key_;
  bool pending_ = false;
};

}  // namespace eddy::state
