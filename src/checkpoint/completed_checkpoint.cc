#include "eddy/checkpoint/completed_checkpoint.h"

#include "eddy/checkpoint/stream_state_handle.h"

namespace eddy::checkpoint {
namespace {

Status verifyHandles(FileSystem& fs, const std::vector<StreamStateHandle>& handles) {
  for (const StreamStateHandle& handle : handles) {
    EDDY_RETURN_IF_ERROR(readStateHandle(fs, handle).status());
  }
  return Status::OK();
}

}  // namespace

Result<CompletedCheckpoint> loadCompletedCheckpoint(FileSystem& fs, const Path& pointer) {
  EDDY_ASSIGN_OR_RETURN(FileStatus status, fs.getFileStatus(pointer));
  const Path dir = status.is_dir ? pointer : pointer.parent();
  const Path metadata_file = dir.child(kMetadataFileName);
  EDDY_ASSIGN_OR_RETURN(std::string bytes, fs.readFully(metadata_file));
  EDDY_ASSIGN_OR_RETURN(CheckpointMetadata metadata, CheckpointMetadataFormat::load(bytes, metadata_file));
  for (const OperatorState& op : metadata.operators) {
    for (const SubtaskState& subtask : op.subtasks) {
      EDDY_RETURN_IF_ERROR(verifyHandles(fs, subtask.keyed_state));
      EDDY_RETURN_IF_ERROR(verifyHandles(fs, subtask.operator_state));
    }
  }
  const int64_t checkpoint_id = metadata.checkpoint_id;
  return CompletedCheckpoint{{checkpoint_id, dir}, std::move(metadata)};
}

}  // namespace eddy::checkpoint
