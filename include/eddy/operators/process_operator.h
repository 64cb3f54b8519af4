#pragma once

#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "eddy/functions/process_function.h"
#include "eddy/operators/function_calls.h"
#include "eddy/runtime/collector.h"
#include "eddy/runtime/stream_operator.h"

namespace eddy::operators {

// The TimerService of a non-keyed process function: time is readable, timers are not
// allowed (Flink throws the same message).
class NonKeyedTimerService final : public TimerService {
 public:
  NonKeyedTimerService(runtime::ProcessingTimeService* processing_time, const runtime::StreamOperator* op)
      : processing_time_(processing_time), op_(op) {}
  int64_t currentProcessingTime() override { return processing_time_->getCurrentProcessingTime(); }
  int64_t currentWatermark() override { return op_->currentWatermark(); }
  void registerProcessingTimeTimer(int64_t) override { unsupported(); }
  void registerEventTimeTimer(int64_t) override { unsupported(); }
  void deleteProcessingTimeTimer(int64_t) override { unsupported(); }
  void deleteEventTimeTimer(int64_t) override { unsupported(); }

 private:
  [[noreturn]] static void unsupported() {
    throw std::logic_error("Setting timers is only supported on a keyed streams.");
  }
  runtime::ProcessingTimeService* processing_time_;
  const runtime::StreamOperator* op_;
};

// Runs a ProcessFunction on every record (Flink's ProcessOperator), or a CoProcessFunction
// over two inputs when T2 is not void (Flink's CoProcessOperator).
template <typename T, typename F, typename T2 = void>
class ProcessOperator final : public runtime::OneOutputOperator<typename F::OutputType> {
 public:
  using OUT = typename F::OutputType;

  explicit ProcessOperator(F f) : f_(std::move(f)) {}

  void open() override {
    timer_service_.emplace(&this->processingTimeService(), this);
    side_outputs_.emplace([this](const std::string& tag) { return this->sideOutput(tag); });
    ctx_.bind(&*timer_service_, &*side_outputs_);
    const auto& info = this->info();
    runtime_context_.emplace(info.name, info.subtask_index, info.parallelism, info.max_parallelism);
    out_.setOutput(this->typedOutput());
    f_.setRuntimeContext(&*runtime_context_);
    f_.open();
  }

  void processBatch(runtime::BatchBase& batch, int input) override {
    if constexpr (!std::is_void_v<T2>) {
      if (input == 1) {
        process(static_cast<runtime::RecordBatch<T2>&>(batch), [this](const T2& v) { f_.processElement2(v, ctx_, out_); });
      } else {
        process(static_cast<runtime::RecordBatch<T>&>(batch), [this](const T& v) { f_.processElement1(v, ctx_, out_); });
      }
    } else {
      process(static_cast<runtime::RecordBatch<T>&>(batch), [this](const T& v) { f_.processElement(v, ctx_, out_); });
    }
  }

  void close() override { f_.close(); }

 protected:
  CheckpointedFunction* checkpointedFunction() override { return checkpointedFunctionOf(f_); }

 private:
  template <typename X, typename Call>
  void process(runtime::RecordBatch<X>& in, Call&& call) {
    for (size_t i = 0; i < in.size(); ++i) {
      ctx_.setTimestamp(in.timestamps[i]);
      out_.setTimestamp(in.timestamps[i]);
      call(in.values[i]);
    }
    out_.flush();
    side_outputs_->flush();
  }

  F f_;
  std::optional<NonKeyedTimerService> timer_service_;
  std::optional<SideOutputs> side_outputs_;
  std::optional<RuntimeContext> runtime_context_;
  typename F::Context ctx_;
  Collector<OUT> out_;
};

}  // namespace eddy::operators
