#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "eddy/common/file_system.h"
#include "eddy/common/result.h"
#include "eddy/state/key_group_range.h"
#include "eddy/state/rocksdb/rocksdb_state_store.h"
#include "eddy/state/state_descriptor.h"
#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"

namespace eddy::state {

// One file of a RocksDB checkpoint in checkpoint storage: its name in the RocksDB
// directory (000012.sst, MANIFEST-000005, …), where it was uploaded, and its size and
// CRC32C as the rest of the checkpoint layer records them. A value type.
struct RocksDBFileHandle {
  std::string file_name;
  Path path;
  int64_t size = 0;
  uint32_t checksum = 0;
  bool operator==(const RocksDBFileHandle&) const = default;
};

// The keyed state of one operator instance in an incremental RocksDB checkpoint (Flink's
// IncrementalRemoteKeyedStateHandle): the SST files, in the job's shared/ directory and
// possibly uploaded by an earlier checkpoint, and the other files of the RocksDB checkpoint
// (manifest, CURRENT, OPTIONS), in the checkpoint's own directory. Restoring at the same
// key groups opens these files as they are; another range reads their key groups out.
struct IncrementalRemoteKeyedStateHandle {
  int64_t checkpoint_id = 0;
  std::string backend_identifier;  // the instance that took it
  KeyGroupRange key_group_range;
  int max_parallelism = 0;
  // The column families, one per state, and which of them hold TTL state (TtlValue bytes).
  std::vector<std::pair<std::string, StateType>> states;
  std::set<std::string> ttl_states;
  std::vector<RocksDBFileHandle> shared_state;
  std::vector<RocksDBFileHandle> private_state;
  // Bytes this checkpoint uploaded (Flink's checkpointed size); the rest of stateSize() was
  // uploaded by earlier checkpoints.
  int64_t checkpointed_size = 0;

  // Bytes of every file the handle refers to (Flink's state size: a full checkpoint's).
  int64_t stateSize() const;

  // Bytes of this handle, to embed in checkpoint metadata; readFrom reads them back
  // (Corruption if truncated).
  void writeTo(types::DataOutputSerializer& out) const;
  static Result<IncrementalRemoteKeyedStateHandle> readFrom(types::DataInputDeserializer& in);
  // Deletes the files this checkpoint uploaded: its private files and the shared files named
  // for it (sharedFileName), not those it refers to from earlier checkpoints. For a
  // checkpoint that will not complete (Flink's discardState of a handle never registered).
  // Returns the first error, after trying every file.
  Status discardUploadedState(FileSystem& fs) const;
  bool operator==(const IncrementalRemoteKeyedStateHandle&) const = default;
};

// The name in shared/ of the SST file `file_name` uploaded by checkpoint `checkpoint_id` of
// the backend `backend_identifier`: the checkpoint id keeps two uploads of one file apart,
// as Flink's random names do.
std::string sharedFileName(const std::string& backend_identifier, int64_t checkpoint_id, const std::string& file_name);

// Uploads `local_path`, a file of a local RocksDB checkpoint (which nothing changes any
// more), to `target` (which must not exist). On the local file system it is hard-linked, and
// its size and CRC32C are `known` (what RocksDB computed while writing an SST file) or read
// from it; elsewhere, or when the link fails (another device), it is copied, its size and
// CRC32C computed on the way. A link is durable once syncLinkedFiles() synced its directory.
Result<RocksDBFileHandle> uploadCheckpointFile(FileSystem& fs, const std::string& local_path, const Path& target,
                                               std::optional<RocksDBStateStore::SstFileChecksum> known);
// Makes the links uploadCheckpointFile made in `dir` durable (an fsync of the directory on the
// local file system; nothing elsewhere).
Status syncLinkedFiles(FileSystem& fs, const Path& dir);

// Downloads every file of `handle` into the local directory `dir` (created), verifying
// each file's size and CRC32C: Corruption naming the first damaged file.
Status downloadRocksDBFiles(FileSystem& fs, const IncrementalRemoteKeyedStateHandle& handle, const std::string& dir);

}  // namespace eddy::state
