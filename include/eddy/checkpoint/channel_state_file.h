#pragma once

#include <cstdint>
#include <vector>

#include "eddy/checkpoint/checkpoint_metadata.h"
#include "eddy/checkpoint/checkpoint_storage_location.h"
#include "eddy/common/file_system.h"
#include "eddy/common/result.h"

namespace eddy::checkpoint {

// The in-flight data of one subtask's input channels in checkpoint storage, as Flink's
// ChannelStateCheckpointWriter writes it through the checkpoint stream factory: all channels
// of the subtask in one state file of the checkpoint's own directory (chk-N/), each channel
// a range of it, with the file's size and CRC32C in every handle; or, when they add up to no
// more than `memory_threshold` bytes (state.storage.fs.memory-threshold), inline in
// `_metadata`, as Flink's FsCheckpointStateOutputStream returns a ByteStreamStateHandle.
// Free functions; thread-safe.

// Writes `channels` (inline data) into `location` as described above; returns the handles
// to put in the metadata, in the same order.
Result<std::vector<InputChannelStateHandle>> writeInputChannelState(const CheckpointStorageLocation& location,
                                                                    int64_t memory_threshold,
                                                                    std::vector<InputChannelStateHandle> channels);

// Reads the ranges of the channels kept in files back into their `data`, reading each file
// once and verifying its size and CRC32C: Corruption naming the file when it is damaged,
// NotFound when it is gone.
Status readInputChannelState(FileSystem& fs, std::vector<InputChannelStateHandle>& channels);

}  // namespace eddy::checkpoint
