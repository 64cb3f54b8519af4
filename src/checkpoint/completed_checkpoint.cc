#include "eddy/checkpoint/completed_checkpoint.h"

#include <fmt/format.h>

#include "eddy/checkpoint/channel_state_file.h"
#include "eddy/checkpoint/stream_state_handle.h"

namespace eddy::checkpoint {
namespace {

Status verifyHandles(FileSystem& fs, const std::vector<StreamStateHandle>& handles) {
  for (const StreamStateHandle& handle : handles) {
    EDDY_RETURN_IF_ERROR(readStateHandle(fs, handle).status());
  }
  return Status::OK();
}

// The files of an incremental handle are checked by size here and by checksum when they
// are downloaded: reading every shared file of every retained checkpoint on each restore
// would cost as much as a full checkpoint.
Status verifyIncrementalHandles(FileSystem& fs, const std::vector<state::IncrementalRemoteKeyedStateHandle>& handles) {
  for (const state::IncrementalRemoteKeyedStateHandle& handle : handles) {
    for (const auto* files : {&handle.shared_state, &handle.private_state}) {
      for (const state::RocksDBFileHandle& file : *files) {
        Result<FileStatus> status = fs.getFileStatus(file.path);
        if (!status.ok()) {
          return Corruption(fmt::format("state file '{}' is missing: {}", file.path.toString(),
                                        status.status().message()));
        }
        if (status->length != file.size) {
          return Corruption(fmt::format("state file '{}' has {} bytes, expected {}", file.path.toString(),
                                        status->length, file.size));
        }
      }
    }
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
  for (OperatorState& op : metadata.operators) {
    for (SubtaskState& subtask : op.subtasks) {
      EDDY_RETURN_IF_ERROR(verifyHandles(fs, subtask.keyed_state));
      EDDY_RETURN_IF_ERROR(verifyHandles(fs, subtask.operator_state));
      EDDY_RETURN_IF_ERROR(verifyIncrementalHandles(fs, subtask.incremental_keyed_state));
      EDDY_RETURN_IF_ERROR(readInputChannelState(fs, subtask.input_channel_state));
    }
  }
  const int64_t checkpoint_id = metadata.checkpoint_id;
  return CompletedCheckpoint{{checkpoint_id, dir}, std::move(metadata)};
}

}  // namespace eddy::checkpoint
