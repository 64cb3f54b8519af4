#pragma once

#include <cstdint>
#include <string>

#include "eddy/common/config_options.h"
#include "eddy/common/configuration.h"
#include "eddy/common/result.h"

namespace eddy::checkpoint {

// Where checkpoints and savepoints go and how many checkpoints are kept, read from Flink's
// keys. A value type.
struct CheckpointStorageOptions {
  // Flink's CheckpointingOptions.MAX_RETAINED_CHECKPOINTS (named
  // state.checkpoints.num-retained before Flink 1.20).
  static inline const ConfigOption<int32_t> kMaxRetainedCheckpoints =
      ConfigOptions::key("execution.checkpointing.num-retained")
          .intType()
          .defaultValue(1)
          .withDeprecatedKeys({"state.checkpoints.num-retained"})
          .withDescription("The maximum number of completed checkpoints to retain.");
  // Flink's CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION.
  static inline const ConfigOption<std::string> kExternalizedCheckpointRetention =
      ConfigOptions::key("execution.checkpointing.externalized-checkpoint-retention")
          .stringType()
          .defaultValue("NO_EXTERNALIZED_CHECKPOINTS")
          .withDescription(
              "Externalized checkpoints write their meta data out to persistent storage and are not automatically "
              "cleaned up when the owning job fails or is suspended: DELETE_ON_CANCELLATION, "
              "RETAIN_ON_CANCELLATION or NO_EXTERNALIZED_CHECKPOINTS.");

  // Flink's CheckpointingOptions.FS_SMALL_FILE_THRESHOLD.
  static constexpr int64_t kDefaultMemoryThreshold = 20 << 10;
  static inline const ConfigOption<MemorySize> kFsSmallFileThreshold =
      ConfigOptions::key("state.storage.fs.memory-threshold")
          .memoryType()
          .defaultValue(MemorySize(kDefaultMemoryThreshold))
          .withDeprecatedKeys({"state.backend.fs.memory-threshold"})
          .withDescription(
              "The minimum size of state data files. All state chunks smaller than that are stored inline in the root "
              "checkpoint metadata file. The max memory threshold for this configuration is 1MB.");
  // The largest state.storage.fs.memory-threshold (Flink's MAX_FILE_STATE_THRESHOLD).
  static constexpr int64_t kMaxFileStateThreshold = 1 << 20;

  // state.checkpoints.dir, a URI or an absolute path. Default: none (required).
  std::string checkpoints_dir;
  // state.savepoints.dir. Default: none; a savepoint then needs an explicit target.
  std::string savepoints_dir;
  // execution.checkpointing.num-retained. Default: 1.
  int num_retained = 1;
  // state.storage.fs.memory-threshold in bytes: state chunks (a subtask's in-flight channel
  // data) up to this size stay inline in `_metadata`, larger ones get a file. Default: 20 kb.
  int64_t memory_threshold = kDefaultMemoryThreshold;

  // InvalidArgument when state.checkpoints.dir is missing or a value does not parse. A
  // num-retained below 1, or a memory threshold outside [0, 1 mb], is replaced by its
  // default with a warning, as Flink does.
  static Result<CheckpointStorageOptions> fromConfiguration(const Configuration& conf);
  // state.storage.fs.memory-threshold of `conf` in bytes; outside [0, 1 mb] the default, with
  // a warning (Flink's FileSystemCheckpointStorage).
  static Result<int64_t> memoryThresholdOf(const Configuration& conf);
};

}  // namespace eddy::checkpoint
