#include "eddy/checkpoint/checkpoint_storage_options.h"

#include "eddy/common/logging.h"

namespace eddy::checkpoint {

Result<CheckpointStorageOptions> CheckpointStorageOptions::fromConfiguration(const Configuration& conf) {
  CheckpointStorageOptions options;
  EDDY_ASSIGN_OR_RETURN(std::optional<std::string> checkpoints_dir,
                        conf.getOptional(CheckpointingOptions::kCheckpointsDirectory));
  if (!checkpoints_dir || checkpoints_dir->empty()) {
    return InvalidArgument("no checkpoint directory: set 'state.checkpoints.dir'");
  }
  options.checkpoints_dir = std::move(*checkpoints_dir);
  EDDY_ASSIGN_OR_RETURN(std::optional<std::string> savepoints_dir,
                        conf.getOptional(CheckpointingOptions::kSavepointDirectory));
  options.savepoints_dir = savepoints_dir.value_or("");
  EDDY_ASSIGN_OR_RETURN(options.num_retained, conf.get(kMaxRetainedCheckpoints));
  if (options.num_retained < 1) {
    // Flink's DefaultCompletedCheckpointStoreUtils does the same.
    log::warn("The configured maximum number of checkpoints to retain {} is not valid; using the default of 1.",
              options.num_retained);
    options.num_retained = 1;
  }
  EDDY_ASSIGN_OR_RETURN(options.memory_threshold, memoryThresholdOf(conf));
  return options;
}

Result<int64_t> CheckpointStorageOptions::memoryThresholdOf(const Configuration& conf) {
  EDDY_ASSIGN_OR_RETURN(MemorySize threshold, conf.get(kFsSmallFileThreshold));
  if (threshold.getBytes() >= 0 && threshold.getBytes() <= kMaxFileStateThreshold) return threshold.getBytes();
  log::warn("Ignoring invalid file size threshold value ({}): {} - using default value {} instead.",
            kFsSmallFileThreshold.key(), threshold.toString(), MemorySize(kDefaultMemoryThreshold).toString());
  return kDefaultMemoryThreshold;
}

}  // namespace eddy::checkpoint
