#pragma once

#include <optional>

#include "eddy/state/heap/heap_state_base.h"
#include "eddy/state/heap/state_table.h"
#include "eddy/state/heap/state_table_snapshots.h"
#include "eddy/state/internal_state.h"

namespace eddy::state {

// ValueState on the heap (Flink's HeapValueState).
template <typename K, typename N, typename V>
class HeapValueState final : public InternalValueState<N, V>, public HeapStateBase {
 public:
  HeapValueState(const KeyContext<K>* context, KeyGroupRange range) : table_(context, range) {}

  void setCurrentNamespace(const N& ns) override { ns_ = ns; }
  std::optional<V> value() override {
    const V* v = table_.get(ns_);
    return v ? std::optional<V>(*v) : std::nullopt;
  }
  void update(const V& value) override { table_.put(ns_, value); }
  // The stored value, inserted as V() if there was none (`created` tells which): one
  // lookup for a read-modify-write, for operators on the heap backend.
  V& getOrCreate(bool& created) { return table_.getOrCreate(ns_, created); }
  void clear() override { table_.remove(ns_); }
  size_t numEntries() const override { return table_.size(); }
  StateType type() const override { return StateType::kValue; }
  Status snapshot(StateSnapshot& out) const override {
    if constexpr (kKeyAndNamespaceSerializable<K, N> && types::kHasTypeSerializer<V>) {
      return snapshotTable(table_, out, plainEncode<V>());
    } else {
      return notSerializable(out);
    }
  }
  Status restore(const StateSnapshot& in) override {
    if constexpr (kKeyAndNamespaceSerializable<K, N> && types::kHasTypeSerializer<V>) {
      return restoreTable(table_, in, plainDecode<V>());
    } else {
      return notSerializable(in);
    }
  }

 private:
  StateTable<K, N, V> table_;
  N ns_{};
};

}  // namespace eddy::state
