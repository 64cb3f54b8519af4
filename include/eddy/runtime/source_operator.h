#pragma once

#include <memory>
#include <utility>

#include "eddy/functions/source.h"
#include "eddy/functions/watermark_strategy.h"
#include "eddy/runtime/stream_operator.h"

namespace eddy::runtime {

// The head of a source task. The task calls emitNext() in its loop, between mails and
// timers; emitNext reads one batch from the reader and sends it down the chain.
class SourceOperatorBase : public StreamOperator {
 public:
  void processBatch(BatchBase&, int) override {}
  virtual InputStatus emitNext() = 0;
};

// Runs a Source's reader with a WatermarkStrategy, as Flink's SourceOperator: assigns
// timestamps, feeds the watermark generator (whole batches when it only tracks a maximum;
// record by record, splitting the batch where it emits, otherwise), emits periodic
// watermarks every `watermark_interval_ms` of processing time, and marks the stream idle
// when no record arrived for the strategy's idleness timeout.
template <typename T>
class SourceOperator final : public SourceOperatorBase {
 public:
  SourceOperator(std::shared_ptr<Source<T>> source, WatermarkStrategy<T> strategy, int64_t watermark_interval_ms)
      : source_(std::move(source)), strategy_(std::move(strategy)), interval_ms_(watermark_interval_ms) {}

  void open() override {
    reader_ = source_->createReader(SourceReaderContext{info().subtask_index, info().parallelism});
    generator_ = strategy_.createWatermarkGenerator();
    batch_.reserve(kDefaultBatchSize);
    last_record_time_ = processingTimeService().getCurrentProcessingTime();
    if (strategy_.emitsWatermarks() && interval_ms_ > 0) schedulePeriodic();
  }

  InputStatus emitNext() override {
    batch_.clear();
    InputStatus status = reader_->pollNext(batch_);
    if (!batch_.empty()) {
      last_record_time_ = processingTimeService().getCurrentProcessingTime();
      if (idle_) setIdle(false);
      assignTimestamps();
      if (generator_->isPeriodicOnly()) {
        generator_->onBatch(batch_.timestamps.data(), batch_.size());
        typedOutput()->emitBatch(batch_);
      } else {
        emitSplittingAtWatermarks();
      }
    }
    if (status == InputStatus::kEndOfInput) {
      // A bounded input ends event time (Flink emits MAX_WATERMARK at end of input).
      emitWatermarkIfHigher(kMaxWatermark);
    }
    return status;
  }

  void close() override {
    if (reader_) reader_->close();
  }

 private:
  class Forwarding final : public WatermarkOutput {
   public:
    explicit Forwarding(SourceOperator* op) : op_(op) {}
    void emitWatermark(int64_t watermark) override { op_->emitWatermarkIfHigher(watermark); }

   private:
    SourceOperator* op_;
  };

  // Records what onEvent emits so the batch can be split at that record.
  class Capturing final : public WatermarkOutput {
   public:
    void emitWatermark(int64_t watermark) override {
      if (!pending || watermark > *pending) pending = watermark;
    }
    std::optional<int64_t> pending;
  };

  Output<T>* typedOutput() const { return static_cast<Output<T>*>(output()); }

  void assignTimestamps() {
    const auto& assigner = strategy_.timestampAssigner();
    if (!assigner) return;
    for (size_t i = 0; i < batch_.size(); ++i) batch_.timestamps[i] = assigner(batch_.values[i], batch_.timestamps[i]);
  }

  void emitSplittingAtWatermarks() {
    Capturing capture;
    size_t start = 0;
    for (size_t i = 0; i < batch_.size(); ++i) {
      generator_->onEvent(batch_.values[i], batch_.timestamps[i], capture);
      if (!capture.pending) continue;
      emitSlice(start, i + 1);
      start = i + 1;
      emitWatermarkIfHigher(*capture.pending);
      capture.pending.reset();
    }
    emitSlice(start, batch_.size());
  }

  void emitSlice(size_t from, size_t to) {
    if (from == 0 && to == batch_.size()) {
      typedOutput()->emitBatch(batch_);
      return;
    }
    if (from == to) return;
    slice_.clear();
    for (size_t i = from; i < to; ++i) slice_.add(batch_.values[i], batch_.timestamps[i]);
    typedOutput()->emitBatch(slice_);
  }

  void emitWatermarkIfHigher(int64_t watermark) {
    if (watermark <= last_watermark_) return;
    last_watermark_ = watermark;
    output()->emitWatermark(watermark);
  }

  void setIdle(bool idle) {
    idle_ = idle;
    output()->emitWatermarkStatus(idle);
  }

  void schedulePeriodic() {
    int64_t next = processingTimeService().getCurrentProcessingTime() + interval_ms_;
    processingTimeService().registerTimer(next, [this](int64_t now) {
      const auto& idleness = strategy_.idleness();
      if (idleness && !idle_ && now - last_record_time_ >= idleness->count()) {
        setIdle(true);
      } else if (!idle_) {
        Forwarding forwarding(this);
        generator_->onPeriodicEmit(forwarding);
      }
      schedulePeriodic();
    });
  }

  std::shared_ptr<Source<T>> source_;
  WatermarkStrategy<T> strategy_;
  int64_t interval_ms_;
  std::unique_ptr<SourceReader<T>> reader_;
  std::unique_ptr<WatermarkGenerator<T>> generator_;
  RecordBatch<T> batch_;
  RecordBatch<T> slice_;
  int64_t last_watermark_ = kMinWatermark;
  int64_t last_record_time_ = 0;
  bool idle_ = false;
};

}  // namespace eddy::runtime
