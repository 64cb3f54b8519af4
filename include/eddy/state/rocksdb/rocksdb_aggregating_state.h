#pragma once

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "eddy/functions/functions.h"
#include "eddy/state/rocksdb/rocksdb_state_base.h"

namespace eddy::state {

// AggregatingState in RocksDB (Flink's RocksDBAggregatingState): the value is the
// accumulator; add() reads it, adds the input and writes it back.
template <typename K, typename N, typename IN, typename ACC, typename OUT>
class RocksDBAggregatingState final : public RocksDBKvStateBase<K, N> {
 public:
  RocksDBAggregatingState(RocksDBStateContext<K>* context, int column_family,
                          std::shared_ptr<AggregateFunction<IN, ACC, OUT>> fn)
      : RocksDBKvStateBase<K, N>(context, column_family, StateType::kAggregating), fn_(std::move(fn)) {}

  void setCurrentNamespace(const N& ns) { ns_ = ns; }
  std::optional<OUT> get() {
    ACC acc{};
    return this->read(this->keyOf(ns_), acc) ? std::optional<OUT>(fn_->getResult(acc)) : std::nullopt;
  }
  void add(const IN& value) { addFirst(value); }
  // add(), telling whether the namespace held no value before (for the window operator).
  bool addFirst(const IN& value) {
    std::string_view key = this->keyOf(ns_);
    ACC acc{};
    bool existed = this->read(key, acc);
    if (!existed) acc = fn_->createAccumulator();
    acc = fn_->add(value, std::move(acc));
    this->store_->put(this->column_family_, key, this->valueOf(acc));
    return !existed;
  }
  std::optional<ACC> getInternal() {
    ACC acc{};
    return this->read(this->keyOf(ns_), acc) ? std::optional<ACC>(std::move(acc)) : std::nullopt;
  }
  void updateInternal(const ACC& acc) {
    std::string_view key = this->keyOf(ns_);
    this->store_->put(this->column_family_, key, this->valueOf(acc));
  }
  void clear() { this->store_->remove(this->column_family_, this->keyOf(ns_)); }

  void mergeNamespaces(const N& target, const std::vector<N>& sources) {
    std::optional<ACC> merged;
    for (const N& source : sources) {
      std::string_view key = this->keyOf(source);
      ACC part{};
      if (!this->read(key, part)) continue;
      this->store_->remove(this->column_family_, key);
      merged = merged ? fn_->merge(std::move(*merged), part) : std::move(part);
    }
    if (!merged) return;
    std::string_view key = this->keyOf(target);
    ACC acc{};
    if (this->read(key, acc)) merged = fn_->merge(std::move(acc), *merged);
    this->store_->put(this->column_family_, key, this->valueOf(*merged));
  }

 private:
  std::shared_ptr<AggregateFunction<IN, ACC, OUT>> fn_;
  N ns_{};
};

}  // namespace eddy::state
