#pragma once

#include <absl/container/flat_hash_map.h>

#include <utility>

#include "eddy/operators/function_calls.h"
#include "eddy/runtime/stream_operator.h"

namespace eddy::operators {

// A rolling reduce per key (Flink's StreamGroupedReduceOperator): for every record, the
// key's value becomes reduce(previous, record) and is emitted.
template <typename T, typename K, typename KeySelector, typename F>
class KeyedReduceOperator final : public runtime::OneOutputOperator<T> {
 public:
  KeyedReduceOperator(KeySelector key_selector, F f) : key_selector_(std::move(key_selector)), f_(std::move(f)) {}

  void open() override {
    out_.reserve(runtime::kDefaultBatchSize);
    openFunction(f_);
  }
  void close() override { closeFunction(f_); }

  void processBatch(runtime::BatchBase& batch, int) override {
    auto& in = static_cast<runtime::RecordBatch<T>&>(batch);
    out_.clear();
    for (size_t i = 0; i < in.size(); ++i) {
      const T& value = in.values[i];
      auto [it, inserted] = values_.try_emplace(key_selector_(value), value);
      if (!inserted) it->second = callReduce(f_, it->second, value);
      out_.add(it->second, in.timestamps[i]);
    }
    this->typedOutput()->emitBatch(out_);
  }

 private:
  KeySelector key_selector_;
  F f_;
  absl::flat_hash_map<K, T> values_;
  runtime::RecordBatch<T> out_;
};

}  // namespace eddy::operators
