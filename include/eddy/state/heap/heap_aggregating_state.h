#pragma once

#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "eddy/functions/functions.h"
#include "eddy/common/check.h"
#include "eddy/state/heap/heap_state_base.h"
#include "eddy/state/heap/state_table.h"
#include "eddy/state/heap/state_table_snapshots.h"
#include "eddy/state/internal_state.h"
#include "eddy/state/rocksdb/rocksdb_aggregating_state.h"
#include "eddy/state/ttl/ttl_aggregating_state.h"

namespace eddy::state {

template <typename K, typename N, typename IN, typename ACC, typename OUT>
class HeapAggregatingState;
// The TTL decorator of HeapAggregatingState<K, N, IN, ACC, OUT>; none for a state of TtlValues (that of a TTL state).
template <typename K, typename N, typename IN, typename ACC, typename OUT>
using HeapAggregatingTtlState =
    std::conditional_t<IsTtlValue<ACC>::value, NoTtlState,
                       TtlAggregatingState<IN, ACC, OUT, HeapAggregatingState<K, N, IN, TtlValue<ACC>, OUT>>>;

// AggregatingState on the heap (Flink's HeapAggregatingState): the stored value is the
// accumulator; get() is the function's result for it. On the RocksDB backend the same class
// forwards every call to its RocksDBAggregatingState, and with TTL to its TtlAggregatingState
// (see HeapValueState).
template <typename K, typename N, typename IN, typename ACC, typename OUT>
class HeapAggregatingState final : public InternalAggregatingState<N, IN, OUT>,
                                   public HeapStateWithTtl<HeapAggregatingTtlState<K, N, IN, ACC, OUT>> {
 public:
  using TtlState = HeapAggregatingTtlState<K, N, IN, ACC, OUT>;
  using HeapStateWithTtl<TtlState>::kTtlCapable;
  using HeapStateWithTtl<TtlState>::ttl_;

  HeapAggregatingState(const KeyContext<K>* context, KeyGroupRange range,
                       std::shared_ptr<AggregateFunction<IN, ACC, OUT>> fn)
      : table_(context, range), fn_(std::move(fn)) {}
  explicit HeapAggregatingState(std::unique_ptr<RocksDBAggregatingState<K, N, IN, ACC, OUT>> rocksdb)
      : table_(nullptr, KeyGroupRange::empty()), rocksdb_(std::move(rocksdb)) {}
  explicit HeapAggregatingState(std::unique_ptr<TtlState> ttl)
      : HeapStateWithTtl<TtlState>(std::move(ttl)), table_(nullptr, KeyGroupRange::empty()) {}

  void setCurrentNamespace(const N& ns) override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->setCurrentNamespace(ns);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->setCurrentNamespace(ns);
    ns_ = ns;
  }
  std::optional<OUT> get() override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->get();
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->get();
    const std::optional<ACC>* acc = table_.get(ns_);
    return acc && *acc ? std::optional<OUT>(fn_->getResult(**acc)) : std::nullopt;
  }
  void add(const IN& value) override { addFirst(value); }
  // add(), telling whether the namespace held no value before (for the window operator).
  bool addFirst(const IN& value) {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->addFirst(value);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->addFirst(value);
    bool created;
    std::optional<ACC>& acc = table_.getOrCreate(ns_, created);
    if (!acc) acc = fn_->createAccumulator();
    *acc = fn_->add(value, std::move(*acc));
    return created;
  }
  // The stored accumulator, and replacing it (Flink's getInternal/updateInternal; for the TTL
  // decorator).
  std::optional<ACC> getInternal() {
    if (rocksdb_) [[unlikely]] return rocksdb_->getInternal();
    const std::optional<ACC>* acc = table_.get(ns_);
    return acc ? *acc : std::nullopt;
  }
  void updateInternal(const ACC& acc) {
    if (rocksdb_) [[unlikely]] return rocksdb_->updateInternal(acc);
    table_.put(ns_, acc);
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
    std::optional<ACC> merged;
    for (const N& source : sources) {
      std::optional<ACC> part = table_.take(source);
      if (!part) continue;
      merged = merged ? fn_->merge(std::move(*merged), *part) : std::move(part);
    }
    if (!merged) return;
    bool created;
    std::optional<ACC>& acc = table_.getOrCreate(target, created);
    acc = acc ? fn_->merge(std::move(*acc), *merged) : std::move(merged);
  }
  size_t numEntries() const override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->inner().numEntries();
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->numEntries();
    return table_.size();
  }
  StateType type() const override { return StateType::kAggregating; }
  std::unique_ptr<HeapStateSnapshot> stateSnapshot() const override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->inner().stateSnapshot();
    }
    EDDY_CHECK(!rocksdb_);
    if constexpr (kKeyAndNamespaceSerializable<K, N> && types::kHasTypeSerializer<ACC>) {
      return encodedTableSnapshot(table_, optionalEncode<ACC>());
    } else {
      return std::make_unique<NotSerializableSnapshot>();
    }
  }
  Status restore(const StateSnapshot& in) override {
    if constexpr (kTtlCapable) {
      if (ttl_) [[unlikely]] return ttl_->inner().restore(in);
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->restore(in);
    if constexpr (kKeyAndNamespaceSerializable<K, N> && types::kHasTypeSerializer<ACC>) {
      return restoreTable(table_, in, optionalDecode<ACC>());
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
  StateTable<K, N, std::optional<ACC>> table_;
  std::shared_ptr<AggregateFunction<IN, ACC, OUT>> fn_;
  std::unique_ptr<RocksDBAggregatingState<K, N, IN, ACC, OUT>> rocksdb_;
  N ns_{};
};

}  // namespace eddy::state
