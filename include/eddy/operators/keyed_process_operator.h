#pragma once

#include <optional>
#include <type_traits>
#include <utility>

#include "eddy/functions/process_function.h"
#include "eddy/operators/function_calls.h"
#include "eddy/operators/internal_timer_service.h"
#include "eddy/runtime/collector.h"
#include "eddy/runtime/stream_operator.h"
#include "eddy/state/namespaces.h"

namespace eddy::operators {

// The TimerService a keyed process function sees: the operator's timers in the default
// namespace (void for process functions), for the current key.
template <typename K, typename N = state::VoidNamespace>
class KeyedTimerService final : public TimerService {
 public:
  explicit KeyedTimerService(InternalTimerService<K, N>* timers) : timers_(timers) {}
  int64_t currentProcessingTime() override { return timers_->currentProcessingTime(); }
  int64_t currentWatermark() override { return timers_->currentWatermark(); }
  void registerProcessingTimeTimer(int64_t time) override { timers_->registerProcessingTimeTimer({}, time); }
  void registerEventTimeTimer(int64_t time) override { timers_->registerEventTimeTimer({}, time); }
  void deleteProcessingTimeTimer(int64_t time) override { timers_->deleteProcessingTimeTimer({}, time); }
  void deleteEventTimeTimer(int64_t time) override { timers_->deleteEventTimeTimer({}, time); }

 private:
  InternalTimerService<K, N>* timers_;
};

// Runs a KeyedProcessFunction (Flink's KeyedProcessOperator), or a KeyedCoProcessFunction
// over two keyed inputs when T2 is not void (Flink's KeyedCoProcessOperator): sets the
// current key for every record, gives the function keyed state, timers and side outputs,
// and calls onTimer when a timer fires; output records carry the input's or the timer's
// timestamp.
template <typename T, typename K, typename KeySelector, typename F, typename T2 = void, typename KeySelector2 = void>
class KeyedProcessOperator final : public runtime::OneOutputOperator<typename F::OutputType>,
                                   private Triggerable<K, state::VoidNamespace> {
 public:
  using OUT = typename F::OutputType;
  static constexpr bool kTwoInputs = !std::is_void_v<T2>;
  using KeySelector2Holder = std::conditional_t<kTwoInputs, KeySelector2, int>;

  KeyedProcessOperator(KeySelector key_selector, F f, KeySelector2Holder key_selector2 = {})
      : key_selector_(std::move(key_selector)), key_selector2_(std::move(key_selector2)), f_(std::move(f)) {}

  void open() override {
    backend_ = static_cast<state::KeyedStateBackendT<K>*>(this->keyedStateBackend());
    timers_.emplace(backend_, &this->processingTimeService(), static_cast<Triggerable<K, state::VoidNamespace>*>(this));
    timer_service_.emplace(&*timers_);
    side_outputs_.emplace([this](const std::string& tag) { return this->sideOutput(tag); });
    ctx_.bind(&*timer_service_, &*side_outputs_);
    timer_ctx_.bind(&*timer_service_, &*side_outputs_);
    ctx_.setCurrentKey(&backend_->getCurrentKey());
    timer_ctx_.setCurrentKey(&backend_->getCurrentKey());
    const auto& info = this->info();
    runtime_context_.emplace(RuntimeContext(info.name, info.subtask_index, info.parallelism, info.max_parallelism),
                             backend_);
    out_.setOutput(this->typedOutput());
    f_.setRuntimeContext(&*runtime_context_);
    f_.open();
  }

  void processBatch(runtime::BatchBase& batch, int input) override {
    if constexpr (kTwoInputs) {
      if (input == 1) {
        process(static_cast<runtime::RecordBatch<T2>&>(batch), key_selector2_,
                [this](const T2& v) { f_.processElement2(v, ctx_, out_); });
        return;
      }
      process(static_cast<runtime::RecordBatch<T>&>(batch), key_selector_,
              [this](const T& v) { f_.processElement1(v, ctx_, out_); });
    } else {
      process(static_cast<runtime::RecordBatch<T>&>(batch), key_selector_,
              [this](const T& v) { f_.processElement(v, ctx_, out_); });
    }
  }

  void finish() override { flush(); }
  void close() override { f_.close(); }

 protected:
  void onWatermark(int64_t watermark) override {
    timers_->advanceWatermark(watermark);
    flush();
    this->output()->emitWatermark(watermark);
  }
  CheckpointedFunction* checkpointedFunction() override { return checkpointedFunctionOf(f_); }

 private:
  void onEventTime(const InternalTimer<K, state::VoidNamespace>& timer) override {
    fire(timer.timestamp, TimeDomain::EVENT_TIME);
  }
  void onProcessingTime(const InternalTimer<K, state::VoidNamespace>& timer) override {
    fire(timer.timestamp, TimeDomain::PROCESSING_TIME);
    flush();
  }
  void fire(int64_t timestamp, TimeDomain domain) {
    timer_ctx_.setTimeDomain(domain);
    timer_ctx_.setTimestamp(timestamp);
    // As Flink: results of processing-time timers carry no timestamp.
    out_.setTimestamp(domain == TimeDomain::EVENT_TIME ? timestamp : runtime::kNoTimestamp);
    f_.onTimer(timestamp, timer_ctx_, out_);
  }
  void flush() {
    out_.flush();
    side_outputs_->flush();
  }

  template <typename X, typename KS, typename Call>
  void process(runtime::RecordBatch<X>& in, KS& key_selector, Call&& call) {
    for (size_t i = 0; i < in.size(); ++i) {
      backend_->setCurrentKey(key_selector(in.values[i]));
      ctx_.setTimestamp(in.timestamps[i]);
      out_.setTimestamp(in.timestamps[i]);
      call(in.values[i]);
    }
    flush();
  }

  KeySelector key_selector_;
  KeySelector2Holder key_selector2_;
  F f_;
  state::KeyedStateBackendT<K>* backend_ = nullptr;
  std::optional<InternalTimerService<K, state::VoidNamespace>> timers_;
  std::optional<KeyedTimerService<K>> timer_service_;
  std::optional<SideOutputs> side_outputs_;
  std::optional<KeyedRuntimeContext<K>> runtime_context_;
  typename F::Context ctx_;
  typename F::OnTimerContext timer_ctx_;
  Collector<OUT> out_;
};

}  // namespace eddy::operators
