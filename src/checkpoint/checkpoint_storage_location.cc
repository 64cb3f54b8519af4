#include "eddy/checkpoint/checkpoint_storage_location.h"

#include <fmt/format.h>

#include "checkpoint/random_names.h"
#include "eddy/common/check.h"

namespace eddy::checkpoint {

CheckpointStorageLocation::CheckpointStorageLocation(std::shared_ptr<FileSystem> fs, int64_t checkpoint_id,
                                                     Path checkpoint_dir, Path shared_state_dir,
                                                     Path task_owned_state_dir)
    : fs_(std::move(fs)),
      checkpoint_id_(checkpoint_id),
      checkpoint_dir_(std::move(checkpoint_dir)),
      shared_state_dir_(std::move(shared_state_dir)),
      task_owned_state_dir_(std::move(task_owned_state_dir)) {}

Result<std::unique_ptr<CheckpointStateOutputStream>> CheckpointStorageLocation::createCheckpointStateOutputStream(
    CheckpointedStateScope scope) const {
  return createStream(scope == CheckpointedStateScope::kExclusive ? checkpoint_dir_ : shared_state_dir_);
}

Result<std::unique_ptr<CheckpointStateOutputStream>> CheckpointStorageLocation::createTaskOwnedStateOutputStream()
    const {
  return createStream(task_owned_state_dir_);
}

Result<std::unique_ptr<CheckpointStateOutputStream>> CheckpointStorageLocation::createStream(const Path& dir) const {
  Path path = dir.child(randomUuid());
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<FSDataOutputStream> out, fs_->create(path, WriteMode::kNoOverwrite));
  return std::make_unique<CheckpointStateOutputStream>(fs_, std::move(path), std::move(out));
}

Result<CompletedCheckpointStorageLocation> CheckpointStorageLocation::finalizeCheckpoint(
    const CheckpointMetadata& metadata) const {
  EDDY_CHECK_EQ(metadata.checkpoint_id, checkpoint_id_);
  const Path metadata_file = checkpoint_dir_.child(kMetadataFileName);
  EDDY_ASSIGN_OR_RETURN(bool exists, fs_->exists(metadata_file));
  if (exists) return AlreadyExists(fmt::format("checkpoint metadata file '{}' already exists", metadata_file.toString()));

  // Written under a temporary name and renamed once durable: a crash at any point leaves
  // either no `_metadata` or a complete one, never a partial one taken for a checkpoint.
  const Path temp_file = checkpoint_dir_.child(kTempMetadataFileName);
  const std::string bytes = CheckpointMetadataFormat::store(metadata, checkpoint_dir_);
  {
    EDDY_ASSIGN_OR_RETURN(std::unique_ptr<FSDataOutputStream> out, fs_->create(temp_file, WriteMode::kOverwrite));
    EDDY_RETURN_IF_ERROR(out->write(bytes));
    EDDY_RETURN_IF_ERROR(out->sync());
    EDDY_RETURN_IF_ERROR(out->close());
  }
  EDDY_RETURN_IF_ERROR(fs_->rename(temp_file, metadata_file));
  return CompletedCheckpointStorageLocation{checkpoint_id_, checkpoint_dir_};
}

Status CheckpointStorageLocation::disposeOnFailure() const { return fs_->remove(checkpoint_dir_, true); }

}  // namespace eddy::checkpoint
