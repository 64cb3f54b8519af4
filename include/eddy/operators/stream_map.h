#pragma once

#include <utility>

#include "eddy/operators/function_calls.h"
#include "eddy/runtime/stream_operator.h"

namespace eddy::operators {

// map(): one output record per input record, keeping its timestamp (Flink's StreamMap).
template <typename IN, typename OUT, typename F>
class StreamMap final : public runtime::OneOutputOperator<OUT> {
 public:
  explicit StreamMap(F f) : f_(std::move(f)) {}
  void open() override {
    out_.reserve(runtime::kDefaultBatchSize);
    openFunction(f_);
  }
  void close() override { closeFunction(f_); }

  void processBatch(runtime::BatchBase& batch, int) override {
    auto& in = static_cast<runtime::RecordBatch<IN>&>(batch);
    out_.clear();
    for (size_t i = 0; i < in.size(); ++i) out_.add(callMap(f_, in.values[i]), in.timestamps[i]);
    this->typedOutput()->emitBatch(out_);
  }

 protected:
  CheckpointedFunction* checkpointedFunction() override { return checkpointedFunctionOf(f_); }

 private:
  F f_;
  runtime::RecordBatch<OUT> out_;
};

// filter(): keeps the records the predicate accepts (Flink's StreamFilter).
template <typename T, typename F>
class StreamFilter final : public runtime::OneOutputOperator<T> {
 public:
  explicit StreamFilter(F f) : f_(std::move(f)) {}
  void open() override {
    out_.reserve(runtime::kDefaultBatchSize);
    openFunction(f_);
  }
  void close() override { closeFunction(f_); }

  void processBatch(runtime::BatchBase& batch, int) override {
    auto& in = static_cast<runtime::RecordBatch<T>&>(batch);
    out_.clear();
    for (size_t i = 0; i < in.size(); ++i) {
      if (callFilter(f_, in.values[i])) out_.add(in.values[i], in.timestamps[i]);
    }
    if (!out_.empty()) this->typedOutput()->emitBatch(out_);
  }

 protected:
  CheckpointedFunction* checkpointedFunction() override { return checkpointedFunctionOf(f_); }

 private:
  F f_;
  runtime::RecordBatch<T> out_;
};

// flatMap(): zero or more output records per input record (Flink's StreamFlatMap).
template <typename IN, typename OUT, typename F>
class StreamFlatMap final : public runtime::OneOutputOperator<OUT> {
 public:
  explicit StreamFlatMap(F f) : f_(std::move(f)) {}
  void open() override {
    out_.setOutput(this->typedOutput());
    openFunction(f_);
  }
  void close() override { closeFunction(f_); }

  void processBatch(runtime::BatchBase& batch, int) override {
    auto& in = static_cast<runtime::RecordBatch<IN>&>(batch);
    for (size_t i = 0; i < in.size(); ++i) {
      out_.setTimestamp(in.timestamps[i]);
      callFlatMap(f_, in.values[i], out_);
    }
    out_.flush();
  }

 protected:
  CheckpointedFunction* checkpointedFunction() override { return checkpointedFunctionOf(f_); }

 private:
  F f_;
  Collector<OUT> out_;
};

}  // namespace eddy::operators
