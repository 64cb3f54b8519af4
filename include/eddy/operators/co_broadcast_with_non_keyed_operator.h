#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eddy/functions/broadcast_process_function.h"
#include "eddy/operators/function_calls.h"
#include "eddy/operators/process_operator.h"
#include "eddy/runtime/collector.h"
#include "eddy/runtime/stream_operator.h"
#include "eddy/state/operator_state_store.h"

namespace eddy::operators {

// Runs a BroadcastProcessFunction (Flink's CoBroadcastWithNonKeyedOperator): input 0 is the
// non-broadcast side (processElement, read-only broadcast state), input 1 the broadcast side
// (processBroadcastElement, read-write). The broadcast states live in the operator state
// store and are checkpointed per instance.
template <typename IN1, typename IN2, typename F>
class CoBroadcastWithNonKeyedOperator final : public runtime::OneOutputOperator<typename F::OutputType> {
 public:
  using OUT = typename F::OutputType;

  CoBroadcastWithNonKeyedOperator(F f, std::vector<state::BroadcastStateRegistration> broadcast_states)
      : f_(std::move(f)), broadcast_states_(std::move(broadcast_states)) {}

  void open() override {
    for (const auto& registration : broadcast_states_) registration(this->operatorStateStore());
    timer_service_.emplace(&this->processingTimeService(), this);
    side_outputs_.emplace([this](const std::string& tag) { return this->sideOutput(tag); });
    for (BroadcastContextBase* ctx : {static_cast<BroadcastContextBase*>(&read_only_ctx_), static_cast<BroadcastContextBase*>(&ctx_)}) {
      ctx->bind(&*timer_service_, &*side_outputs_);
      ctx->bindStateStore(&this->operatorStateStore());
    }
    const auto& info = this->info();
    runtime_context_.emplace(info.name, info.subtask_index, info.parallelism, info.max_parallelism);
    out_.setOutput(this->typedOutput());
    f_.setRuntimeContext(&*runtime_context_);
    f_.open();
  }

  void processBatch(runtime::BatchBase& batch, int input) override {
    if (input == 1) {
      process(static_cast<runtime::RecordBatch<IN2>&>(batch), ctx_,
              [this](const IN2& v) { f_.processBroadcastElement(v, ctx_, out_); });
    } else {
      process(static_cast<runtime::RecordBatch<IN1>&>(batch), read_only_ctx_,
              [this](const IN1& v) { f_.processElement(v, read_only_ctx_, out_); });
    }
  }

  void close() override { f_.close(); }

 protected:
  CheckpointedFunction* checkpointedFunction() override { return checkpointedFunctionOf(f_); }

 private:
  template <typename X, typename Call>
  void process(runtime::RecordBatch<X>& in, ProcessContextBase& ctx, Call&& call) {
    for (size_t i = 0; i < in.size(); ++i) {
      ctx.setTimestamp(in.timestamps[i]);
      out_.setTimestamp(in.timestamps[i]);
      call(in.values[i]);
    }
    out_.flush();
    side_outputs_->flush();
  }

  F f_;
  std::vector<state::BroadcastStateRegistration> broadcast_states_;
  std::optional<NonKeyedTimerService> timer_service_;
  std::optional<SideOutputs> side_outputs_;
  std::optional<RuntimeContext> runtime_context_;
  BroadcastReadOnlyContext read_only_ctx_;
  BroadcastContext ctx_;
  Collector<OUT> out_;
};

}  // namespace eddy::operators
