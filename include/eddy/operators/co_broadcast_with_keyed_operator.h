#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eddy/functions/broadcast_process_function.h"
#include "eddy/operators/function_calls.h"
#include "eddy/operators/internal_timer_service.h"
#include "eddy/operators/keyed_process_operator.h"
#include "eddy/operators/process_operator.h"
#include "eddy/runtime/collector.h"
#include "eddy/runtime/stream_operator.h"
#include "eddy/state/namespaces.h"
#include "eddy/state/operator_state_store.h"

namespace eddy::operators {

// Runs a KeyedBroadcastProcessFunction (Flink's CoBroadcastWithKeyedOperator): input 0 is
// the keyed side (the current key set per record; keyed state, timers and read-only
// broadcast state), input 1 the broadcast side (read-write broadcast state and
// applyToKeyedState; no current key, so no timers). onTimer runs for the keyed side's
// timers; output records carry the input's or the event-time timer's timestamp.
template <typename IN1, typename IN2, typename K, typename KeySelector, typename F>
class CoBroadcastWithKeyedOperator final : public runtime::OneOutputOperator<typename F::OutputType>,
                                           private Triggerable<K, state::VoidNamespace> {
 public:
  using OUT = typename F::OutputType;

  CoBroadcastWithKeyedOperator(KeySelector key_selector, F f,
                               std::vector<state::BroadcastStateRegistration> broadcast_states)
      : key_selector_(std::move(key_selector)), f_(std::move(f)), broadcast_states_(std::move(broadcast_states)) {}

  void open() override {
    for (const auto& registration : broadcast_states_) registration(this->operatorStateStore());
    backend_ = static_cast<state::KeyedStateBackendT<K>*>(this->keyedStateBackend());
    timers_.emplace(backend_, &this->processingTimeService(), static_cast<Triggerable<K, state::VoidNamespace>*>(this));
    keyed_timer_service_.emplace(&*timers_);
    broadcast_timer_service_.emplace(&this->processingTimeService(), this);
    side_outputs_.emplace([this](const std::string& tag) { return this->sideOutput(tag); });
    for (BroadcastReadOnlyContext* ctx : {static_cast<BroadcastReadOnlyContext*>(&read_only_ctx_),
                                          static_cast<BroadcastReadOnlyContext*>(&timer_ctx_)}) {
      ctx->bind(&*keyed_timer_service_, &*side_outputs_);
      ctx->bindStateStore(&this->operatorStateStore());
    }
    read_only_ctx_.setCurrentKey(&backend_->getCurrentKey());
    timer_ctx_.setCurrentKey(&backend_->getCurrentKey());
    ctx_.bind(&*broadcast_timer_service_, &*side_outputs_);
    ctx_.bindStateStore(&this->operatorStateStore());
    ctx_.bindBackend(backend_);
    const auto& info = this->info();
    runtime_context_.emplace(RuntimeContext(info.name, info.subtask_index, info.parallelism, info.max_parallelism),
                             backend_);
    out_.setOutput(this->typedOutput());
    f_.setRuntimeContext(&*runtime_context_);
    f_.open();
  }

  void processBatch(runtime::BatchBase& batch, int input) override {
    if (input == 1) {
      auto& in = static_cast<runtime::RecordBatch<IN2>&>(batch);
      for (size_t i = 0; i < in.size(); ++i) {
        ctx_.setTimestamp(in.timestamps[i]);
        out_.setTimestamp(in.timestamps[i]);
        f_.processBroadcastElement(in.values[i], ctx_, out_);
      }
    } else {
      auto& in = static_cast<runtime::RecordBatch<IN1>&>(batch);
      for (size_t i = 0; i < in.size(); ++i) {
        backend_->setCurrentKey(key_selector_(in.values[i]));
        read_only_ctx_.setTimestamp(in.timestamps[i]);
        out_.setTimestamp(in.timestamps[i]);
        f_.processElement(in.values[i], read_only_ctx_, out_);
      }
    }
    flush();
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

  KeySelector key_selector_;
  F f_;
  std::vector<state::BroadcastStateRegistration> broadcast_states_;
  state::KeyedStateBackendT<K>* backend_ = nullptr;
  std::optional<InternalTimerService<K, state::VoidNamespace>> timers_;
  std::optional<KeyedTimerService<K>> keyed_timer_service_;
  std::optional<NonKeyedTimerService> broadcast_timer_service_;
  std::optional<SideOutputs> side_outputs_;
  std::optional<KeyedRuntimeContext<K>> runtime_context_;
  typename F::ReadOnlyContext read_only_ctx_;
  typename F::OnTimerContext timer_ctx_;
  typename F::Context ctx_;
  Collector<OUT> out_;
};

}  // namespace eddy::operators
