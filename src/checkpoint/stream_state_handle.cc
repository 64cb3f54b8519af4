#include "eddy/checkpoint/stream_state_handle.h"

#include <fmt/format.h>

#include "eddy/common/checksum.h"

namespace eddy::checkpoint {

Result<std::string> readStateHandle(FileSystem& fs, const StreamStateHandle& handle) {
  EDDY_ASSIGN_OR_RETURN(std::string bytes, fs.readFully(handle.path));
  if (static_cast<int64_t>(bytes.size()) != handle.size) {
    return Corruption(fmt::format("state file '{}' has {} bytes, expected {}", handle.path.toString(), bytes.size(),
                                  handle.size));
  }
  const uint32_t checksum = crc32c::value(bytes);
  if (checksum != handle.checksum) {
    return Corruption(fmt::format("state file '{}' has checksum {:08x}, expected {:08x}", handle.path.toString(),
                                  checksum, handle.checksum));
  }
  return bytes;
}

}  // namespace eddy::checkpoint
