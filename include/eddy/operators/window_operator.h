#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "eddy/functions/process_window_function.h"
#include "eddy/operators/internal_timer_service.h"
#include "eddy/operators/keyed_process_operator.h"
#include "eddy/operators/merging_window_set.h"
#include "eddy/operators/window_function_call.h"
#include "eddy/runtime/collector.h"
#include "eddy/runtime/stream_operator.h"
#include "eddy/windowing/trigger.h"

namespace eddy::operators {

// Settings of a window operator that do not depend on its types.
struct WindowOptions {
  int64_t allowed_lateness_ms = 0;
  std::string late_data_tag;  // empty: late records are dropped
};

// Keyed windows, as Flink's WindowOperator (and EvictingWindowOperator, through
// ListContents): the assigner puts each record into windows, Contents keeps each window's
// state in the keyed backend (namespace = window), the trigger decides when a window fires
// and purges, and cleanup timers drop a window's state at maxTimestamp + allowed lateness
// (event time) or maxTimestamp (processing time). Merging assigners (sessions) merge
// windows and their state through a MergingWindowSet. Results carry the timestamp
// window.maxTimestamp(); records too late for all of their windows go to the late-data
// side output if one is set.
template <typename T, typename K, typename KeySelector, typename Assigner, typename Trigger, typename Contents,
          typename WindowFn>
class WindowOperator final
    : public runtime::OneOutputOperator<typename WindowOutput<WindowFn, typename Contents::Input>::type>,
      private Triggerable<K, typename Assigner::WindowType> {
 public:
  using W = typename Assigner::WindowType;
  using OUT = typename WindowOutput<WindowFn, typename Contents::Input>::type;
  // Without merging, a window's contents exist from its first record until its cleanup,
  // so EventTimeTrigger's timer needs registering only with the first record.
  static constexpr bool kEventTimeTriggerFastPath =
      std::is_same_v<Trigger, windowing::EventTimeTrigger> && !Assigner::kMerging;

  WindowOperator(KeySelector key_selector, Assigner assigner, Trigger trigger, Contents contents, WindowFn window_fn,
                 WindowOptions options)
      : key_selector_(std::move(key_selector)),
        assigner_(std::move(assigner)),
        trigger_(std::move(trigger)),
        contents_(std::move(contents)),
        window_fn_(std::move(window_fn)),
        options_(std::move(options)),
        trigger_context_(this) {}

  void open() override {
    backend_ = static_cast<state::KeyedStateBackendT<K>*>(this->keyedStateBackend());
    timers_.emplace(backend_, &this->processingTimeService(), static_cast<Triggerable<K, W>*>(this));
    time_.emplace(&*timers_);
    side_outputs_.emplace([this](const std::string& tag) { return this->sideOutput(tag); });
    contents_.open(backend_);
    if constexpr (Assigner::kMerging) {
      merging_sets_ = backend_->template getPartitionedState<state::VoidNamespace>(
          state::ValueStateDescriptor<typename MergingWindowSet<W>::Mapping>("merging-window-set"));
    }
    if (!options_.late_data_tag.empty()) {
      late_output_ = static_cast<runtime::Output<T>*>(this->sideOutput(options_.late_data_tag));
    }
    out_.setOutput(this->typedOutput());
    const auto& info = this->info();
    runtime_context_.emplace(RuntimeContext(info.name, info.subtask_index, info.parallelism, info.max_parallelism),
                             backend_);
    if constexpr (std::is_base_of_v<RichFunction, WindowFn>) {
      window_fn_.setRuntimeContext(&*runtime_context_);
      window_fn_.open();
    }
  }

  void close() override { closeFunction(window_fn_); }

  void processBatch(runtime::BatchBase& batch, int) override {
    auto& in = static_cast<runtime::RecordBatch<T>&>(batch);
    for (size_t i = 0; i < in.size(); ++i) processElement(in.values[i], in.timestamps[i]);
    flush();
  }

  void finish() override { flush(); }

 protected:
  void onWatermark(int64_t watermark) override {
    timers_->advanceWatermark(watermark);
    flush();
    this->output()->emitWatermark(watermark);
  }

 private:
  // The trigger's view of the current key and window.
  class Context final : public windowing::OnMergeContext {
   public:
    explicit Context(WindowOperator* op) : op_(op) {}
    int64_t getCurrentProcessingTime() override { return op_->timers_->currentProcessingTime(); }
    int64_t getCurrentWatermark() override { return op_->timers_->currentWatermark(); }
    void registerProcessingTimeTimer(int64_t time) override { op_->timers_->registerProcessingTimeTimer(*window, time); }
    void registerEventTimeTimer(int64_t time) override { op_->timers_->registerEventTimeTimer(*window, time); }
    void deleteProcessingTimeTimer(int64_t time) override { op_->timers_->deleteProcessingTimeTimer(*window, time); }
    void deleteEventTimeTimer(int64_t time) override { op_->timers_->deleteEventTimeTimer(*window, time); }
    state::ReducingState<int64_t>* getReducingState(const state::ReducingStateDescriptor<int64_t>& d) override {
      auto* s = op_->backend_->template getPartitionedState<W>(d);
      s->setCurrentNamespace(*window);
      return s;
    }
    void mergeReducingState(const state::ReducingStateDescriptor<int64_t>& d) override {
      auto* s = op_->backend_->template getPartitionedState<W>(d);
      if (!merged_windows->empty()) s->mergeNamespaces(*window, *merged_windows);
    }

    const W* window = nullptr;
    const std::vector<W>* merged_windows = nullptr;

   private:
    WindowOperator* op_;
  };

  bool isEventTime() const { return assigner_.isEventTime(); }
  int64_t cleanupTime(const W& w) const {
    if (!isEventTime()) return w.maxTimestamp();
    int64_t t = w.maxTimestamp() + options_.allowed_lateness_ms;
    return t >= w.maxTimestamp() ? t : std::numeric_limits<int64_t>::max();
  }
  bool isWindowLate(const W& w) const { return isEventTime() && cleanupTime(w) <= timers_->currentWatermark(); }
  bool isCleanupTime(const W& w, int64_t time) const { return time == cleanupTime(w); }

  void processElement(const T& value, int64_t timestamp) {
    if (isEventTime() && timestamp == runtime::kNoTimestamp) {
      throw std::runtime_error(
          "Record has Long.MIN_VALUE timestamp (= no timestamp marker). Is the time characteristic set to "
          "'ProcessingTime', or did you forget to call 'DataStream.assignTimestampsAndWatermarks(...)'?");
    }
    backend_->setCurrentKey(key_selector_(value));
    windows_.clear();
    assigner_.assignWindows(timestamp, isEventTime() ? 0 : timers_->currentProcessingTime(), windows_);
    bool skipped = true;
    if constexpr (Assigner::kMerging) {
      MergingWindowSet<W> merging(merging_sets_);
      for (const W& window : windows_) {
        W actual = merging.addWindow(window, assigner_, [&](const W& result, const std::vector<W>& merged,
                                                            const W& state_window,
                                                            const std::vector<W>& merged_state_windows) {
          if (isEventTime() && result.maxTimestamp() + options_.allowed_lateness_ms <= timers_->currentWatermark()) {
            throw std::runtime_error("The end timestamp of an event-time window cannot become earlier than the "
                                     "current watermark by merging. Current watermark: " +
                                     std::to_string(timers_->currentWatermark()) +
                                     " window: " + result.toString());
          }
          if (!isEventTime() && result.maxTimestamp() <= timers_->currentProcessingTime()) {
            throw std::runtime_error("The end timestamp of a processing-time window cannot become earlier than the "
                                     "current processing time by merging. Current processing time: " +
                                     std::to_string(timers_->currentProcessingTime()) +
                                     " window: " + result.toString());
          }
          trigger_context_.window = &result;
          trigger_context_.merged_windows = &merged;
          trigger_.onMerge(result, trigger_context_);
          for (const W& m : merged) {
            trigger_context_.window = &m;
            trigger_.clear(m, trigger_context_);
            deleteCleanupTimer(m);
          }
          if (!merged_state_windows.empty()) contents_.mergingState()->mergeNamespaces(state_window, merged_state_windows);
        });
        if (isWindowLate(actual)) {
          merging.retireWindow(actual);
          continue;
        }
        skipped = false;
        contents_.setNamespace(*merging.getStateWindow(actual));
        onElementInWindow(value, timestamp, actual);
      }
      merging.persist();
    } else {
      for (const W& window : windows_) {
        if (isWindowLate(window)) continue;
        skipped = false;
        contents_.setNamespace(window);
        onElementInWindow(value, timestamp, window);
      }
    }
    if (skipped && isEventTime() && timestamp + options_.allowed_lateness_ms <= timers_->currentWatermark() &&
        late_output_) {
      late_.add(value, timestamp);
      if (late_.size() >= runtime::kDefaultBatchSize) flushLate();
    }
  }

  void onElementInWindow(const T& value, int64_t timestamp, const W& window) {
    bool first = contents_.add(value, timestamp);
    trigger_context_.window = &window;
    windowing::TriggerResult result;
    if constexpr (kEventTimeTriggerFastPath) {
      // EventTimeTrigger registers a timer at maxTimestamp for every record; it is the
      // same timer for all records of the window, so only the first one registers it.
      if (window.maxTimestamp() <= timers_->currentWatermark()) {
        result = windowing::TriggerResult::FIRE;
      } else {
        if (first) timers_->registerEventTimeTimer(window, window.maxTimestamp());
        result = windowing::TriggerResult::CONTINUE;
      }
    } else {
      result = trigger_.onElement(value, timestamp, window, trigger_context_);
    }
    if (windowing::isFire(result)) emitWindowContents(window);
    if (windowing::isPurge(result)) contents_.clear();
    // Without merging, a window's cleanup timer is registered with its first record (and
    // again if a purge emptied it): later records would register the same timer.
    if (Assigner::kMerging || first) registerCleanupTimer(window);
  }

  void onEventTime(const InternalTimer<K, W>& timer) override { onTimer(timer, true); }
  void onProcessingTime(const InternalTimer<K, W>& timer) override {
    onTimer(timer, false);
    flush();
  }

  void onTimer(const InternalTimer<K, W>& timer, bool event_time) {
    const W& window = timer.ns;
    std::optional<MergingWindowSet<W>> merging;
    if constexpr (Assigner::kMerging) {
      merging.emplace(merging_sets_);
      std::optional<W> state_window = merging->getStateWindow(window);
      if (!state_window) return;  // the window was merged into another; its timer is stale
      contents_.setNamespace(*state_window);
    } else {
      contents_.setNamespace(window);
    }
    trigger_context_.window = &window;
    windowing::TriggerResult result = event_time ? trigger_.onEventTime(timer.timestamp, window, trigger_context_)
                                                 : trigger_.onProcessingTime(timer.timestamp, window, trigger_context_);
    if (windowing::isFire(result)) emitWindowContents(window);
    if (windowing::isPurge(result)) contents_.clear();
    if (event_time == isEventTime() && isCleanupTime(window, timer.timestamp)) {
      clearAllState(window, merging);
    }
    if (merging) merging->persist();
  }

  void clearAllState(const W& window, std::optional<MergingWindowSet<W>>& merging) {
    contents_.clear();
    trigger_context_.window = &window;
    trigger_.clear(window, trigger_context_);
    if constexpr (kIsProcessWindowFunction<WindowFn>) {
      auto ctx = makeContext(window);
      window_fn_.clear(ctx);
    }
    if (merging) merging->retireWindow(window);
  }

  void emitWindowContents(const W& window) {
    out_.setTimestamp(window.maxTimestamp());
    contents_.fire(window, [&](const auto& input) {
      callWindowFunction(window_fn_, backend_->getCurrentKey(), window, input, [&] { return makeContext(window); },
                         out_);
    });
  }

  auto makeContext(const W& window) {
    if constexpr (kIsProcessWindowFunction<WindowFn>) {
      return typename WindowFn::Context(&window, &*time_, &*side_outputs_, backend_, &*runtime_context_);
    } else {
      return 0;
    }
  }

  void registerCleanupTimer(const W& window) {
    int64_t t = cleanupTime(window);
    if (t == std::numeric_limits<int64_t>::max()) return;
    if (isEventTime()) {
      timers_->registerEventTimeTimer(window, t);
    } else {
      timers_->registerProcessingTimeTimer(window, t);
    }
  }
  void deleteCleanupTimer(const W& window) {
    int64_t t = cleanupTime(window);
    if (t == std::numeric_limits<int64_t>::max()) return;
    if (isEventTime()) {
      timers_->deleteEventTimeTimer(window, t);
    } else {
      timers_->deleteProcessingTimeTimer(window, t);
    }
  }

  void flush() {
    out_.flush();
    side_outputs_->flush();
    flushLate();
  }
  void flushLate() {
    if (late_.empty()) return;
    late_output_->emitBatch(late_);
    late_.clear();
  }

  KeySelector key_selector_;
  Assigner assigner_;
  Trigger trigger_;
  Contents contents_;
  WindowFn window_fn_;
  WindowOptions options_;
  Context trigger_context_;
  state::KeyedStateBackendT<K>* backend_ = nullptr;
  std::optional<InternalTimerService<K, W>> timers_;
  std::optional<KeyedTimerService<K, W>> time_;
  std::optional<SideOutputs> side_outputs_;
  std::optional<KeyedRuntimeContext<K>> runtime_context_;
  state::ValueState<typename MergingWindowSet<W>::Mapping>* merging_sets_ = nullptr;
  runtime::Column<W> windows_;
  Collector<OUT> out_;
  runtime::Output<T>* late_output_ = nullptr;
  runtime::RecordBatch<T> late_;
};

}  // namespace eddy::operators
