#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "eddy/functions/checkpointed_function.h"
#include "eddy/functions/sink.h"
#include "eddy/runtime/stream_operator.h"

namespace eddy::operators {

// Runs a Sink's writer: batches in, nothing out (Flink's SinkWriterOperator). A writer that
// is also a CheckpointedFunction keeps state of its own in checkpoints.
template <typename T>
class SinkOperator final : public runtime::StreamOperator {
 public:
  explicit SinkOperator(std::shared_ptr<Sink<T>> sink) : sink_(std::move(sink)) {}

  void open() override { createWriter(); }
  void processBatch(runtime::BatchBase& batch, int) override {
    writer_->writeBatch(static_cast<runtime::RecordBatch<T>&>(batch));
  }
  void finish() override { writer_->flush(true); }
  // Flink's SinkWriterOperator#prepareSnapshotPreBarrier: what the writer buffered is written
  // before the checkpoint is acknowledged, so at-least-once sinks lose nothing on a restore.
  Result<std::vector<std::string>> snapshotOperatorState(int64_t) override {
    writer_->flush(false);
    return std::vector<std::string>{};
  }
  void close() override {
    if (writer_) writer_->close();
  }

 protected:
  void onWatermark(int64_t) override {}
  // The writer is created here when the runtime initializes state, before open(): the
  // writer is the function whose state it is.
  CheckpointedFunction* checkpointedFunction() override {
    createWriter();
    return dynamic_cast<CheckpointedFunction*>(writer_.get());
  }

 private:
  void createWriter() {
    if (!writer_) writer_ = sink_->createWriter(SinkWriterContext{info().subtask_index, info().parallelism});
  }

  std::shared_ptr<Sink<T>> sink_;
  std::unique_ptr<SinkWriter<T>> writer_;
};

}  // namespace eddy::operators
