#include "runtime/checkpoint_persistence.h"

#include "eddy/checkpoint/channel_state_file.h"
#include "eddy/checkpoint/checkpoint_storage_options.h"
#include "eddy/checkpoint/keyed_state_snapshot_file.h"
#include "eddy/common/logging.h"
#include "eddy/types/type_serializer.h"

namespace eddy::runtime {

CheckpointPersistence::CheckpointPersistence(std::unique_ptr<checkpoint::FsCheckpointStorageAccess> access,
                                             int num_retained, int64_t memory_threshold)
    : access_(std::move(access)),
      store_(access_->fileSystem(), access_->getCheckpointsDirectory(), num_retained),
      memory_threshold_(memory_threshold) {}

Result<std::unique_ptr<CheckpointPersistence>> CheckpointPersistence::create(const std::string& checkpoints_dir,
                                                                            int num_retained,
                                                                            const std::string& job_id,
                                                                            int64_t memory_threshold) {
  checkpoint::CheckpointStorageOptions options;
  options.checkpoints_dir = checkpoints_dir;
  options.num_retained = num_retained;
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<checkpoint::FsCheckpointStorageAccess> access,
                        checkpoint::FsCheckpointStorageAccess::create(options, job_id));
  EDDY_RETURN_IF_ERROR(access->initializeBaseLocations());
  return std::make_unique<CheckpointPersistence>(std::move(access), num_retained, memory_threshold);
}

namespace {

// Writes the state files of `completed` into `location`, then its `_metadata`; channel
// state above `memory_threshold` bytes per subtask goes into a file.
Result<checkpoint::CompletedCheckpointStorageLocation> writeCheckpoint(const checkpoint::CheckpointStorageLocation& location,
                                                                       const CompletedCheckpoint& completed,
                                                                       bool is_savepoint, int64_t memory_threshold) {
  checkpoint::CheckpointMetadata metadata;
  metadata.is_savepoint = is_savepoint;
  metadata.checkpoint_id = completed.checkpoint_id;
  metadata.timestamp = completed.timestamp;
  for (const auto& [uid, op] : completed.operators) {
    checkpoint::OperatorState out{uid, op.parallelism, op.max_parallelism, {}};
    for (const auto& [subtask, state] : op.subtasks) {
      checkpoint::SubtaskState part;
      part.subtask = subtask;
      if (state.keyed) {
        EDDY_ASSIGN_OR_RETURN(checkpoint::StreamStateHandle handle,
                              checkpoint::writeKeyedStateSnapshot(location, checkpoint::CheckpointedStateScope::kExclusive,
                                                                  *state.keyed));
        part.keyed_state.push_back(std::move(handle));
      }
      part.incremental_keyed_state = state.incremental_keyed;
      part.inline_operator_state = types::serializeToBytes(state.operator_state);
      part.managed_operator_state = state.managed_operator_state;
      std::vector<checkpoint::InputChannelStateHandle> channels;
      for (const InputChannelState& channel : state.input_channel_state) {
        channels.push_back(checkpoint::InputChannelStateHandle{channel.input, channel.channel, channel.data});
      }
      EDDY_ASSIGN_OR_RETURN(part.input_channel_state,
                            checkpoint::writeInputChannelState(location, memory_threshold, std::move(channels)));
      out.subtasks.push_back(std::move(part));
    }
    metadata.operators.push_back(std::move(out));
  }
  return location.finalizeCheckpoint(metadata);
}

}  // namespace

Result<checkpoint::CompletedCheckpointStorageLocation> CheckpointPersistence::persist(
    const CompletedCheckpoint& completed) {
  EDDY_ASSIGN_OR_RETURN(checkpoint::CheckpointStorageLocation location,
                        access_->initializeLocationForCheckpoint(completed.checkpoint_id));
  EDDY_ASSIGN_OR_RETURN(checkpoint::CompletedCheckpointStorageLocation stored,
                        writeCheckpoint(location, completed, false, memory_threshold_));
  EDDY_RETURN_IF_ERROR(store_.addCheckpointAndSubsumeOldestOne(stored));
  return stored;
}

Status CheckpointPersistence::discardAbortedState(int64_t checkpoint_id,
                                                 const std::vector<OperatorSubtaskState>& states) const {
  FileSystem& fs = *access_->fileSystem();
  Status first_error = Status::OK();
  for (const OperatorSubtaskState& state : states) {
    for (const state::IncrementalRemoteKeyedStateHandle& handle : state.incremental_keyed) {
      if (handle.checkpoint_id != checkpoint_id) continue;
      Status status = handle.discardUploadedState(fs);
      if (!status.ok() && first_error.ok()) first_error = status;
    }
  }
  return first_error;
}

Result<Path> writeSavepoint(const CompletedCheckpoint& savepoint, const std::string& job_id,
                            const std::string& target_dir, const std::string& default_dir) {
  const std::string& dir = target_dir.empty() ? default_dir : target_dir;
  if (dir.empty()) return InvalidArgument("No savepoint location given and no default location configured.");
  EDDY_ASSIGN_OR_RETURN(Path base, Path::parse(dir));
  EDDY_ASSIGN_OR_RETURN(std::shared_ptr<FileSystem> fs, FileSystem::get(base));
  // Only the savepoint location is used: no checkpoint directories are created.
  checkpoint::FsCheckpointStorageAccess access(fs, base, base, job_id);
  EDDY_ASSIGN_OR_RETURN(checkpoint::CheckpointStorageLocation location,
                        access.initializeLocationForSavepoint(savepoint.checkpoint_id, base));
  // Savepoints are aligned: no channel state, so no threshold to apply.
  EDDY_ASSIGN_OR_RETURN(
      checkpoint::CompletedCheckpointStorageLocation stored,
      writeCheckpoint(location, savepoint, true, checkpoint::CheckpointStorageOptions::kDefaultMemoryThreshold));
  return stored.external_pointer;
}

namespace {

bool discardsOn(ExternalizedCheckpointRetention retention, JobStatus status) {
  switch (status) {
    case JobStatus::kRunning: return false;
    case JobStatus::kFinished: return true;
    case JobStatus::kCanceled: return retention != ExternalizedCheckpointRetention::RETAIN_ON_CANCELLATION;
    case JobStatus::kFailed: return retention == ExternalizedCheckpointRetention::NO_EXTERNALIZED_CHECKPOINTS;
  }
  return false;
}

}  // namespace

Status discardCheckpointsOnShutdown(const CheckpointConfig& config, const std::string& job_id, JobStatus status) {
  if (config.checkpoints_dir.empty() || !discardsOn(config.externalized_retention, status)) return Status::OK();
  EDDY_ASSIGN_OR_RETURN(Path base, Path::parse(config.checkpoints_dir));
  EDDY_ASSIGN_OR_RETURN(std::shared_ptr<FileSystem> fs, FileSystem::get(base));
  const Path job_dir = base.child(job_id);
  EDDY_ASSIGN_OR_RETURN(bool exists, fs->exists(job_dir));
  if (!exists) return Status::OK();
  log::info("Deleting the checkpoints of job {} ({}) at {}.", job_id, jobStatusName(status), job_dir.toString());
  return fs->remove(job_dir, true);
}

Result<std::shared_ptr<const CompletedCheckpoint>> loadCheckpoint(const std::string& pointer) {
  EDDY_ASSIGN_OR_RETURN(Path path, Path::parse(pointer));
  EDDY_ASSIGN_OR_RETURN(std::shared_ptr<FileSystem> fs, FileSystem::get(path));
  EDDY_ASSIGN_OR_RETURN(checkpoint::CompletedCheckpoint loaded, checkpoint::loadCompletedCheckpoint(*fs, path));
  auto out = std::make_shared<CompletedCheckpoint>();
  out->external_pointer = pointer;
  out->checkpoint_id = loaded.metadata.checkpoint_id;
  out->timestamp = loaded.metadata.timestamp;
  for (const checkpoint::OperatorState& op : loaded.metadata.operators) {
    OperatorState& state = out->operators[op.uid];
    state.parallelism = op.parallelism;
    state.max_parallelism = op.max_parallelism;
    for (const checkpoint::SubtaskState& part : op.subtasks) {
      OperatorSubtaskState& subtask = state.subtasks[part.subtask];
      for (const checkpoint::StreamStateHandle& handle : part.keyed_state) {
        EDDY_ASSIGN_OR_RETURN(state::KeyedStateSnapshot keyed, checkpoint::readKeyedStateSnapshot(*fs, handle));
        if (subtask.keyed) {
          subtask.keyed->merge(keyed);
        } else {
          subtask.keyed = std::move(keyed);
        }
      }
      subtask.incremental_keyed = part.incremental_keyed_state;
      EDDY_ASSIGN_OR_RETURN(subtask.operator_state,
                            types::deserializeFromBytes<std::vector<std::string>>(part.inline_operator_state));
      subtask.managed_operator_state = part.managed_operator_state;
      for (const checkpoint::InputChannelStateHandle& channel : part.input_channel_state) {
        subtask.input_channel_state.push_back(InputChannelState{channel.input, channel.channel, channel.data});
      }
    }
  }
  return std::shared_ptr<const CompletedCheckpoint>(std::move(out));
}

}  // namespace eddy::runtime
