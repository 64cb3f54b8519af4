#pragma once

#include <cstdint>

#include "eddy/checkpoint/checkpoint_metadata.h"
#include "eddy/common/file_system.h"
#include "eddy/common/result.h"

namespace eddy::checkpoint {

// The names of Flink's checkpoint layout (AbstractFsCheckpointStorageAccess):
//   <state.checkpoints.dir>/<job-id>/chk-<N>/_metadata   exclusive state of checkpoint N
//   <state.checkpoints.dir>/<job-id>/shared/             state shared between checkpoints
//   <state.checkpoints.dir>/<job-id>/taskowned/          state the tasks own
//   <state.savepoints.dir>/savepoint-<job id[0,6)>-<12 random hex>/_metadata
inline constexpr std::string_view kCheckpointDirPrefix = "chk-";
inline constexpr std::string_view kCheckpointSharedStateDir = "shared";
inline constexpr std::string_view kCheckpointTaskOwnedStateDir = "taskowned";
inline constexpr std::string_view kMetadataFileName = "_metadata";
// Where `_metadata` is written before it is renamed into place.
inline constexpr std::string_view kTempMetadataFileName = "._metadata_temp";

// Where a completed checkpoint or savepoint lives (Flink's
// CompletedCheckpointStorageLocation). A value type.
struct CompletedCheckpointStorageLocation {
  int64_t checkpoint_id = 0;
  Path external_pointer;  // the chk-N or savepoint-… directory

  Path metadataFile() const { return external_pointer.child(kMetadataFileName); }
  friend bool operator==(const CompletedCheckpointStorageLocation&,
                         const CompletedCheckpointStorageLocation&) = default;
};

// A checkpoint that can be restored: its location and its verified metadata.
struct CompletedCheckpoint {
  CompletedCheckpointStorageLocation location;
  CheckpointMetadata metadata;
};

// Reads the metadata of the checkpoint or savepoint at `pointer` (its directory or its
// `_metadata` file) and checks the size and checksum of every state file it names, so that a
// damaged checkpoint is found before a restore starts from it; input channel state kept in
// files is read back into the handles' `data`. Corruption naming the first damaged file.
Result<CompletedCheckpoint> loadCompletedCheckpoint(FileSystem& fs, const Path& pointer);

}  // namespace eddy::checkpoint
