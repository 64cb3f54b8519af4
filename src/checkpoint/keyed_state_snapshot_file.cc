#include "eddy/checkpoint/keyed_state_snapshot_file.h"

#include <fmt/format.h>

#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"

namespace eddy::checkpoint {

Result<StreamStateHandle> writeKeyedStateSnapshot(const CheckpointStorageLocation& location,
                                                  CheckpointedStateScope scope,
                                                  const state::KeyedStateSnapshot& snapshot) {
  types::DataOutputSerializer out;
  snapshot.writeTo(out);
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<CheckpointStateOutputStream> stream,
                        location.createCheckpointStateOutputStream(scope));
  EDDY_RETURN_IF_ERROR(stream->write(out.data()));
  return stream->closeAndGetHandle();
}

Result<state::KeyedStateSnapshot> readKeyedStateSnapshot(FileSystem& fs, const StreamStateHandle& handle) {
  EDDY_ASSIGN_OR_RETURN(std::string bytes, readStateHandle(fs, handle));
  types::DataInputDeserializer in(bytes);
  Result<state::KeyedStateSnapshot> snapshot = state::KeyedStateSnapshot::readFrom(in);
  if (!snapshot.ok()) {
    return Corruption(fmt::format("state file '{}': {}", handle.path.toString(), snapshot.status().message()));
  }
  if (in.available() != 0) {
    return Corruption(fmt::format("state file '{}' has {} bytes after the keyed state snapshot",
                                  handle.path.toString(), in.available()));
  }
  return snapshot;
}

}  // namespace eddy::checkpoint
