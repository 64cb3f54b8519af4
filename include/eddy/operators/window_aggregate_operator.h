#pragma once

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "eddy/runtime/collector.h"
#include "eddy/runtime/stream_operator.h"
#include "eddy/windowing/time_window.h"

namespace eddy::operators {

// Settings of a window operator that do not depend on its types.
struct WindowOptions {
  int64_t allowed_lateness_ms = 0;
  std::string late_data_tag;  // empty: late records are dropped
};

// Keyed event-time windows with incremental aggregation, as Flink's WindowOperator with an
// AggregateFunction, the assigner's EventTimeTrigger and a window function:
// - a record is added to the accumulator of each of its windows that is not yet late
//   (window.maxTimestamp() + allowed lateness > watermark);
// - a window fires when the watermark passes its maxTimestamp, and again for every record
//   that arrives within the allowed lateness after that; results carry the timestamp
//   window.maxTimestamp();
// - its state is dropped at maxTimestamp + allowed lateness;
// - a record all of whose windows are late goes to the late-data side output, if any.
//
// The window function receives (key, window, aggregate result, collector).
template <typename T, typename K, typename KeySelector, typename Assigner, typename Agg, typename WindowFn,
          typename OUT>
class WindowAggregateOperator final : public runtime::OneOutputOperator<OUT> {
 public:
  using Acc = std::decay_t<decltype(std::declval<Agg&>().createAccumulator())>;

  WindowAggregateOperator(KeySelector key_selector, Assigner assigner, Agg agg, WindowFn window_fn,
                          WindowOptions options)
      : key_selector_(std::move(key_selector)),
        assigner_(std::move(assigner)),
        agg_(std::move(agg)),
        window_fn_(std::move(window_fn)),
        options_(std::move(options)) {}

  void open() override {
    out_.setOutput(this->typedOutput());
    if (!options_.late_data_tag.empty()) {
      late_output_ = static_cast<runtime::Output<T>*>(this->sideOutput(options_.late_data_tag));
    }
  }

  void processBatch(runtime::BatchBase& batch, int) override {
    auto& in = static_cast<runtime::RecordBatch<T>&>(batch);
    for (size_t i = 0; i < in.size(); ++i) processElement(in.values[i], in.timestamps[i]);
    out_.flush();
    flushLate();
  }

  void finish() override {
    out_.flush();
    flushLate();
  }

 protected:
  void onWatermark(int64_t watermark) override {
    while (!timers_.empty() && timers_.begin()->first <= watermark) {
      auto node = timers_.extract(timers_.begin());
      for (const auto& [key, window] : node.mapped()) onEventTime(node.key(), key, window);
    }
    out_.flush();
    this->output()->emitWatermark(watermark);
  }

 private:
  struct WindowState {
    Acc accumulator;
  };

  int64_t cleanupTime(const windowing::TimeWindow& w) const {
    int64_t t = w.maxTimestamp() + options_.allowed_lateness_ms;
    return t >= w.maxTimestamp() ? t : INT64_MAX;
  }

  void processElement(const T& value, int64_t timestamp) {
    if (timestamp == runtime::kNoTimestamp) {
      throw std::runtime_error(
          "Record has Long.MIN_VALUE timestamp (= no timestamp marker). Is the time characteristic set to "
          "'ProcessingTime', or did you forget to call 'DataStream.assignTimestampsAndWatermarks(...)'?");
    }
    windows_.clear();
    assigner_.assignWindows(timestamp, windows_);
    const int64_t watermark = this->currentWatermark();
    bool skipped = true;
    K key = key_selector_(value);
    for (const windowing::TimeWindow& window : windows_) {
      if (cleanupTime(window) <= watermark) continue;  // the window is late
      skipped = false;
      auto [it, inserted] = state_.try_emplace(std::make_pair(key, window), WindowState{agg_.createAccumulator()});
      it->second.accumulator = agg_.add(value, std::move(it->second.accumulator));
      if (window.maxTimestamp() <= watermark) {
        emitWindow(key, window, it->second);  // EventTimeTrigger fires at once for a late-but-allowed record
      } else if (inserted) {
        registerTimer(window.maxTimestamp(), key, window);
      }
      if (inserted && cleanupTime(window) != window.maxTimestamp()) registerTimer(cleanupTime(window), key, window);
    }
    if (skipped && timestamp + options_.allowed_lateness_ms <= watermark && late_output_) {
      late_.add(value, timestamp);
      if (late_.size() >= runtime::kDefaultBatchSize) flushLate();
    }
  }

  void onEventTime(int64_t time, const K& key, const windowing::TimeWindow& window) {
    auto it = state_.find(std::make_pair(key, window));
    if (it == state_.end()) return;
    if (time == window.maxTimestamp()) emitWindow(key, window, it->second);
    if (time == cleanupTime(window)) state_.erase(it);
  }

  void emitWindow(const K& key, const windowing::TimeWindow& window, const WindowState& state) {
    out_.setTimestamp(window.maxTimestamp());
    window_fn_(key, window, agg_.getResult(state.accumulator), out_);
  }

  void registerTimer(int64_t time, const K& key, const windowing::TimeWindow& window) {
    timers_[time].emplace_back(key, window);
  }

  void flushLate() {
    if (late_.empty()) return;
    late_output_->emitBatch(late_);
    late_.clear();
  }

  KeySelector key_selector_;
  Assigner assigner_;
  Agg agg_;
  WindowFn window_fn_;
  WindowOptions options_;
  absl::flat_hash_map<std::pair<K, windowing::TimeWindow>, WindowState> state_;
  // Event-time timers by time; each (key, window) is registered once per time.
  std::map<int64_t, std::vector<std::pair<K, windowing::TimeWindow>>> timers_;
  std::vector<windowing::TimeWindow> windows_;
  Collector<OUT> out_;
  runtime::Output<T>* late_output_ = nullptr;
  runtime::RecordBatch<T> late_;
};

}  // namespace eddy::operators
