#pragma once

#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "eddy/functions/functions.h"
#include "eddy/functions/keyed_runtime_context.h"
#include "eddy/functions/process_function.h"
#include "eddy/state/broadcast_state.h"
#include "eddy/state/operator_state_store.h"
#include "eddy/state/state_descriptor.h"

namespace eddy {

// What the functions of a broadcast connection see of the element they process: its
// timestamp, time, side outputs, and the broadcast states given to broadcast(...) (Flink's
// BaseBroadcastProcessFunction.BaseContext). Timers need the keyed variant's
// processElement.
class BroadcastContextBase : public ProcessContextBase {
 public:
  int64_t currentProcessingTime() const { return timerService().currentProcessingTime(); }
  int64_t currentWatermark() const { return timerService().currentWatermark(); }

  // Set by the operator that runs the function.
  void bindStateStore(state::OperatorStateStore* store) { store_ = store; }

 protected:
  // Flink's message for a descriptor that was not given to broadcast(...).
  template <typename K, typename V>
  state::BroadcastState<K, V>& broadcastState(const state::MapStateDescriptor<K, V>& descriptor) const {
    state::BroadcastState<K, V>* found = store_->findBroadcastState(descriptor);
    if (!found) {
      throw std::invalid_argument(
          "The requested state does not exist. Check for typos in your state descriptor, or specify the state "
          "descriptor in the datastream.broadcast(...) call if you forgot to register it.");
    }
    return *found;
  }

 private:
  state::OperatorStateStore* store_ = nullptr;
};

// The context of processElement: the broadcast states, read-only (every instance must keep
// the same copy, and the non-broadcast side differs per instance).
class BroadcastReadOnlyContext : public BroadcastContextBase {
 public:
  template <typename K, typename V>
  const state::ReadOnlyBroadcastState<K, V>& getBroadcastState(const state::MapStateDescriptor<K, V>& descriptor) const {
    return broadcastState(descriptor);
  }
};

// The context of processBroadcastElement: the broadcast states, read-write.
class BroadcastContext : public BroadcastContextBase {
 public:
  template <typename K, typename V>
  state::BroadcastState<K, V>& getBroadcastState(const state::MapStateDescriptor<K, V>& descriptor) const {
    return broadcastState(descriptor);
  }
};

// The function of a non-keyed stream connected with a broadcast stream (Flink's
// BroadcastProcessFunction): processElement for every element of the non-keyed side, with
// read-only broadcast state; processBroadcastElement for every element of the broadcast
// side, which every parallel instance sees, with read-write broadcast state.
template <typename IN1, typename IN2, typename OUT>
class BroadcastProcessFunction : public RichFunction {
 public:
  using InputType = IN1;
  using BroadcastType = IN2;
  using OutputType = OUT;
  using ReadOnlyContext = BroadcastReadOnlyContext;
  using Context = BroadcastContext;

  virtual void processElement(const IN1& value, ReadOnlyContext& ctx, Collector<OUT>& out) = 0;
  virtual void processBroadcastElement(const IN2& value, Context& ctx, Collector<OUT>& out) = 0;
};

// The function of a keyed stream connected with a broadcast stream (Flink's
// KeyedBroadcastProcessFunction): as BroadcastProcessFunction, plus keyed state and timers
// for the keyed side's current key, and applyToKeyedState to change the keyed state of
// every key from the broadcast side.
template <typename KS, typename IN1, typename IN2, typename OUT>
class KeyedBroadcastProcessFunction : public RichFunction {
 public:
  using KeyType = KS;
  using InputType = IN1;
  using BroadcastType = IN2;
  using OutputType = OUT;

  // The context of processBroadcastElement.
  class Context : public BroadcastContext {
   public:
    // Calls function(key, state) for every key of this instance that has the state
    // `descriptor` names (Flink's applyToKeyedState), with that key current. Meant for
    // broadcast elements, which are rare: it lists the keys from a canonical copy of the
    // keyed state.
    template <typename D, typename F>
    void applyToKeyedState(const D& descriptor, F&& function) const {
      auto* state = backend_->template getPartitionedState<state::VoidNamespace>(descriptor);
      auto snapshot = backend_->snapshot();
      if (!snapshot.ok()) throw std::runtime_error(snapshot.status().message());
      for (const state::StateSnapshot& named : snapshot->states) {
        if (named.name != descriptor.getName()) continue;
        for (const auto& [key_group, entries] : named.key_groups) {
          std::set<std::string> seen;
          for (const state::StateEntry& entry : entries) {
            if (!seen.insert(entry.key).second) continue;
            auto key = types::deserializeFromBytes<KS>(entry.key);
            if (!key.ok()) throw std::runtime_error(key.status().message());
            backend_->setCurrentKey(*key);
            function(backend_->getCurrentKey(), *state);
          }
        }
      }
    }
    void bindBackend(state::KeyedStateBackendT<KS>* backend) { backend_ = backend; }

   private:
    state::KeyedStateBackendT<KS>* backend_ = nullptr;
  };

  // The context of processElement: also the current key, and timers for it.
  class ReadOnlyContext : public BroadcastReadOnlyContext {
   public:
    const KS& getCurrentKey() const { return *key_; }
    void setCurrentKey(const KS* key) { key_ = key; }

   private:
    const KS* key_ = nullptr;
  };

  class OnTimerContext : public ReadOnlyContext {
   public:
    TimeDomain timeDomain() const { return domain_; }
    void setTimeDomain(TimeDomain domain) { domain_ = domain; }

   private:
    TimeDomain domain_ = TimeDomain::EVENT_TIME;
  };

  virtual void processElement(const IN1& value, ReadOnlyContext& ctx, Collector<OUT>& out) = 0;
  virtual void processBroadcastElement(const IN2& value, Context& ctx, Collector<OUT>& out) = 0;
  virtual void onTimer(int64_t /*timestamp*/, OnTimerContext& /*ctx*/, Collector<OUT>& /*out*/) {}

  KeyedRuntimeContext<KS>& getRuntimeContext() const {
    return static_cast<KeyedRuntimeContext<KS>&>(RichFunction::getRuntimeContext());
  }
};

}  // namespace eddy
