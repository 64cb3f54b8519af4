#pragma once

#include <cstdint>

#include "eddy/functions/functions.h"
#include "eddy/functions/process_function.h"

namespace eddy {

// Functions over two connected streams (Flink's CoMapFunction, CoFlatMapFunction,
// CoProcessFunction, KeyedCoProcessFunction): one method per input.

template <typename IN1, typename IN2, typename OUT>
class CoMapFunction {
 public:
  using OutputType = OUT;
  virtual ~CoMapFunction() = default;
  virtual OUT map1(const IN1& value) = 0;
  virtual OUT map2(const IN2& value) = 0;
};

template <typename IN1, typename IN2, typename OUT>
class CoFlatMapFunction {
 public:
  using OutputType = OUT;
  virtual ~CoFlatMapFunction() = default;
  virtual void flatMap1(const IN1& value, Collector<OUT>& out) = 0;
  virtual void flatMap2(const IN2& value, Collector<OUT>& out) = 0;
};

template <typename IN1, typename IN2, typename OUT>
class CoProcessFunction : public RichFunction {
 public:
  using OutputType = OUT;
  class Context : public ProcessContextBase {};
  virtual void processElement1(const IN1& value, Context& ctx, Collector<OUT>& out) = 0;
  virtual void processElement2(const IN2& value, Context& ctx, Collector<OUT>& out) = 0;
};

template <typename K, typename IN1, typename IN2, typename OUT>
class KeyedCoProcessFunction : public RichFunction {
 public:
  using KeyType = K;
  using OutputType = OUT;
  using Context = typename KeyedProcessFunction<K, IN1, OUT>::Context;
  using OnTimerContext = typename KeyedProcessFunction<K, IN1, OUT>::OnTimerContext;

  virtual void processElement1(const IN1& value, Context& ctx, Collector<OUT>& out) = 0;
  virtual void processElement2(const IN2& value, Context& ctx, Collector<OUT>& out) = 0;
  virtual void onTimer(int64_t /*timestamp*/, OnTimerContext& /*ctx*/, Collector<OUT>& /*out*/) {}

  KeyedRuntimeContext<K>& getRuntimeContext() const {
    return static_cast<KeyedRuntimeContext<K>&>(RichFunction::getRuntimeContext());
  }
};

}  // namespace eddy
