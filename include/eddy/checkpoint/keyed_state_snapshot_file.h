#pragma once

#include "eddy/checkpoint/checkpoint_storage_location.h"
#include "eddy/checkpoint/stream_state_handle.h"
#include "eddy/common/file_system.h"
#include "eddy/common/result.h"
#include "eddy/state/keyed_state_snapshot.h"

namespace eddy::checkpoint {

// Writes `snapshot` (KeyedStateSnapshot::writeTo) to a new state file of `location`.
Result<StreamStateHandle> writeKeyedStateSnapshot(const CheckpointStorageLocation& location,
                                                  CheckpointedStateScope scope,
                                                  const state::KeyedStateSnapshot& snapshot);

// Reads back a snapshot written by writeKeyedStateSnapshot, verifying the file's checksum.
// Corruption naming the file when it is damaged or has bytes after the snapshot.
Result<state::KeyedStateSnapshot> readKeyedStateSnapshot(FileSystem& fs, const StreamStateHandle& handle);

}  // namespace eddy::checkpoint
