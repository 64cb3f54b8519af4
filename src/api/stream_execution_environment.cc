#include "eddy/api/stream_execution_environment.h"

#include <absl/strings/str_split.h>

#include <chrono>
#include <cstdlib>
#include <limits>

#include "eddy/checkpoint/checkpoint_storage_options.h"
#include "runtime/checkpoint_persistence.h"
#include "runtime/local_executor.h"

namespace eddy {

namespace {

// The job's configuration: config.yaml if there is one, then the CLI's -D overrides.
Result<Configuration> loadJobConfiguration() {
  Configuration configuration;
  Result<Configuration> file = GlobalConfiguration::loadConfiguration();
  if (file.ok()) {
    configuration = std::move(file).value();
  } else if (file.status().code() != StatusCode::kNotFound) {
    return file.status();
  }
  if (const char* dynamic = std::getenv(kDynamicPropertiesEnv)) {
    std::vector<std::string> lines = absl::StrSplit(dynamic, '\n', absl::SkipEmpty());
    EDDY_ASSIGN_OR_RETURN(Configuration overrides, parseDynamicProperties(lines));
    configuration.addAll(overrides);
  }
  return configuration;
}

}  // namespace

std::unique_ptr<StreamExecutionEnvironment> StreamExecutionEnvironment::getExecutionEnvironment() {
  auto env = std::make_unique<StreamExecutionEnvironment>();
  Result<Configuration> configuration = loadJobConfiguration();
  if (configuration.ok()) {
    (void)env->configure(*configuration);
  } else {
    env->configuration_status_ = configuration.status();
  }
  return env;
}

std::unique_ptr<StreamExecutionEnvironment> StreamExecutionEnvironment::getExecutionEnvironment(
    const Configuration& configuration) {
  auto env = std::make_unique<StreamExecutionEnvironment>();
  (void)env->configure(configuration);
  return env;
}

Status StreamExecutionEnvironment::applyCheckpointKeys() {
  runtime::CheckpointConfig& checkpoints = graph_.checkpoint_config;
  auto millis = [](std::chrono::nanoseconds d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
  EDDY_ASSIGN_OR_RETURN(auto interval, configuration_.getOptional(CheckpointingOptions::kCheckpointingInterval));
  if (interval) checkpoints.interval_ms = millis(*interval);
  EDDY_ASSIGN_OR_RETURN(std::string mode, configuration_.get(CheckpointingOptions::kCheckpointingMode));
  if (mode == "EXACTLY_ONCE") {
    checkpoints.mode = runtime::CheckpointingMode::EXACTLY_ONCE;
  } else if (mode == "AT_LEAST_ONCE") {
    checkpoints.mode = runtime::CheckpointingMode::AT_LEAST_ONCE;
  } else {
    return InvalidArgument(fmt::format(
        "Could not parse value '{}' for key 'execution.checkpointing.mode': expected EXACTLY_ONCE or AT_LEAST_ONCE",
        mode));
  }
  EDDY_ASSIGN_OR_RETURN(auto min_pause, configuration_.get(CheckpointingOptions::kMinPauseBetweenCheckpoints));
  checkpoints.min_pause_ms = millis(min_pause);
  EDDY_ASSIGN_OR_RETURN(checkpoints.max_concurrent, configuration_.get(CheckpointingOptions::kMaxConcurrentCheckpoints));
  if (checkpoints.max_concurrent < 1) {
    return InvalidArgument(fmt::format(
        "Invalid value {} for key 'execution.checkpointing.max-concurrent-checkpoints': it must be at least 1",
        checkpoints.max_concurrent));
  }
  EDDY_ASSIGN_OR_RETURN(auto timeout, configuration_.get(CheckpointingOptions::kCheckpointingTimeout));
  checkpoints.timeout_ms = millis(timeout);
  EDDY_ASSIGN_OR_RETURN(checkpoints.unaligned, configuration_.get(CheckpointingOptions::kEnableUnaligned));
  EDDY_ASSIGN_OR_RETURN(auto aligned_timeout, configuration_.get(CheckpointingOptions::kAlignedCheckpointTimeout));
  checkpoints.aligned_checkpoint_timeout_ms = millis(aligned_timeout);
  EDDY_ASSIGN_OR_RETURN(checkpoints.tolerable_failures, configuration_.get(CheckpointingOptions::kTolerableFailureNumber));
  EDDY_ASSIGN_OR_RETURN(auto dir, configuration_.getOptional(CheckpointingOptions::kCheckpointsDirectory));
  if (dir) checkpoints.checkpoints_dir = *dir;
  EDDY_ASSIGN_OR_RETURN(checkpoints.num_retained,
                        configuration_.get(checkpoint::CheckpointStorageOptions::kMaxRetainedCheckpoints));
  EDDY_ASSIGN_OR_RETURN(checkpoints.memory_threshold,
                        checkpoint::CheckpointStorageOptions::memoryThresholdOf(configuration_));
  EDDY_ASSIGN_OR_RETURN(std::string retention,
                        configuration_.get(checkpoint::CheckpointStorageOptions::kExternalizedCheckpointRetention));
  if (retention == "RETAIN_ON_CANCELLATION") {
    checkpoints.externalized_retention = runtime::ExternalizedCheckpointRetention::RETAIN_ON_CANCELLATION;
  } else if (retention == "DELETE_ON_CANCELLATION") {
    checkpoints.externalized_retention = runtime::ExternalizedCheckpointRetention::DELETE_ON_CANCELLATION;
  } else if (retention == "NO_EXTERNALIZED_CHECKPOINTS") {
    checkpoints.externalized_retention = runtime::ExternalizedCheckpointRetention::NO_EXTERNALIZED_CHECKPOINTS;
  } else {
    return InvalidArgument(fmt::format(
        "Could not parse value '{}' for key 'execution.checkpointing.externalized-checkpoint-retention': expected "
        "DELETE_ON_CANCELLATION, RETAIN_ON_CANCELLATION or NO_EXTERNALIZED_CHECKPOINTS",
        retention));
  }
  return Status::OK();
}

Status StreamExecutionEnvironment::applyRestartKeys() {
  auto millis = [](std::chrono::nanoseconds d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
  EDDY_ASSIGN_OR_RETURN(auto type, configuration_.getOptional(RestartStrategyOptions::kRestartStrategyType));
  if (!type) {
    restart_strategy_.reset();  // decided at execute(): depends on checkpointing
    return Status::OK();
  }
  runtime::RestartStrategy strategy;
  if (*type == "none" || *type == "off" || *type == "disable") {
    strategy = runtime::RestartStrategy::noRestart();
  } else if (*type == "fixed-delay" || *type == "fixeddelay") {
    EDDY_ASSIGN_OR_RETURN(int attempts, configuration_.get(RestartStrategyOptions::kFixedDelayAttempts));
    EDDY_ASSIGN_OR_RETURN(auto delay, configuration_.get(RestartStrategyOptions::kFixedDelayDelay));
    strategy = runtime::RestartStrategy::fixedDelayRestart(attempts, millis(delay));
  } else if (*type == "exponential-delay" || *type == "exponentialdelay") {
    strategy.type = runtime::RestartStrategyType::kExponentialDelay;
    EDDY_ASSIGN_OR_RETURN(strategy.attempts, configuration_.get(RestartStrategyOptions::kExponentialDelayAttempts));
    EDDY_ASSIGN_OR_RETURN(auto initial, configuration_.get(RestartStrategyOptions::kExponentialDelayInitialBackoff));
    EDDY_ASSIGN_OR_RETURN(auto max, configuration_.get(RestartStrategyOptions::kExponentialDelayMaxBackoff));
    EDDY_ASSIGN_OR_RETURN(strategy.backoff_multiplier,
                          configuration_.get(RestartStrategyOptions::kExponentialDelayBackoffMultiplier));
    strategy.delay_ms = millis(initial);
    strategy.max_backoff_ms = millis(max);
  } else {
    return InvalidArgument(fmt::format(
        "Unknown restart strategy '{}' for key 'restart-strategy.type': expected none, fixed-delay or "
        "exponential-delay",
        *type));
  }
  restart_strategy_ = strategy;
  return Status::OK();
}

Result<runtime::RestoreSettings> StreamExecutionEnvironment::restoreSettings() const {
  if (graph_.restore.checkpoint) return graph_.restore;
  EDDY_ASSIGN_OR_RETURN(auto path, configuration_.getOptional(SavepointConfigOptions::kSavepointPath));
  if (!path) return runtime::RestoreSettings{};
  EDDY_ASSIGN_OR_RETURN(bool allow, configuration_.get(SavepointConfigOptions::kSavepointIgnoreUnclaimedState));
  EDDY_ASSIGN_OR_RETURN(auto checkpoint, runtime::loadCheckpoint(*path));
  return runtime::RestoreSettings{std::move(checkpoint), allow};
}

Status StreamExecutionEnvironment::configure(const Configuration& configuration) {
  configuration_.addAll(configuration);
  auto apply = [&]() -> Status {
    EDDY_ASSIGN_OR_RETURN(parallelism_, configuration_.get(CoreOptions::kDefaultParallelism));
    EDDY_ASSIGN_OR_RETURN(max_parallelism_, configuration_.get(PipelineOptions::kMaxParallelism));
    EDDY_ASSIGN_OR_RETURN(std::chrono::nanoseconds interval, configuration_.get(PipelineOptions::kAutoWatermarkInterval));
    graph_.auto_watermark_interval_ms = std::chrono::duration_cast<std::chrono::milliseconds>(interval).count();
    EDDY_RETURN_IF_ERROR(applyCheckpointKeys());
    EDDY_ASSIGN_OR_RETURN(graph_.state_backend, state::StateBackendConfig::fromConfiguration(configuration_));
    return applyRestartKeys();
  };
  configuration_status_ = apply();
  return configuration_status_;
}

runtime::StreamGraph StreamExecutionEnvironment::finalizedGraph(const std::string& job_name) const {
  runtime::StreamGraph graph = graph_;
  graph.job_name = job_name;
  for (runtime::StreamNode& node : graph.nodes) {
    if (node.parallelism < 0) node.parallelism = parallelism_;
    if (node.max_parallelism < 0) node.max_parallelism = max_parallelism_;
  }
  for (size_t i = 0; i < graph.edges.size(); ++i) {
    runtime::StreamEdge& edge = graph.edges[i];
    if (default_partitioner_[i]) {
      bool same = graph.node(edge.source_id).parallelism == graph.node(edge.target_id).parallelism;
      edge.partitioner = same ? runtime::PartitionerKind::kForward : runtime::PartitionerKind::kRebalance;
    }
    if (!edge.make_network_output) {
      auto make = record_writers_[i];
      runtime::PartitionerKind kind = edge.partitioner;
      edge.make_network_output = [make, kind](std::vector<runtime::ChannelWriter*> channels, int) {
        return make(kind, std::move(channels));
      };
    }
  }
  return graph;
}

Result<std::unique_ptr<JobClient>> StreamExecutionEnvironment::executeAsync(const std::string& job_name) {
  EDDY_RETURN_IF_ERROR(configuration_status_);
  runtime::StreamGraph graph = finalizedGraph(job_name);
  EDDY_ASSIGN_OR_RETURN(graph.restore, restoreSettings());
  // Flink's default: exponential-delay when checkpointing is enabled, else no restarts.
  if (restart_strategy_) {
    graph.restart_strategy = *restart_strategy_;
  } else if (graph.checkpoint_config.isCheckpointingEnabled()) {
    graph.restart_strategy.type = runtime::RestartStrategyType::kExponentialDelay;
    graph.restart_strategy.attempts = std::numeric_limits<int>::max();
  }
  return runtime::executeLocally(std::move(graph));
}

Result<JobExecutionResult> StreamExecutionEnvironment::execute(const std::string& job_name) {
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<JobClient> client, executeAsync(job_name));
  EDDY_RETURN_IF_ERROR(client->waitForCompletion().withContext(
      fmt::format("Job '{}' failed", job_name)));
  return client->getJobExecutionResult();
}

}  // namespace eddy
