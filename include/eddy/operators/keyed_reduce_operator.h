#pragma once

#include <utility>

#include "eddy/operators/function_calls.h"
#include "eddy/runtime/stream_operator.h"
#include "eddy/state/namespaces.h"
#include "eddy/state/typed_keyed_state_backend.h"

namespace eddy::operators {

// A rolling reduce per key (Flink's StreamGroupedReduceOperator): for every record, the
// key's value (ValueState "_op_state") becomes reduce(previous, record) and is emitted.
template <typename T, typename K, typename KeySelector, typename F>
class KeyedReduceOperator final : public runtime::OneOutputOperator<T> {
 public:
  KeyedReduceOperator(KeySelector key_selector, F f) : key_selector_(std::move(key_selector)), f_(std::move(f)) {}

  void open() override {
    backend_ = static_cast<state::KeyedStateBackendT<K>*>(this->keyedStateBackend());
    values_ = backend_->template getPartitionedState<state::VoidNamespace>(state::ValueStateDescriptor<T>("_op_state"));
    out_.reserve(runtime::kDefaultBatchSize);
    openFunction(f_);
  }
  void close() override { closeFunction(f_); }

  void processBatch(runtime::BatchBase& batch, int) override {
    auto& in = static_cast<runtime::RecordBatch<T>&>(batch);
    out_.clear();
    for (size_t i = 0; i < in.size(); ++i) {
      const T& value = in.values[i];
      backend_->setCurrentKey(key_selector_(value));
      bool created;
      T& current = values_->getOrCreate(created);
      current = created ? value : callReduce(f_, current, value);
      out_.add(current, in.timestamps[i]);
    }
    this->typedOutput()->emitBatch(out_);
  }

 private:
  KeySelector key_selector_;
  F f_;
  state::KeyedStateBackendT<K>* backend_ = nullptr;
  state::HeapValueState<K, state::VoidNamespace, T>* values_ = nullptr;
  runtime::RecordBatch<T> out_;
};

}  // namespace eddy::operators
