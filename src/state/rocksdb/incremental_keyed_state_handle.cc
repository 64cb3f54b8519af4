#include "eddy/state/rocksdb/incremental_keyed_state_handle.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "eddy/common/checksum.h"
#include "eddy/types/type_serializer.h"

namespace eddy::state {
namespace {

constexpr size_t kCopyChunk = 1 << 20;
// Set in a state's type byte when it holds TTL state (older handles never set it).
constexpr int8_t kTtlTypeBit = 0x40;

void writeFiles(const std::vector<RocksDBFileHandle>& files, types::DataOutputSerializer& out) {
  out.writeInt(static_cast<int32_t>(files.size()));
  for (const RocksDBFileHandle& file : files) {
    types::TypeSerializer<std::string>::serialize(file.file_name, out);
    types::TypeSerializer<std::string>::serialize(file.path.toString(), out);
    out.writeLong(file.size);
    out.writeInt(static_cast<int32_t>(file.checksum));
  }
}

Status readFiles(types::DataInputDeserializer& in, std::vector<RocksDBFileHandle>& files) {
  int32_t n = 0;
  EDDY_RETURN_IF_ERROR(in.readInt(n));
  if (n < 0) return Corruption("negative number of RocksDB files");
  for (int32_t i = 0; i < n; ++i) {
    RocksDBFileHandle file;
    std::string path;
    int32_t checksum = 0;
    EDDY_RETURN_IF_ERROR(types::TypeSerializer<std::string>::deserialize(in, file.file_name));
    EDDY_RETURN_IF_ERROR(types::TypeSerializer<std::string>::deserialize(in, path));
    EDDY_RETURN_IF_ERROR(in.readLong(file.size));
    EDDY_RETURN_IF_ERROR(in.readInt(checksum));
    EDDY_ASSIGN_OR_RETURN(file.path, Path::parse(path));
    file.checksum = static_cast<uint32_t>(checksum);
    files.push_back(std::move(file));
  }
  return Status::OK();
}

}  // namespace

void IncrementalRemoteKeyedStateHandle::writeTo(types::DataOutputSerializer& out) const {
  out.writeLong(checkpoint_id);
  types::TypeSerializer<std::string>::serialize(backend_identifier, out);
  out.writeInt(key_group_range.start);
  out.writeInt(key_group_range.end);
  out.writeInt(max_parallelism);
  out.writeInt(static_cast<int32_t>(states.size()));
  for (const auto& [name, type] : states) {
    types::TypeSerializer<std::string>::serialize(name, out);
    out.writeByte(static_cast<int8_t>(static_cast<int8_t>(type) | (ttl_states.contains(name) ? kTtlTypeBit : 0)));
  }
  writeFiles(shared_state, out);
  writeFiles(private_state, out);
  out.writeLong(checkpointed_size);
}

int64_t IncrementalRemoteKeyedStateHandle::stateSize() const {
  int64_t size = 0;
  for (const auto* files : {&shared_state, &private_state}) {
    for (const RocksDBFileHandle& file : *files) size += file.size;
  }
  return size;
}

Result<IncrementalRemoteKeyedStateHandle> IncrementalRemoteKeyedStateHandle::readFrom(types::DataInputDeserializer& in) {
  IncrementalRemoteKeyedStateHandle handle;
  EDDY_RETURN_IF_ERROR(in.readLong(handle.checkpoint_id));
  EDDY_RETURN_IF_ERROR(types::TypeSerializer<std::string>::deserialize(in, handle.backend_identifier));
  EDDY_RETURN_IF_ERROR(in.readInt(handle.key_group_range.start));
  EDDY_RETURN_IF_ERROR(in.readInt(handle.key_group_range.end));
  EDDY_RETURN_IF_ERROR(in.readInt(handle.max_parallelism));
  int32_t n = 0;
  EDDY_RETURN_IF_ERROR(in.readInt(n));
  if (n < 0) return Corruption("negative number of states");
  for (int32_t i = 0; i < n; ++i) {
    std::string name;
    int8_t type = 0;
    EDDY_RETURN_IF_ERROR(types::TypeSerializer<std::string>::deserialize(in, name));
    EDDY_RETURN_IF_ERROR(in.readByte(type));
    if (type & kTtlTypeBit) {
      handle.ttl_states.insert(name);
      type = static_cast<int8_t>(type & ~kTtlTypeBit);
    }
    if (type < 0 || type > static_cast<int8_t>(StateType::kAggregating)) return Corruption("unknown state type");
    handle.states.emplace_back(std::move(name), static_cast<StateType>(type));
  }
  EDDY_RETURN_IF_ERROR(readFiles(in, handle.shared_state));
  EDDY_RETURN_IF_ERROR(readFiles(in, handle.private_state));
  EDDY_RETURN_IF_ERROR(in.readLong(handle.checkpointed_size));
  return handle;
}

std::string sharedFileName(const std::string& backend_identifier, int64_t checkpoint_id, const std::string& file_name) {
  return fmt::format("{}-{}-{}", backend_identifier, checkpoint_id, file_name);
}

Status IncrementalRemoteKeyedStateHandle::discardUploadedState(FileSystem& fs) const {
  Status first_error = Status::OK();
  auto remove = [&](const Path& path) {
    Status status = fs.remove(path, false);
    if (!status.ok() && first_error.ok()) first_error = status;
  };
  const std::string uploaded_prefix = sharedFileName(backend_identifier, checkpoint_id, "");
  for (const RocksDBFileHandle& file : shared_state) {
    if (file.path.getName().starts_with(uploaded_prefix)) remove(file.path);
  }
  for (const RocksDBFileHandle& file : private_state) remove(file.path);
  return first_error;
}

namespace {

// Whether `path` is on this machine's disk, where a file can be hard-linked instead of copied.
bool isLocalPath(FileSystem& fs, const Path& path) {
  return dynamic_cast<LocalFileSystem*>(&fs) && (path.scheme().empty() || path.scheme() == "file");
}

// Reads the local file `local_path` into `out` when there is one, recording its size and
// CRC32C in `handle`.
Status readLocalFile(const std::string& local_path, FSDataOutputStream* out, RocksDBFileHandle& handle) {
  std::ifstream in(local_path, std::ios::binary);
  if (!in) return IOError(fmt::format("Could not read {}", local_path));
  std::string chunk(kCopyChunk, '\0');
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    std::string_view bytes(chunk.data(), static_cast<size_t>(in.gcount()));
    if (bytes.empty()) break;
    if (out) EDDY_RETURN_IF_ERROR(out->write(bytes));
    handle.checksum = crc32c::extend(handle.checksum, bytes);
    handle.size += static_cast<int64_t>(bytes.size());
  }
  if (in.bad()) return IOError(fmt::format("Could not read {}", local_path));
  return Status::OK();
}

RocksDBFileHandle fileHandle(const std::string& local_path, const Path& target) {
  RocksDBFileHandle handle;
  handle.file_name = std::filesystem::path(local_path).filename().string();
  handle.path = target;
  return handle;
}

// Copies the local file `local_path` to `target` (which must not exist), computing its size
// and CRC32C on the way.
Result<RocksDBFileHandle> copyToCheckpointFs(FileSystem& fs, const std::string& local_path, const Path& target) {
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<FSDataOutputStream> out, fs.create(target, WriteMode::kNoOverwrite));
  RocksDBFileHandle handle = fileHandle(local_path, target);
  Status status = readLocalFile(local_path, out.get(), handle);
  if (status.ok()) status = out->sync();
  if (status.ok()) status = out->close();
  if (status.ok()) return handle;
  out.reset();
  (void)fs.remove(target, false);  // the first error is the one worth reporting
  return status;
}

}  // namespace

Result<RocksDBFileHandle> uploadCheckpointFile(FileSystem& fs, const std::string& local_path, const Path& target,
                                               std::optional<RocksDBStateStore::SstFileChecksum> known) {
  if (!isLocalPath(fs, target)) return copyToCheckpointFs(fs, local_path, target);
  std::error_code error;
  std::filesystem::create_hard_link(local_path, target.path(), error);
  if (error) return copyToCheckpointFs(fs, local_path, target);
  RocksDBFileHandle handle = fileHandle(local_path, target);
  const int64_t size = static_cast<int64_t>(std::filesystem::file_size(local_path, error));
  if (!error && known && known->size == size) {
    handle.size = known->size;
    handle.checksum = known->crc32c;
    return handle;
  }
  Status status = readLocalFile(local_path, nullptr, handle);
  if (status.ok()) return handle;
  (void)fs.remove(target, false);  // the first error is the one worth reporting
  return status;
}

Status syncLinkedFiles(FileSystem& fs, const Path& dir) {
  if (!isLocalPath(fs, dir)) return Status::OK();
  const int fd = ::open(dir.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IOError(fmt::format("Could not open {}: {}", dir.toString(), std::strerror(errno)));
  const int rc = ::fsync(fd);
  const int sync_error = errno;
  ::close(fd);
  if (rc != 0) return IOError(fmt::format("Could not sync {}: {}", dir.toString(), std::strerror(sync_error)));
  return Status::OK();
}

namespace {

// Streams the file of `file` through crc32c, into `out` when there is one; Corruption when its
// size or checksum is not the recorded one.
Status readVerified(FileSystem& fs, const RocksDBFileHandle& file, std::ofstream* out) {
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<FSDataInputStream> in, fs.open(file.path));
  std::string chunk(kCopyChunk, '\0');
  uint32_t checksum = 0;
  int64_t size = 0;
  while (true) {
    EDDY_ASSIGN_OR_RETURN(size_t n, in->read(chunk.data(), chunk.size()));
    if (n == 0) break;
    const std::string_view bytes(chunk.data(), n);
    checksum = crc32c::extend(checksum, bytes);
    size += static_cast<int64_t>(n);
    if (out) out->write(bytes.data(), static_cast<std::streamsize>(n));
  }
  if (size != file.size) {
    return Corruption(fmt::format("state file '{}' has {} bytes, expected {}", file.path.toString(), size, file.size));
  }
  if (checksum != file.checksum) {
    return Corruption(fmt::format("state file '{}' has checksum {:08x}, expected {:08x}", file.path.toString(),
                                  checksum, file.checksum));
  }
  return Status::OK();
}

}  // namespace

Status downloadRocksDBFiles(FileSystem& fs, const IncrementalRemoteKeyedStateHandle& handle, const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return IOError(fmt::format("Could not create {}: {}", dir, error.message()));
  for (const auto* files : {&handle.shared_state, &handle.private_state}) {
    for (const RocksDBFileHandle& file : *files) {
      const std::string target = dir + "/" + file.file_name;
      // RocksDB never changes an SST file it wrote, and removing the database's name for a
      // linked file leaves the checkpoint's: a verified local SST file is linked (unless it is
      // on another device), which makes restoring large state a matter of metadata. The
      // private files (MANIFEST, CURRENT, OPTIONS) are small and copied.
      if (files == &handle.shared_state && isLocalPath(fs, file.path)) {
        EDDY_RETURN_IF_ERROR(readVerified(fs, file, nullptr));
        std::filesystem::create_hard_link(file.path.path(), target, error);
        if (!error) continue;
      }
      std::ofstream out(target, std::ios::binary | std::ios::trunc);
      EDDY_RETURN_IF_ERROR(readVerified(fs, file, &out));
      if (!out.good()) return IOError(fmt::format("Could not write {}", target));
    }
  }
  return Status::OK();
}

}  // namespace eddy::state
