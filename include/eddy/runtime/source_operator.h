#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>
#include <utility>

#include "eddy/functions/source.h"
#include "eddy/functions/watermark_strategy.h"
#include "eddy/runtime/stream_operator.h"
#include "eddy/runtime/watermark_emitter.h"

namespace eddy::runtime {

// The head of a source task. The task calls emitNext() in its loop, between mails and
// timers; emitNext reads one batch from the reader and sends it down the chain.
class SourceOperatorBase : public StreamOperator {
 public:
  void processBatch(BatchBase&, int) override {}
  virtual InputStatus emitNext() = 0;
  // Ends event time before the input ends (stop-with-savepoint --drain).
  virtual void emitMaxWatermark() { output()->emitWatermark(kMaxWatermark); }
};

// Runs a Source's reader with a WatermarkStrategy, as Flink's SourceOperator: reads a batch
// per emitNext() and hands it to a WatermarkEmitter, with the splits its records came from
// when the reader tags them (watermarks per split); a bounded input ends with the MAX
// watermark.
template <typename T>
class SourceOperator final : public SourceOperatorBase {
 public:
  SourceOperator(std::shared_ptr<Source<T>> source, WatermarkStrategy<T> strategy, int64_t watermark_interval_ms)
      : source_(std::move(source)), emitter_(std::move(strategy), watermark_interval_ms) {}

  // Restoring: the reader continues from these splits instead of starting afresh.
  Status initializeState(const std::vector<std::string>& splits) override {
    restored_splits_ = splits;
    return Status::OK();
  }

  void open() override {
    SourceReaderContext context{info().subtask_index, info().parallelism};
    if (restored_splits_) {
      Result<std::unique_ptr<SourceReader<T>>> reader = source_->restoreReader(context, *restored_splits_);
      if (!reader.ok()) throw std::runtime_error(reader.status().message());
      reader_ = std::move(reader).value();
    } else {
      reader_ = source_->createReader(context);
    }
    batch_.reserve(kDefaultBatchSize);
    emitter_.open(static_cast<Output<T>*>(output()), &processingTimeService());
  }

  Result<std::vector<std::string>> snapshotOperatorState(int64_t checkpoint_id) override {
    return reader_->snapshotState(checkpoint_id);
  }
  void notifyCheckpointComplete(int64_t checkpoint_id) override { reader_->notifyCheckpointComplete(checkpoint_id); }

  InputStatus emitNext() override {
    batch_.clear();
    split_runs_.clear();
    InputStatus status = reader_->pollNextWithSplits(batch_, split_runs_);
    emitter_.emit(batch_, split_runs_);
    // A bounded input ends event time (Flink emits MAX_WATERMARK at end of input).
    if (status == InputStatus::kEndOfInput) emitter_.emitWatermarkIfHigher(kMaxWatermark);
    return status;
  }

  void emitMaxWatermark() override { emitter_.emitWatermarkIfHigher(kMaxWatermark); }

  void close() override {
    if (reader_) reader_->close();
  }

 private:
  std::shared_ptr<Source<T>> source_;
  WatermarkEmitter<T> emitter_;
  std::optional<std::vector<std::string>> restored_splits_;
  std::unique_ptr<SourceReader<T>> reader_;
  RecordBatch<T> batch_;
  SplitRuns split_runs_;
};

// Assigns timestamps and watermarks in the middle of a stream (Flink's
// TimestampsAndWatermarksOperator): upstream watermarks are dropped, except the MAX
// watermark that ends event time.
template <typename T>
class TimestampsAndWatermarksOperator final : public StreamOperator {
 public:
  TimestampsAndWatermarksOperator(WatermarkStrategy<T> strategy, int64_t watermark_interval_ms)
      : emitter_(std::move(strategy), watermark_interval_ms) {}

  void open() override { emitter_.open(static_cast<Output<T>*>(output()), &processingTimeService()); }
  // The input batch may be shared with other consumers: timestamps go into a copy.
  void processBatch(BatchBase& batch, int) override {
    copy_ = static_cast<RecordBatch<T>&>(batch);
    emitter_.emit(copy_);
  }

 protected:
  void onWatermark(int64_t watermark) override {
    if (watermark == kMaxWatermark) emitter_.emitWatermarkIfHigher(kMaxWatermark);
  }

 private:
  WatermarkEmitter<T> emitter_;
  RecordBatch<T> copy_;
};

}  // namespace eddy::runtime
