#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eddy/functions/output_tag.h"
#include "eddy/api/stream_execution_environment.h"
#include "eddy/connectors/collect_sink.h"
#include "eddy/connectors/collection_source.h"
#include "eddy/connectors/print_sink.h"
#include "eddy/operators/committing_sink_operator.h"
#include "eddy/operators/process_operator.h"
#include "eddy/operators/sink_operator.h"
#include "eddy/operators/stream_map.h"
#include "eddy/runtime/collector.h"
#include "eddy/runtime/source_operator.h"
#include "eddy/state/state_descriptor.h"

namespace eddy {

template <typename T, typename K, typename KeySelector>
class KeyedStream;
template <typename T1, typename T2>
class ConnectedStreams;
template <typename T>
class BroadcastStream;
template <typename IN1, typename IN2, typename K, typename KeySelector>
class BroadcastConnectedStream;

// A stream of records of type T (Flink's DataStream and SingleOutputStreamOperator): a
// handle on one operator's output in the job graph. Transformations add operators and
// return new handles; the setters (name, uid, setParallelism, …) change the operator that
// produces this stream. Cheap to copy.
template <typename T>
class DataStream {
 public:
  DataStream(StreamExecutionEnvironment* env, int node_id, std::optional<runtime::PartitionerKind> partitioner = {},
             std::string side_tag = "")
      : env_(env), node_id_(node_id), partitioner_(partitioner), side_tag_(std::move(side_tag)) {}

  StreamExecutionEnvironment* getExecutionEnvironment() const { return env_; }
  int getId() const { return node_id_; }

  template <typename F>
  DataStream<operators::MapResult<F, T>> map(F f) {
    using O = operators::MapResult<F, T>;
    return transform<O>("Map", [f] { return std::make_unique<operators::StreamMap<T, O, F>>(f); });
  }

  template <typename F>
  DataStream<T> filter(F f) {
    return transform<T>("Filter", [f] { return std::make_unique<operators::StreamFilter<T, F>>(f); });
  }

  template <typename F>
  DataStream<operators::FlatMapResult<F>> flatMap(F f) {
    using O = operators::FlatMapResult<F>;
    return transform<O>("Flat Map", [f] { return std::make_unique<operators::StreamFlatMap<T, O, F>>(f); });
  }

  // Assigns timestamps and generates watermarks here instead of at the source (Flink's
  // assignTimestampsAndWatermarks); watermarks from upstream are dropped.
  DataStream<T> assignTimestampsAndWatermarks(WatermarkStrategy<T> strategy) {
    int64_t interval = env_->graph().auto_watermark_interval_ms;
    return transform<T>("Timestamps/Watermarks", [strategy, interval] {
      return std::make_unique<runtime::TimestampsAndWatermarksOperator<T>>(strategy, interval);
    });
  }

  // Calls a ProcessFunction for every record (Flink's DataStream.process).
  template <typename F>
  DataStream<typename F::OutputType> process(F f) {
    using O = typename F::OutputType;
    return transform<O>("Process", [f] { return std::make_unique<operators::ProcessOperator<T, F>>(f); });
  }

  // Connects this stream with `other` for an operator with a function per input.
  template <typename T2>
  ConnectedStreams<T, T2> connect(DataStream<T2> other);
  // Connects this stream with a broadcast stream for a BroadcastProcessFunction (see
  // broadcast_connected_stream.h).
  template <typename T2>
  BroadcastConnectedStream<T, T2, void, void> connect(const BroadcastStream<T2>& broadcast_stream);

  // Windows over the whole stream, evaluated by one instance (Flink's windowAll).
  template <typename Assigner>
  auto windowAll(Assigner assigner);

  // Partitions by the key that `key_selector` extracts; see KeyedStream.
  template <typename F>
  auto keyBy(F key_selector);

  // The records of this stream and of `others`, merged (Flink's union).
  template <typename... Others>
  DataStream<T> union_(Others... others);

  DataStream<T> forward() const { return withPartitioner(runtime::PartitionerKind::kForward); }
  DataStream<T> rebalance() const { return withPartitioner(runtime::PartitionerKind::kRebalance); }
  DataStream<T> rescale() const { return withPartitioner(runtime::PartitionerKind::kRescale); }
  DataStream<T> shuffle() const { return withPartitioner(runtime::PartitionerKind::kShuffle); }
  DataStream<T> broadcast() const { return withPartitioner(runtime::PartitionerKind::kBroadcast); }
  // Broadcasts this stream with the broadcast states (Flink's MapStateDescriptors) that the
  // operator it is connected to keeps (see broadcast_stream.h).
  template <typename K, typename V, typename... More>
  BroadcastStream<T> broadcast(const state::MapStateDescriptor<K, V>& descriptor, const More&... more) const;
  DataStream<T> global() const { return withPartitioner(runtime::PartitionerKind::kGlobal); }

  // The records the producing operator emitted to side output `tag`.
  template <typename X>
  DataStream<X> getSideOutput(const OutputTag<X>& tag) const {
    return DataStream<X>(env_, node_id_, std::nullopt, tag.getId());
  }

  DataStream<T>& sinkTo(std::shared_ptr<Sink<T>> sink, const std::string& name = "Sink");
  // A two-phase-committing sink (exactly-once), e.g. FileSink or KafkaSink: pre-commits on
  // each barrier, commits when the checkpoint completes (Flink's sinkTo of a
  // TwoPhaseCommittingSink).
  template <typename S>
    requires requires(S* sink) { twoPhaseCommittingBase(sink); }
  DataStream<T>& sinkTo(std::shared_ptr<S> sink, const std::string& name = "Sink") {
    using Base = std::remove_pointer_t<decltype(twoPhaseCommittingBase(sink.get()))>;
    std::shared_ptr<Base> base(sink, twoPhaseCommittingBase(sink.get()));
    using Operator = typename operators::CommittingSinkOperatorFor<Base>::type;
    int id = env_->addNode<T>(name, 1, [base] { return std::make_unique<Operator>(base); });
    connectTo(id, 0);
    return *this;
  }
  // Prints every record to standard output in Flink's format.
  DataStream<T>& print(const std::string& identifier = "") {
    return sinkTo(std::make_shared<connectors::PrintSink<T>>(identifier), "Print to Std. Out");
  }
  DataStream<T>& printToErr(const std::string& identifier = "") {
    return sinkTo(std::make_shared<connectors::PrintSink<T>>(identifier, true), "Print to Std. Err");
  }
  // Runs the (bounded) job and returns every record of this stream.
  Result<std::vector<T>> executeAndCollect(const std::string& job_name = "Flink Streaming Job");

  // Setters of the operator that produces this stream.
  DataStream<T>& name(const std::string& name) {
    node().name = name;
    return *this;
  }
  DataStream<T>& uid(const std::string& uid) {
    node().uid = uid;
    return *this;
  }
  DataStream<T>& setParallelism(int parallelism) {
    node().parallelism = parallelism;
    return *this;
  }
  DataStream<T>& setMaxParallelism(int max_parallelism) {
    node().max_parallelism = max_parallelism;
    return *this;
  }
  DataStream<T>& disableChaining() {
    node().chaining = runtime::ChainingStrategy::kNever;
    return *this;
  }
  DataStream<T>& startNewChain() {
    node().chaining = runtime::ChainingStrategy::kHead;
    return *this;
  }

  // Adds a one-input operator reading this stream. Used by the transformations above and
  // by KeyedStream; `keyed_output` routes records by key group.
  template <typename O>
  DataStream<O> transform(std::string name, std::function<std::unique_ptr<runtime::StreamOperator>()> factory,
                          StreamExecutionEnvironment::NetworkOutputFactory keyed_output = nullptr) {
    int id = env_->addNode<O>(std::move(name), 1, std::move(factory));
    connectTo(id, 0, std::move(keyed_output));
    return DataStream<O>(env_, id);
  }

  // Adds the edge from this stream into input `input` of node `target`.
  void connectTo(int target, int input, StreamExecutionEnvironment::NetworkOutputFactory keyed_output = nullptr) const {
    std::optional<runtime::PartitionerKind> partitioner = partitioner_;
    if (keyed_output) partitioner = runtime::PartitionerKind::kKeyGroup;
    env_->addEdge<T>(node_id_, target, input, partitioner, side_tag_, std::move(keyed_output));
  }

 private:
  runtime::StreamNode& node() { return env_->graph().node(node_id_); }
  DataStream<T> withPartitioner(runtime::PartitionerKind kind) const {
    return DataStream<T>(env_, node_id_, kind, side_tag_);
  }

  StreamExecutionEnvironment* env_;
  int node_id_;
  std::optional<runtime::PartitionerKind> partitioner_;
  std::string side_tag_;
};

template <typename T>
template <typename... Others>
DataStream<T> DataStream<T>::union_(Others... others) {
  // A pass-through operator with several input edges; Flink's union is a virtual node.
  auto identity = [](const T& value) { return value; };
  int id = env_->addNode<T>("Union", 1, [identity] {
    return std::make_unique<operators::StreamMap<T, T, decltype(identity)>>(identity);
  });
  connectTo(id, 0);
  (others.connectTo(id, 0), ...);
  return DataStream<T>(env_, id);
}

template <typename T>
DataStream<T>& DataStream<T>::sinkTo(std::shared_ptr<Sink<T>> sink, const std::string& name) {
  int id = env_->addNode<T>(name, 1, [sink] { return std::make_unique<operators::SinkOperator<T>>(sink); });
  connectTo(id, 0);
  return *this;
}

template <typename T>
Result<std::vector<T>> DataStream<T>::executeAndCollect(const std::string& job_name) {
  auto records = std::make_shared<connectors::CollectedRecords<T>>();
  sinkTo(std::make_shared<connectors::CollectSink<T>>(records), "Collect");
  EDDY_RETURN_IF_ERROR(env_->execute(job_name).status());
  return records->values();
}

template <typename T>
DataStream<T> StreamExecutionEnvironment::fromSource(std::shared_ptr<Source<T>> source, WatermarkStrategy<T> strategy,
                                                     const std::string& name) {
  int64_t interval = graph_.auto_watermark_interval_ms;
  int id = addNode<T>(name, 0, [source, strategy, interval] {
    return std::make_unique<runtime::SourceOperator<T>>(source, strategy, interval);
  });
  return DataStream<T>(this, id);
}

template <typename T>
DataStream<T> StreamExecutionEnvironment::fromCollection(std::vector<T> elements) {
  auto source = std::make_shared<connectors::CollectionSource<T>>(std::move(elements));
  DataStream<T> stream = fromSource<T>(source, WatermarkStrategy<T>::noWatermarks(), "Collection Source");
  stream.setParallelism(1);
  return stream;
}

}  // namespace eddy
