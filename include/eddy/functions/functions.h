#pragma once

#include <string>

#include "eddy/functions/runtime_context.h"

namespace eddy {

template <typename T>
class Collector;

// Flink's function interfaces (org.apache.flink.api.common.functions). A job may pass a
// subclass of one of these or a plain lambda; the API calls either through a template, so
// the per-record call is direct and can be inlined when the concrete type is final.

// Lifecycle hooks of a "rich" function: open() before the first record, close() after the
// last, and the RuntimeContext (subtask, parallelism; keyed state for keyed functions),
// valid from open() on. Functions that do not need them ignore them.
class RichFunction {
 public:
  virtual ~RichFunction() = default;
  virtual void open() {}
  virtual void close() {}

  RuntimeContext& getRuntimeContext() const { return *runtime_context_; }
  void setRuntimeContext(RuntimeContext* context) { runtime_context_ = context; }

 private:
  RuntimeContext* runtime_context_ = nullptr;
};

template <typename T, typename O>
class MapFunction {
 public:
  virtual ~MapFunction() = default;
  virtual O map(const T& value) = 0;
};

template <typename T, typename O>
class FlatMapFunction {
 public:
  virtual ~FlatMapFunction() = default;
  virtual void flatMap(const T& value, Collector<O>& out) = 0;
};

template <typename T>
class FilterFunction {
 public:
  virtual ~FilterFunction() = default;
  virtual bool filter(const T& value) = 0;
};

// Combines two values into one of the same type; must be associative.
template <typename T>
class ReduceFunction {
 public:
  virtual ~ReduceFunction() = default;
  virtual T reduce(const T& a, const T& b) = 0;
};

// Incremental aggregation with an accumulator, as Flink's AggregateFunction:
// createAccumulator → add* → getResult, and merge for merging windows.
template <typename IN, typename ACC, typename OUT>
class AggregateFunction {
 public:
  using InputType = IN;
  using AccumulatorType = ACC;
  using OutputType = OUT;
  virtual ~AggregateFunction() = default;
  virtual ACC createAccumulator() = 0;
  virtual ACC add(const IN& value, ACC accumulator) = 0;
  virtual OUT getResult(const ACC& accumulator) = 0;
  virtual ACC merge(ACC a, const ACC& b) = 0;
};

}  // namespace eddy
