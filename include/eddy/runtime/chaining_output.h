#pragma once

#include <exception>
#include <memory>
#include <vector>

#include "eddy/runtime/output.h"
#include "eddy/runtime/stream_operator.h"

namespace eddy::runtime {

// Hands batches to the next operator of the same chain by a direct call: no queue, no copy.
template <typename T>
class ChainingOutput final : public Output<T> {
 public:
  ChainingOutput(StreamOperator* target, int input) : target_(target), input_(input) {}

  void emitBatch(RecordBatch<T>& batch) override {
    callOperator(target_, [&] { target_->processBatch(batch, input_); });
  }
  void emitWatermark(int64_t watermark) override {
    callOperator(target_, [&] { target_->processWatermark(watermark, input_); });
  }
  void emitWatermarkStatus(bool idle) override { target_->processWatermarkStatus(idle, input_); }

 private:
  StreamOperator* target_;
  int input_;
};

// Sends the same batches to several outputs (an operator with several consumers). The
// outputs are owned by the task.
template <typename T>
class BroadcastingOutput final : public Output<T> {
 public:
  explicit BroadcastingOutput(std::vector<OutputBase*> outputs) : outputs_(std::move(outputs)) {}

  void emitBatch(RecordBatch<T>& batch) override {
    for (OutputBase* o : outputs_) static_cast<Output<T>*>(o)->emitBatch(batch);
  }
  void emitWatermark(int64_t watermark) override {
    for (OutputBase* o : outputs_) o->emitWatermark(watermark);
  }
  void emitWatermarkStatus(bool idle) override {
    for (OutputBase* o : outputs_) o->emitWatermarkStatus(idle);
  }

 private:
  std::vector<OutputBase*> outputs_;
};

}  // namespace eddy::runtime
