#pragma once

#include <memory>
#include <optional>
#include <utility>

#include "eddy/functions/watermark_strategy.h"
#include "eddy/runtime/output.h"
#include "eddy/runtime/processing_time_service.h"
#include "eddy/runtime/record_batch.h"

namespace eddy::runtime {

// Applies a WatermarkStrategy to batches on their way out of an operator (the shared part of
// Flink's SourceOperator and TimestampsAndWatermarksOperator): assigns timestamps, feeds
// the watermark generator (whole batches when it only tracks a maximum; record by record,
// splitting the batch where it emits, otherwise), emits periodic watermarks every
// `interval_ms` of processing time, and marks the stream idle when no record arrived for
// the strategy's idleness timeout.
template <typename T>
class WatermarkEmitter {
 public:
  WatermarkEmitter(WatermarkStrategy<T> strategy, int64_t interval_ms)
      : strategy_(std::move(strategy)), interval_ms_(interval_ms) {}

  void open(Output<T>* output, ProcessingTimeService* time) {
    output_ = output;
    time_ = time;
    generator_ = strategy_.createWatermarkGenerator();
    last_record_time_ = time_->getCurrentProcessingTime();
    if (strategy_.emitsWatermarks() && interval_ms_ > 0) schedulePeriodic();
  }

  // Emits `batch` with timestamps assigned, and the watermarks it gives rise to.
  void emit(RecordBatch<T>& batch) {
    if (batch.empty()) return;
    last_record_time_ = time_->getCurrentProcessingTime();
    if (idle_) setIdle(false);
    assignTimestamps(batch);
    if (generator_->isPeriodicOnly()) {
      generator_->onBatch(batch.timestamps.data(), batch.size());
      output_->emitBatch(batch);
    } else {
      emitSplittingAtWatermarks(batch);
    }
  }

  void emitWatermarkIfHigher(int64_t watermark) {
    if (watermark <= last_watermark_) return;
    last_watermark_ = watermark;
    output_->emitWatermark(watermark);
  }

 private:
  class Forwarding final : public WatermarkOutput {
   public:
    explicit Forwarding(WatermarkEmitter* emitter) : emitter_(emitter) {}
    void emitWatermark(int64_t watermark) override { emitter_->emitWatermarkIfHigher(watermark); }

   private:
    WatermarkEmitter* emitter_;
  };

  // Records what onEvent emits so the batch can be split at that record.
  class Capturing final : public WatermarkOutput {
   public:
    void emitWatermark(int64_t watermark) override {
      if (!pending || watermark > *pending) pending = watermark;
    }
    std::optional<int64_t> pending;
  };

  void assignTimestamps(RecordBatch<T>& batch) {
    const auto& assigner = strategy_.timestampAssigner();
    if (!assigner) return;
    for (size_t i = 0; i < batch.size(); ++i) batch.timestamps[i] = assigner(batch.values[i], batch.timestamps[i]);
  }

  void emitSplittingAtWatermarks(RecordBatch<T>& batch) {
    Capturing capture;
    size_t start = 0;
    for (size_t i = 0; i < batch.size(); ++i) {
      generator_->onEvent(batch.values[i], batch.timestamps[i], capture);
      if (!capture.pending) continue;
      emitSlice(batch, start, i + 1);
      start = i + 1;
      emitWatermarkIfHigher(*capture.pending);
      capture.pending.reset();
    }
    emitSlice(batch, start, batch.size());
  }

  void emitSlice(RecordBatch<T>& batch, size_t from, size_t to) {
    if (from == 0 && to == batch.size()) {
      output_->emitBatch(batch);
      return;
    }
    if (from == to) return;
    slice_.clear();
    for (size_t i = from; i < to; ++i) slice_.add(batch.values[i], batch.timestamps[i]);
    output_->emitBatch(slice_);
  }

  void setIdle(bool idle) {
    idle_ = idle;
    output_->emitWatermarkStatus(idle);
  }

  void schedulePeriodic() {
    int64_t next = time_->getCurrentProcessingTime() + interval_ms_;
    time_->registerTimer(next, [this](int64_t now) {
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

  WatermarkStrategy<T> strategy_;
  int64_t interval_ms_;
  Output<T>* output_ = nullptr;
  ProcessingTimeService* time_ = nullptr;
  std::unique_ptr<WatermarkGenerator<T>> generator_;
  RecordBatch<T> slice_;
  int64_t last_watermark_ = kMinWatermark;
  int64_t last_record_time_ = 0;
  bool idle_ = false;
};

}  // namespace eddy::runtime
