#pragma once

#include <memory>
#include <utility>

#include "eddy/functions/sink.h"
#include "eddy/runtime/stream_operator.h"

namespace eddy::operators {

// Runs a Sink's writer: batches in, nothing out (Flink's SinkWriterOperator).
template <typename T>
class SinkOperator final : public runtime::StreamOperator {
 public:
  explicit SinkOperator(std::shared_ptr<Sink<T>> sink) : sink_(std::move(sink)) {}

  void open() override { writer_ = sink_->createWriter(SinkWriterContext{info().subtask_index, info().parallelism}); }
  void processBatch(runtime::BatchBase& batch, int) override {
    writer_->writeBatch(static_cast<runtime::RecordBatch<T>&>(batch));
  }
  void finish() override { writer_->flush(true); }
  void close() override {
    if (writer_) writer_->close();
  }

 protected:
  void onWatermark(int64_t) override {}

 private:
  std::shared_ptr<Sink<T>> sink_;
  std::unique_ptr<SinkWriter<T>> writer_;
};

}  // namespace eddy::operators
