#pragma once

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "eddy/functions/functions.h"
#include "eddy/state/heap/heap_state_base.h"
#include "eddy/state/heap/state_table.h"
#include "eddy/state/heap/state_table_snapshots.h"
#include "eddy/state/internal_state.h"
#include "eddy/state/rocksdb/rocksdb_aggregating_state.h"

namespace eddy::state {

// AggregatingState on the heap (Flink's HeapAggregatingState): the stored value is the
// accumulator; get() is the function's result for it. On the RocksDB backend the same class
// forwards every call to its RocksDBAggregatingState (see HeapValueState).
template <typename K, typename N, typename IN, typename ACC, typename OUT>
class HeapAggregatingState final : public InternalAggregatingState<N, IN, OUT>, public HeapStateBase {
 public:
  HeapAggregatingState(const KeyContext<K>* context, KeyGroupRange range,
                       std::shared_ptr<AggregateFunction<IN, ACC, OUT>> fn)
      : table_(context, range), fn_(std::move(fn)) {}
  explicit HeapAggregatingState(std::unique_ptr<RocksDBAggregatingState<K, N, IN, ACC, OUT>> rocksdb)
      : table_(nullptr, KeyGroupRange::empty()), rocksdb_(std::move(rocksdb)) {}

  void setCurrentNamespace(const N& ns) override {
    if (rocksdb_) [[unlikely]] return rocksdb_->setCurrentNamespace(ns);
    ns_ = ns;
  }
  std::optional<OUT> get() override {
    if (rocksdb_) [[unlikely]] return rocksdb_->get();
    const std::optional<ACC>* acc = table_.get(ns_);
    return acc && *acc ? std::optional<OUT>(fn_->getResult(**acc)) : std::nullopt;
  }
  void add(const IN& value) override { addFirst(value); }
  // add(), telling whether the namespace held no value before (for the window operator).
  bool addFirst(const IN& value) {
    if (rocksdb_) [[unlikely]] return rocksdb_->addFirst(value);
    bool created;
    std::optional<ACC>& acc = table_.getOrCreate(ns_, created);
    if (!acc) acc = fn_->createAccumulator();
    *acc = fn_->add(value, std::move(*acc));
    return created;
  }
  void clear() override {
    if (rocksdb_) [[unlikely]] return rocksdb_->clear();
    table_.remove(ns_);
  }

  void mergeNamespaces(const N& target, const std::vector<N>& sources) override {
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
    if (rocksdb_) [[unlikely]] return rocksdb_->numEntries();
    return table_.size();
  }
  StateType type() const override { return StateType::kAggregating; }
  Status snapshot(StateSnapshot& out) const override {
    if (rocksdb_) [[unlikely]] return rocksdb_->snapshot(out);
    if constexpr (kKeyAndNamespaceSerializable<K, N> && types::kHasTypeSerializer<ACC>) {
      return snapshotTable(table_, out, optionalEncode<ACC>());
    } else {
      return notSerializable(out);
    }
  }
  Status restore(const StateSnapshot& in) override {
    if (rocksdb_) [[unlikely]] return rocksdb_->restore(in);
    if constexpr (kKeyAndNamespaceSerializable<K, N> && types::kHasTypeSerializer<ACC>) {
      return restoreTable(table_, in, optionalDecode<ACC>());
    } else {
      return notSerializable(in);
    }
  }

 private:
  StateTable<K, N, std::optional<ACC>> table_;
  std::shared_ptr<AggregateFunction<IN, ACC, OUT>> fn_;
  std::unique_ptr<RocksDBAggregatingState<K, N, IN, ACC, OUT>> rocksdb_;
  N ns_{};
};

}  // namespace eddy::state
