#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include "eddy/runtime/record_batch.h"

namespace eddy {

using Duration = std::chrono::milliseconds;

// Where a WatermarkGenerator puts watermarks (Flink's WatermarkOutput).
class WatermarkOutput {
 public:
  virtual ~WatermarkOutput() = default;
  virtual void emitWatermark(int64_t watermark) = 0;
};

// Generates watermarks from the events a source reads and periodically, as Flink's
// WatermarkGenerator. A generator that only tracks a maximum can say so with
// isPeriodicOnly() and get whole batches through onBatch, with no per-record virtual call.
template <typename T>
class WatermarkGenerator {
 public:
  virtual ~WatermarkGenerator() = default;
  virtual void onEvent(const T& event, int64_t timestamp, WatermarkOutput& output) = 0;
  virtual void onPeriodicEmit(WatermarkOutput& output) = 0;
  // True when onEvent never emits: the source may then hand whole batches to onBatch.
  virtual bool isPeriodicOnly() const { return false; }
  virtual void onBatch(const int64_t* timestamps, size_t n) {}
};

// Flink's BoundedOutOfOrdernessWatermarks: emits (max timestamp seen - bound - 1).
template <typename T>
class BoundedOutOfOrdernessWatermarks final : public WatermarkGenerator<T> {
 public:
  explicit BoundedOutOfOrdernessWatermarks(Duration bound)
      : bound_(bound.count()), max_timestamp_(runtime::kMinWatermark + bound_ + 1) {}

  void onEvent(const T&, int64_t timestamp, WatermarkOutput&) override {
    max_timestamp_ = std::max(max_timestamp_, timestamp);
  }
  void onBatch(const int64_t* timestamps, size_t n) override {
    int64_t max = max_timestamp_;
    for (size_t i = 0; i < n; ++i) max = std::max(max, timestamps[i]);
    max_timestamp_ = max;
  }
  void onPeriodicEmit(WatermarkOutput& output) override { output.emitWatermark(max_timestamp_ - bound_ - 1); }
  bool isPeriodicOnly() const override { return true; }

 private:
  int64_t bound_;
  int64_t max_timestamp_;
};

// Emits no watermarks (Flink's NoWatermarksGenerator).
template <typename T>
class NoWatermarksGenerator final : public WatermarkGenerator<T> {
 public:
  void onEvent(const T&, int64_t, WatermarkOutput&) override {}
  void onPeriodicEmit(WatermarkOutput&) override {}
  bool isPeriodicOnly() const override { return true; }
};

// How a source assigns event timestamps and generates watermarks (Flink's
// WatermarkStrategy): a generator factory, an optional timestamp assigner and an optional
// idleness timeout. An immutable value; the with* methods return modified copies.
template <typename T>
class WatermarkStrategy {
 public:
  using GeneratorFactory = std::function<std::unique_ptr<WatermarkGenerator<T>>()>;
  using TimestampAssigner = std::function<int64_t(const T& event, int64_t record_timestamp)>;

  static WatermarkStrategy forGenerator(GeneratorFactory factory) { return WatermarkStrategy(std::move(factory)); }

  template <typename Rep, typename Period>
  static WatermarkStrategy forBoundedOutOfOrderness(std::chrono::duration<Rep, Period> bound) {
    Duration ms = std::chrono::duration_cast<Duration>(bound);
    return forGenerator([ms] { return std::make_unique<BoundedOutOfOrdernessWatermarks<T>>(ms); });
  }
  static WatermarkStrategy forMonotonousTimestamps() { return forBoundedOutOfOrderness(Duration(0)); }
  static WatermarkStrategy noWatermarks() {
    WatermarkStrategy s([] { return std::make_unique<NoWatermarksGenerator<T>>(); });
    s.emits_watermarks_ = false;
    return s;
  }

  WatermarkStrategy withTimestampAssigner(TimestampAssigner assigner) const {
    WatermarkStrategy copy = *this;
    copy.timestamp_assigner_ = std::move(assigner);
    return copy;
  }

  template <typename Rep, typename Period>
  WatermarkStrategy withIdleness(std::chrono::duration<Rep, Period> timeout) const {
    WatermarkStrategy copy = *this;
    copy.idleness_ = std::chrono::duration_cast<Duration>(timeout);
    return copy;
  }

  std::unique_ptr<WatermarkGenerator<T>> createWatermarkGenerator() const { return generator_factory_(); }
  const TimestampAssigner& timestampAssigner() const { return timestamp_assigner_; }
  const std::optional<Duration>& idleness() const { return idleness_; }
  bool emitsWatermarks() const { return emits_watermarks_; }

 private:
  explicit WatermarkStrategy(GeneratorFactory factory) : generator_factory_(std::move(factory)) {}

  GeneratorFactory generator_factory_;
  TimestampAssigner timestamp_assigner_;
  std::optional<Duration> idleness_;
  bool emits_watermarks_ = true;
};

}  // namespace eddy
