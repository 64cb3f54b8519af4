#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eddy/common/configuration.h"
#include "eddy/common/result.h"
#include "eddy/functions/source.h"
#include "eddy/functions/watermark_strategy.h"
#include "eddy/runtime/chaining_output.h"
#include "eddy/runtime/job_client.h"
#include "eddy/runtime/record_writer_output.h"
#include "eddy/runtime/stream_graph.h"

namespace eddy {

template <typename T>
class DataStream;

// The environment variable through which `eddy run` hands its -D key=value overrides
// (one per line) to the job it loads.
inline constexpr const char* kDynamicPropertiesEnv = "EDDY_DYNAMIC_PROPERTIES";

using runtime::JobClient;
using runtime::JobExecutionResult;

// The entry point of a DataStream job (Flink's StreamExecutionEnvironment): sources are
// added here, the streams built from them form the job's graph, and execute() runs it on
// an embedded mini-cluster in this process. Not thread-safe: build a job from one thread.
class StreamExecutionEnvironment {
 public:
  // A new environment configured as Flink's: conf/config.yaml of the configuration
  // directory (EDDY_CONF_DIR, FLINK_CONF_DIR or ./conf; none is fine) with the `-D`
  // overrides `eddy run` passes in EDDY_DYNAMIC_PROPERTIES on top.
  static std::unique_ptr<StreamExecutionEnvironment> getExecutionEnvironment();
  // A new environment configured by `configuration` only.
  static std::unique_ptr<StreamExecutionEnvironment> getExecutionEnvironment(const Configuration& configuration);

  // What happens when the job fails (Flink's setRestartStrategy / restart-strategy.type).
  StreamExecutionEnvironment& setRestartStrategy(runtime::RestartStrategy strategy) {
    restart_strategy_ = strategy;
    return *this;
  }

  // The keyed state backend of the job's keyed operators (Flink's setStateBackend):
  // HashMapStateBackend() or EmbeddedRocksDBStateBackend(incremental).
  StreamExecutionEnvironment& setStateBackend(state::StateBackendConfig backend) {
    graph_.state_backend = std::move(backend);
    return *this;
  }

  // Applies Flink's pipeline keys (parallelism.default, pipeline.max-parallelism,
  // pipeline.auto-watermark-interval, pipeline.name); a bad value is an error naming the
  // key, reported by this call and by execute().
  Status configure(const Configuration& configuration);
  const Configuration& getConfiguration() const { return configuration_; }

  StreamExecutionEnvironment& setParallelism(int parallelism) {
    parallelism_ = parallelism;
    return *this;
  }
  int getParallelism() const { return parallelism_; }
  StreamExecutionEnvironment& setMaxParallelism(int max_parallelism) {
    max_parallelism_ = max_parallelism;
    return *this;
  }
  int getMaxParallelism() const { return max_parallelism_; }
  // pipeline.auto-watermark-interval, in milliseconds; 0 disables periodic watermarks.
  StreamExecutionEnvironment& setAutoWatermarkInterval(int64_t interval_ms) {
    graph_.auto_watermark_interval_ms = interval_ms;
    return *this;
  }
  // Takes a checkpoint every `interval_ms` (Flink's enableCheckpointing).
  StreamExecutionEnvironment& enableCheckpointing(int64_t interval_ms,
                                                  runtime::CheckpointingMode mode = runtime::CheckpointingMode::EXACTLY_ONCE) {
    graph_.checkpoint_config.interval_ms = interval_ms;
    graph_.checkpoint_config.mode = mode;
    return *this;
  }
  runtime::CheckpointConfig& getCheckpointConfig() { return graph_.checkpoint_config; }
  // Starts the job from `checkpoint` (Flink's -s / execution.savepoint.path).
  StreamExecutionEnvironment& setRestoreFrom(std::shared_ptr<const runtime::CompletedCheckpoint> checkpoint,
                                             bool allow_non_restored_state = false) {
    graph_.restore = runtime::RestoreSettings{std::move(checkpoint), allow_non_restored_state};
    return *this;
  }
  StreamExecutionEnvironment& disableOperatorChaining() {
    graph_.chaining_enabled = false;
    return *this;
  }

  template <typename T>
  DataStream<T> fromSource(std::shared_ptr<Source<T>> source, WatermarkStrategy<T> strategy, const std::string& name);

  template <typename T>
  DataStream<T> fromCollection(std::vector<T> elements);

  template <typename T, typename... Rest>
  DataStream<T> fromElements(T first, Rest... rest) {
    return fromCollection(std::vector<T>{std::move(first), T(std::move(rest))...});
  }

  // Runs the job and waits for it to end. The error names the failing operator.
  Result<JobExecutionResult> execute(const std::string& job_name = "Flink Streaming Job");
  // Starts the job and returns at once.
  Result<std::unique_ptr<JobClient>> executeAsync(const std::string& job_name = "Flink Streaming Job");

  // Graph building, used by DataStream and friends.
  template <typename OUT>
  int addNode(std::string name, int num_inputs, std::function<std::unique_ptr<runtime::StreamOperator>()> factory);
  // `partitioner` empty: Flink's default, decided when the job is built. A keyed edge
  // passes its own network output factory.
  using NetworkOutputFactory = std::function<std::unique_ptr<runtime::OutputBase>(
      std::vector<runtime::ChannelWriter*> channels, int max_parallelism)>;
  template <typename T>
  void addEdge(int source, int target, int input, std::optional<runtime::PartitionerKind> partitioner,
               const std::string& side_tag, NetworkOutputFactory keyed_output = nullptr);
  runtime::StreamGraph& graph() { return graph_; }

 private:
  // Resolves what was left to the job's defaults: parallelism, max parallelism, and the
  // partitioner of edges that did not choose one (forward if parallelism matches, else
  // rebalance, as Flink).
  runtime::StreamGraph finalizedGraph(const std::string& job_name) const;
  // execution.checkpointing.*, state.checkpoints.dir and num-retained.
  Status applyCheckpointKeys();
  // restart-strategy.type and its keys.
  Status applyRestartKeys();
  // What the job starts from: setRestoreFrom(), else execution.savepoint.path, else nothing.
  Result<runtime::RestoreSettings> restoreSettings() const;

  Configuration configuration_;
  std::optional<runtime::RestartStrategy> restart_strategy_;
  Status configuration_status_;
  int parallelism_ = 1;
  int max_parallelism_ = -1;
  runtime::StreamGraph graph_;
  // Per edge: the partitioner was not chosen by the user.
  std::vector<bool> default_partitioner_;
  // Per edge: makes the typed network output for a given partitioner.
  std::vector<std::function<std::unique_ptr<runtime::OutputBase>(runtime::PartitionerKind,
                                                                 std::vector<runtime::ChannelWriter*>)>>
      record_writers_;
};

template <typename OUT>
int StreamExecutionEnvironment::addNode(std::string name, int num_inputs,
                                        std::function<std::unique_ptr<runtime::StreamOperator>()> factory) {
  runtime::StreamNode node;
  node.id = static_cast<int>(graph_.nodes.size());
  node.name = std::move(name);
  node.parallelism = -1;
  node.num_inputs = num_inputs;
  node.operator_factory = std::move(factory);
  node.make_discarding_output = [] { return std::make_unique<runtime::DiscardingOutput<OUT>>(); };
  graph_.nodes.push_back(std::move(node));
  return graph_.nodes.back().id;
}

// The typed network output for an edge carrying T, by partitioner.
template <typename T>
std::unique_ptr<runtime::OutputBase> makeRecordWriter(runtime::PartitionerKind kind,
                                                      std::vector<runtime::ChannelWriter*> channels) {
  using namespace runtime;
  switch (kind) {
    case PartitionerKind::kRebalance:
    case PartitionerKind::kRescale:
      return std::make_unique<RecordWriterOutput<T, RebalancePartitioner>>(std::move(channels), RebalancePartitioner{});
    case PartitionerKind::kShuffle:
      return std::make_unique<RecordWriterOutput<T, ShufflePartitioner>>(std::move(channels), ShufflePartitioner{});
    case PartitionerKind::kBroadcast:
      return std::make_unique<RecordWriterOutput<T, ForwardPartitioner>>(std::move(channels), ForwardPartitioner{}, true);
    case PartitionerKind::kGlobal:
    case PartitionerKind::kForward:
    case PartitionerKind::kKeyGroup:
      break;
  }
  return std::make_unique<RecordWriterOutput<T, GlobalPartitioner>>(std::move(channels), GlobalPartitioner{});
}

template <typename T>
void StreamExecutionEnvironment::addEdge(int source, int target, int input,
                                         std::optional<runtime::PartitionerKind> partitioner,
                                         const std::string& side_tag, NetworkOutputFactory keyed_output) {
  runtime::StreamEdge edge;
  edge.source_id = source;
  edge.target_id = target;
  edge.target_input = input;
  edge.partitioner = partitioner.value_or(runtime::PartitionerKind::kForward);
  edge.make_network_output = std::move(keyed_output);
  edge.side_output_tag = side_tag;
  edge.make_chaining_output = [](runtime::StreamOperator* op, int in) {
    return std::make_unique<runtime::ChainingOutput<T>>(op, in);
  };
  edge.make_broadcasting_output = [](std::vector<runtime::OutputBase*> outputs) {
    return std::make_unique<runtime::BroadcastingOutput<T>>(std::move(outputs));
  };
  edge.batch_serializer = runtime::makeBatchSerializer<T>();
  edge.emit_batch = [](runtime::BatchBase& batch, runtime::OutputBase& output) {
    static_cast<runtime::Output<T>&>(output).emitBatch(static_cast<runtime::RecordBatch<T>&>(batch));
  };
  graph_.edges.push_back(std::move(edge));
  default_partitioner_.push_back(!partitioner.has_value());
  record_writers_.push_back(&makeRecordWriter<T>);
}

}  // namespace eddy
