#pragma once

#include <memory>
#include <string>
#include <utility>

#include "eddy/api/data_stream.h"
#include "eddy/functions/co_functions.h"
#include "eddy/operators/co_stream_operator.h"
#include "eddy/operators/keyed_process_operator.h"
#include "eddy/operators/process_operator.h"
#include "eddy/runtime/partitioners.h"
#include "eddy/runtime/record_writer_output.h"
#include "eddy/state/typed_keyed_state_backend.h"

namespace eddy {

// The network output of an edge that routes records of type T by the key group of
// key_selector(record), as keyBy does.
template <typename T, typename KeySelector>
StreamExecutionEnvironment::NetworkOutputFactory keyGroupOutput(KeySelector key_selector) {
  return [key_selector](std::vector<runtime::ChannelWriter*> channels, int max_parallelism) {
    using P = runtime::KeyGroupPartitioner<KeySelector>;
    return std::unique_ptr<runtime::OutputBase>(std::make_unique<runtime::RecordWriterOutput<T, P>>(
        std::move(channels), P{key_selector, max_parallelism}));
  };
}

// Makes node `id` keyed: each parallel instance gets a keyed state backend for key type K.
template <typename K>
void makeKeyed(StreamExecutionEnvironment* env, int id) {
  env->graph().node(id).make_keyed_backend = [](state::KeyGroupRange range, int max_parallelism,
                                                 const state::StateBackendConfig& backend)
      -> Result<std::shared_ptr<state::KeyedStateBackend>> {
    EDDY_ASSIGN_OR_RETURN(auto created, state::KeyedStateBackendT<K>::create(range, max_parallelism, backend));
    return std::shared_ptr<state::KeyedStateBackend>(std::move(created));
  };
}

template <typename T1, typename T2, typename K, typename KS1, typename KS2>
class KeyedConnectedStreams;

// Two streams of possibly different types processed by one operator with a function per
// input (Flink's ConnectedStreams).
template <typename T1, typename T2>
class ConnectedStreams {
 public:
  ConnectedStreams(DataStream<T1> first, DataStream<T2> second) : first_(std::move(first)), second_(std::move(second)) {}

  // map1/map2 of a CoMapFunction, or two callables.
  template <typename F>
  auto map(F f) {
    return map([f](const T1& v) mutable { return f.map1(v); }, [f](const T2& v) mutable { return f.map2(v); });
  }
  template <typename F1, typename F2>
  auto map(F1 f1, F2 f2) {
    using O = std::decay_t<decltype(f1(std::declval<const T1&>()))>;
    return build<O>("Co-Map", [f1](const T1& v, Collector<O>& out) mutable { out.collect(f1(v)); },
                    [f2](const T2& v, Collector<O>& out) mutable { out.collect(f2(v)); });
  }

  // flatMap1/flatMap2 of a CoFlatMapFunction, or two callables (value, out).
  template <typename F>
  auto flatMap(F f) {
    using O = typename F::OutputType;
    return build<O>("Co-Flat Map", [f](const T1& v, Collector<O>& out) mutable { f.flatMap1(v, out); },
                    [f](const T2& v, Collector<O>& out) mutable { f.flatMap2(v, out); });
  }

  // A CoProcessFunction (no timers: use keyBy(...).process for those).
  template <typename F>
  DataStream<typename F::OutputType> process(F f) {
    using O = typename F::OutputType;
    int id = env()->template addNode<O>("Co-Process", 2, [f] {
      return std::make_unique<operators::ProcessOperator<T1, F, T2>>(f);
    });
    first_.connectTo(id, 0);
    second_.connectTo(id, 1);
    return DataStream<O>(env(), id);
  }

  // Partitions both inputs by key so that equal keys meet in one instance (Flink's
  // ConnectedStreams.keyBy); the key types must be equal.
  template <typename KS1, typename KS2>
  auto keyBy(KS1 key1, KS2 key2) {
    using K = std::decay_t<decltype(key1(std::declval<const T1&>()))>;
    return KeyedConnectedStreams<T1, T2, K, KS1, KS2>(first_, second_, std::move(key1), std::move(key2));
  }

 private:
  StreamExecutionEnvironment* env() const { return first_.getExecutionEnvironment(); }

  template <typename O, typename C1, typename C2>
  DataStream<O> build(std::string name, C1 call1, C2 call2) {
    int id = env()->template addNode<O>(std::move(name), 2, [call1, call2] {
      return std::make_unique<operators::CoStreamOperator<T1, T2, O, C1, C2>>(call1, call2);
    });
    first_.connectTo(id, 0);
    second_.connectTo(id, 1);
    return DataStream<O>(env(), id);
  }

  DataStream<T1> first_;
  DataStream<T2> second_;
};

// Connected streams partitioned by key: process(KeyedCoProcessFunction) has keyed state
// and timers shared by both inputs.
template <typename T1, typename T2, typename K, typename KS1, typename KS2>
class KeyedConnectedStreams {
 public:
  KeyedConnectedStreams(DataStream<T1> first, DataStream<T2> second, KS1 key1, KS2 key2)
      : first_(std::move(first)), second_(std::move(second)), key1_(std::move(key1)), key2_(std::move(key2)) {}

  template <typename F>
  DataStream<typename F::OutputType> process(F f) {
    using O = typename F::OutputType;
    StreamExecutionEnvironment* env = first_.getExecutionEnvironment();
    KS1 key1 = key1_;
    KS2 key2 = key2_;
    int id = env->template addNode<O>("KeyedCoProcess", 2, [key1, key2, f] {
      return std::make_unique<operators::KeyedProcessOperator<T1, K, KS1, F, T2, KS2>>(key1, f, key2);
    });
    makeKeyed<K>(env, id);
    first_.connectTo(id, 0, keyGroupOutput<T1>(key1_));
    second_.connectTo(id, 1, keyGroupOutput<T2>(key2_));
    return DataStream<O>(env, id);
  }

 private:
  DataStream<T1> first_;
  DataStream<T2> second_;
  KS1 key1_;
  KS2 key2_;
};

template <typename T>
template <typename T2>
ConnectedStreams<T, T2> DataStream<T>::connect(DataStream<T2> other) {
  return ConnectedStreams<T, T2>(*this, std::move(other));
}

}  // namespace eddy
