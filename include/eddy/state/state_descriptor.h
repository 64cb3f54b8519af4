#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "eddy/functions/functions.h"
#include "eddy/state/state_ttl_config.h"

namespace eddy::state {

// Descriptors name a piece of keyed state and say how to combine values, as Flink's
// StateDescriptor family. The name identifies the state inside its operator: asking twice
// with the same name returns the same state. Descriptors are values, cheap to copy.

enum class StateType { kValue, kList, kMap, kReducing, kAggregating };

class StateDescriptorBase {
 public:
  StateDescriptorBase(std::string name, StateType type) : name_(std::move(name)), type_(type) {}
  const std::string& getName() const { return name_; }
  StateType getType() const { return type_; }

  // Values of this state expire as `config` says (Flink's enableTimeToLive). Restoring state
  // taken with TTL into a descriptor without it, or the reverse, fails (Flink's
  // StateMigrationException).
  void enableTimeToLive(const StateTtlConfig& config) { ttl_config_ = config; }
  const StateTtlConfig& getTtlConfig() const { return ttl_config_; }

 private:
  std::string name_;
  StateType type_;
  StateTtlConfig ttl_config_ = StateTtlConfig::disabled();
};

template <typename T>
class ValueStateDescriptor : public StateDescriptorBase {
 public:
  using ValueType = T;
  explicit ValueStateDescriptor(std::string name) : StateDescriptorBase(std::move(name), StateType::kValue) {}
};

template <typename T>
class ListStateDescriptor : public StateDescriptorBase {
 public:
  using ValueType = T;
  explicit ListStateDescriptor(std::string name) : StateDescriptorBase(std::move(name), StateType::kList) {}
};

template <typename UK, typename UV>
class MapStateDescriptor : public StateDescriptorBase {
 public:
  using UserKeyType = UK;
  using UserValueType = UV;
  explicit MapStateDescriptor(std::string name) : StateDescriptorBase(std::move(name), StateType::kMap) {}
};

template <typename T>
class ReducingStateDescriptor : public StateDescriptorBase {
 public:
  using ValueType = T;
  using ReduceFn = std::function<T(const T&, const T&)>;

  ReducingStateDescriptor(std::string name, ReduceFn reduce)
      : StateDescriptorBase(std::move(name), StateType::kReducing), reduce_(std::move(reduce)) {}
  ReducingStateDescriptor(std::string name, std::shared_ptr<ReduceFunction<T>> fn)
      : ReducingStateDescriptor(std::move(name), [fn](const T& a, const T& b) { return fn->reduce(a, b); }) {}

  const ReduceFn& getReduceFunction() const { return reduce_; }

 private:
  ReduceFn reduce_;
};

template <typename IN, typename ACC, typename OUT>
class AggregatingStateDescriptor : public StateDescriptorBase {
 public:
  using InputType = IN;
  using AccumulatorType = ACC;
  using OutputType = OUT;

  AggregatingStateDescriptor(std::string name, std::shared_ptr<AggregateFunction<IN, ACC, OUT>> fn)
      : StateDescriptorBase(std::move(name), StateType::kAggregating), fn_(std::move(fn)) {}

  const std::shared_ptr<AggregateFunction<IN, ACC, OUT>>& getAggregateFunction() const { return fn_; }

 private:
  std::shared_ptr<AggregateFunction<IN, ACC, OUT>> fn_;
};

}  // namespace eddy::state
