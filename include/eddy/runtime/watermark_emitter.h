#pragma once

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "eddy/common/check.h"
#include "eddy/functions/source.h"
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
//
// Batches tagged with SplitRuns get a generator per split instead (Flink's per-split
// watermarks, WatermarkOutputMultiplexer): each split has its own watermark and idleness,
// and the stream's watermark is the minimum over the splits that are not idle; when all are
// idle the stream is. Watermarks never go back. Used by one task thread.
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

  // Emits a batch tagged by split (see SplitRuns): splits created before its records,
  // released after them.
  void emit(RecordBatch<T>& batch, const SplitRuns& splits) {
    for (int32_t split : splits.created()) createSplit(split);
    if (splits.runs().empty()) {
      emit(batch);
    } else {
      EDDY_CHECK_EQ(splits.runs().back().end, batch.size());
      emitRuns(batch, splits.runs());
    }
    if (splits.released().empty()) return;
    for (int32_t split : splits.released()) releaseSplit(split);
    updateCombinedWatermark();
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

  // One split's generator and where it stands (Flink's OutputState of the multiplexer).
  struct SplitWatermarks {
    int32_t split;
    std::unique_ptr<WatermarkGenerator<T>> generator;
    int64_t watermark = kMinWatermark;
    int64_t last_record_time = 0;
    bool idle = false;
  };

  void createSplit(int32_t split) {
    if (findSplit(split)) return;
    splits_.push_back(SplitWatermarks{split, strategy_.createWatermarkGenerator(), kMinWatermark,
                                      time_->getCurrentProcessingTime(), false});
  }

  void releaseSplit(int32_t split) {
    auto it = std::find_if(splits_.begin(), splits_.end(), [&](const SplitWatermarks& s) { return s.split == split; });
    if (it == splits_.end()) return;
    *it = std::move(splits_.back());
    splits_.pop_back();
  }

  // Found per run, not per record; a reader has few splits.
  SplitWatermarks* findSplit(int32_t split) {
    for (SplitWatermarks& s : splits_) {
      if (s.split == split) return &s;
    }
    return nullptr;
  }

  void emitRuns(RecordBatch<T>& batch, const std::vector<SplitRuns::Run>& runs) {
    const int64_t now = time_->getCurrentProcessingTime();
    last_record_time_ = now;
    if (idle_) setIdle(false);
    assignTimestamps(batch);
    const bool periodic_only = generator_->isPeriodicOnly();
    Capturing capture;
    size_t begin = 0;
    size_t start = 0;  // of the slice not emitted yet
    for (const SplitRuns::Run& run : runs) {
      SplitWatermarks* split = findSplit(run.split);
      if (!split) {
        // Flink creates a split's output with its first record when the reader did not say.
        createSplit(run.split);
        split = findSplit(run.split);
      }
      split->last_record_time = now;
      split->idle = false;
      if (periodic_only) {
        split->generator->onBatch(batch.timestamps.data() + begin, run.end - begin);
      } else {
        for (size_t i = begin; i < run.end; ++i) {
          split->generator->onEvent(batch.values[i], batch.timestamps[i], capture);
          if (!capture.pending) continue;
          split->watermark = std::max(split->watermark, *capture.pending);
          capture.pending.reset();
          const std::optional<int64_t> combined = combinedWatermark();
          if (!combined || *combined <= last_watermark_) continue;
          emitSlice(batch, start, i + 1);
          start = i + 1;
          emitWatermarkIfHigher(*combined);
        }
      }
      begin = run.end;
    }
    emitSlice(batch, start, batch.size());
  }

  // The minimum over the splits that are not idle; none when all are idle.
  std::optional<int64_t> combinedWatermark() const {
    std::optional<int64_t> min;
    for (const SplitWatermarks& s : splits_) {
      if (!s.idle && (!min || s.watermark < *min)) min = s.watermark;
    }
    return min;
  }

  void updateCombinedWatermark() {
    if (splits_.empty()) return;
    const std::optional<int64_t> combined = combinedWatermark();
    if (!combined) {
      if (!idle_) setIdle(true);
      return;
    }
    emitWatermarkIfHigher(*combined);
  }

  void onPeriodicEmitSplits(int64_t now) {
    const auto& idleness = strategy_.idleness();
    for (SplitWatermarks& s : splits_) {
      if (s.idle) continue;
      if (idleness && now - s.last_record_time >= idleness->count()) {
        s.idle = true;
        continue;
      }
      Capturing capture;
      s.generator->onPeriodicEmit(capture);
      if (capture.pending) s.watermark = std::max(s.watermark, *capture.pending);
    }
    updateCombinedWatermark();
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
      if (!splits_.empty()) {
        onPeriodicEmitSplits(now);
        schedulePeriodic();
        return;
      }
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
  std::vector<SplitWatermarks> splits_;
  RecordBatch<T> slice_;
  int64_t last_watermark_ = kMinWatermark;
  int64_t last_record_time_ = 0;
  bool idle_ = false;
};

}  // namespace eddy::runtime
