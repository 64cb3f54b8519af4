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

  // state.checkpoints.dir, a URI or an absolute path. Default: none (required).
  std::string checkpoints_dir;
  // state.savepoints.dir. Default: none; a savepoint then needs an explicit target.
  std::string savepoints_dir;
  // execution.checkpointing.num-retained. Default: 1.
  int num_retained = 1;

  // InvalidArgument when state.checkpoints.dir is missing or a value does not parse. A
  // num-retained below 1 is replaced by 1 with a warning, as Flink does.
  static Result<CheckpointStorageOptions> fromConfiguration(const Configuration& conf);
};

}  // namespace eddy::checkpoint
