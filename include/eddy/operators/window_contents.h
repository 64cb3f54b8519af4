#pragma once

#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "eddy/functions/functions.h"
#include "eddy/operators/function_calls.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "eddy/windowing/evictors.h"

namespace eddy::operators {

// What a window keeps of its records and what it hands the window function when it fires.
// Each is a policy of WindowOperator with the same shape:
//   open(backend)          create the state (window namespace W) in the keyed backend
//   mergingState()         the state as mergeable, for merging windows
//   setNamespace(window)   scope the calls below to a window of the current key
//   add(value, timestamp)  fold in a record; true if the window had no contents before
//   fire(window, call)     call(input) with the window's input, if the window has any
//   clear()                drop the window's contents
inline constexpr const char* kWindowContentsStateName = "window-contents";

// Adapts a duck-typed aggregate (createAccumulator/add/getResult[/merge]) to the
// AggregateFunction interface the aggregating state takes.
template <typename T, typename Agg>
class AggregateAdapter final
    : public AggregateFunction<T, std::decay_t<decltype(std::declval<Agg&>().createAccumulator())>,
                               std::decay_t<decltype(std::declval<Agg&>().getResult(
                                   std::declval<Agg&>().createAccumulator()))>> {
 public:
  using ACC = std::decay_t<decltype(std::declval<Agg&>().createAccumulator())>;
  using R = std::decay_t<decltype(std::declval<Agg&>().getResult(std::declval<Agg&>().createAccumulator()))>;

  explicit AggregateAdapter(Agg agg) : agg_(std::move(agg)) {}
  ACC createAccumulator() override { return agg_.createAccumulator(); }
  ACC add(const T& value, ACC acc) override { return agg_.add(value, std::move(acc)); }
  R getResult(const ACC& acc) override { return agg_.getResult(acc); }
  ACC merge(ACC a, const ACC& b) override {
    if constexpr (requires { agg_.merge(std::move(a), b); }) {
      return agg_.merge(std::move(a), b);
    } else {
      throw std::logic_error("The AggregateFunction has no merge(), needed by merging (session) windows");
    }
  }

 private:
  Agg agg_;
};

// Incremental aggregation: the window keeps an accumulator; the function gets the result.
template <typename T, typename K, typename W, typename Agg>
class AggregateContents {
 public:
  using Adapter = AggregateAdapter<T, Agg>;
  using Input = typename Adapter::R;

  explicit AggregateContents(Agg agg) : agg_(std::move(agg)) {}
  void open(state::KeyedStateBackendT<K>* backend) {
    state_ = backend->template getPartitionedState<W>(
        state::AggregatingStateDescriptor<T, typename Adapter::ACC, Input>(kWindowContentsStateName,
                                                                           std::make_shared<Adapter>(agg_)));
  }
  state::InternalMergingState<W>* mergingState() { return state_; }
  void setNamespace(const W& window) { state_->setCurrentNamespace(window); }
  bool add(const T& value, int64_t) { return state_->addFirst(value); }
  template <typename F>
  void fire(const W&, F&& call) {
    if (std::optional<Input> result = state_->get()) call(*result);
  }
  void clear() { state_->clear(); }

 private:
  Agg agg_;
  state::HeapAggregatingState<K, W, T, typename Adapter::ACC, Input>* state_ = nullptr;
};

// Incremental reduction: the window keeps one record, reduced with every new one.
template <typename T, typename K, typename W, typename F>
class ReduceContents {
 public:
  using Input = T;

  explicit ReduceContents(F f) : f_(std::move(f)) {}
  void open(state::KeyedStateBackendT<K>* backend) {
    F f = f_;
    state_ = backend->template getPartitionedState<W>(state::ReducingStateDescriptor<T>(
        kWindowContentsStateName, [f](const T& a, const T& b) mutable { return callReduce(f, a, b); }));
  }
  state::InternalMergingState<W>* mergingState() { return state_; }
  void setNamespace(const W& window) { state_->setCurrentNamespace(window); }
  bool add(const T& value, int64_t) { return state_->addFirst(value); }
  template <typename Call>
  void fire(const W&, Call&& call) {
    if (std::optional<T> result = state_->get()) call(*result);
  }
  void clear() { state_->clear(); }

 private:
  F f_;
  state::HeapReducingState<K, W, T>* state_ = nullptr;
};

// All records of the window with their timestamps; the function gets them as a vector,
// after the evictor's evictBefore (and evictAfter runs on what is left afterwards, as
// Flink's EvictingWindowOperator does).
template <typename T, typename K, typename W, typename Evictor>
class ListContents {
 public:
  using Input = std::vector<T>;
  using Element = windowing::TimestampedValue<T>;

  explicit ListContents(Evictor evictor) : evictor_(std::move(evictor)) {}
  void open(state::KeyedStateBackendT<K>* backend) {
    state_ = backend->template getPartitionedState<W>(state::ListStateDescriptor<Element>(kWindowContentsStateName));
  }
  state::InternalMergingState<W>* mergingState() { return state_; }
  void setNamespace(const W& window) { state_->setCurrentNamespace(window); }
  bool add(const T& value, int64_t timestamp) { return state_->addFirst(Element{value, timestamp}); }
  template <typename Call>
  void fire(const W& window, Call&& call) {
    const std::vector<Element>& stored = state_->get();
    if (stored.empty()) return;
    std::vector<Element> elements = stored;
    size_t before = elements.size();
    evictor_.evictBefore(elements, window);
    values_.clear();
    for (const Element& e : elements) values_.push_back(e.value);
    call(values_);
    evictor_.evictAfter(elements, window);
    if (elements.size() != before) state_->update(elements);
  }
  void clear() { state_->clear(); }

 private:
  Evictor evictor_;
  state::HeapListState<K, W, Element>* state_ = nullptr;
  std::vector<T> values_;
};

}  // namespace eddy::operators
