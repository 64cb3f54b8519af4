#pragma once

#include <cstdint>
#include <string>

#include "eddy/common/file_system.h"
#include "eddy/common/result.h"

namespace eddy::checkpoint {

// A state file of a checkpoint (Flink's StreamStateHandle / FileStateHandle): where it is,
// how many bytes it has and their CRC32C, recorded when the file was closed so that a reader
// can tell a damaged file from a good one. A value type.
struct StreamStateHandle {
  Path path;
  int64_t size = 0;
  uint32_t checksum = 0;

  friend bool operator==(const StreamStateHandle&, const StreamStateHandle&) = default;
};

// The bytes of the state file behind `handle`, after checking their size and CRC32C.
// Corruption naming the file when either differs from the handle; NotFound if it is gone.
Result<std::string> readStateHandle(FileSystem& fs, const StreamStateHandle& handle);

}  // namespace eddy::checkpoint
