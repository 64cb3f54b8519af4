#include <fmt/format.h>

#include <algorithm>

#include "eddy/checkpoint/checkpoint_metadata.h"
#include "eddy/common/check.h"
#include "eddy/common/checksum.h"
#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"

namespace eddy::checkpoint {
namespace {

using types::DataInputDeserializer;
using types::DataOutputSerializer;

// How a state file's path is stored: relative to the metadata's directory when the file is
// inside it, absolute otherwise (shared state of earlier checkpoints).
enum class HandleKind : int8_t { kAbsolute = 0, kRelative = 1 };

// magic + version + body length, and the CRC32C after the body.
constexpr size_t kHeaderSize = 4 + 4 + 8;
constexpr size_t kFooterSize = 4;

void writeString(DataOutputSerializer& out, std::string_view s) {
  out.writeInt(static_cast<int32_t>(s.size()));
  out.write(s);
}

void writeHandle(DataOutputSerializer& out, const StreamStateHandle& handle, const Path& checkpoint_dir) {
  const std::string path = handle.path.toString();
  const std::string prefix = checkpoint_dir.toString() + "/";
  if (path.starts_with(prefix)) {
    out.writeByte(static_cast<int8_t>(HandleKind::kRelative));
    writeString(out, std::string_view(path).substr(prefix.size()));
  } else {
    out.writeByte(static_cast<int8_t>(HandleKind::kAbsolute));
    writeString(out, path);
  }
  out.writeLong(handle.size);
  out.writeInt(static_cast<int32_t>(handle.checksum));
}

void writeHandles(DataOutputSerializer& out, const std::vector<StreamStateHandle>& handles, const Path& dir) {
  out.writeInt(static_cast<int32_t>(handles.size()));
  for (const StreamStateHandle& handle : handles) writeHandle(out, handle, dir);
}

// A count or length read from the file; Corruption when it cannot be right, so that a bad
// value never turns into a huge allocation.
Status readCount(DataInputDeserializer& in, int32_t& n) {
  EDDY_RETURN_IF_ERROR(in.readInt(n));
  if (n < 0 || static_cast<size_t>(n) > in.available()) {
    return Corruption(fmt::format("count {} at offset {} is out of range", n, in.position() - 4));
  }
  return Status::OK();
}

Status readString(DataInputDeserializer& in, std::string& s) {
  int32_t n = 0;
  EDDY_RETURN_IF_ERROR(readCount(in, n));
  return in.readFully(static_cast<size_t>(n), s);
}

// Whether Path::child accepts `path`: parts separated by single '/', none "." or "..".
bool isPlainRelativePath(std::string_view path) {
  size_t pos = 0;
  while (pos <= path.size()) {
    const size_t end = std::min(path.find('/', pos), path.size());
    const std::string_view part = path.substr(pos, end - pos);
    if (part.empty() || part == "." || part == "..") return false;
    pos = end + 1;
  }
  return true;
}

Status readHandle(DataInputDeserializer& in, const Path& metadata_dir, StreamStateHandle& handle) {
  int8_t kind = 0;
  EDDY_RETURN_IF_ERROR(in.readByte(kind));
  std::string path;
  EDDY_RETURN_IF_ERROR(readString(in, path));
  if (kind == static_cast<int8_t>(HandleKind::kRelative)) {
    if (!isPlainRelativePath(path)) return Corruption(fmt::format("bad relative path '{}'", path));
    handle.path = metadata_dir.child(path);
  } else if (kind == static_cast<int8_t>(HandleKind::kAbsolute)) {
    EDDY_ASSIGN_OR_RETURN(handle.path, Path::parse(path));
  } else {
    return Corruption(fmt::format("unknown state handle kind {}", kind));
  }
  int32_t checksum = 0;
  EDDY_RETURN_IF_ERROR(in.readLong(handle.size));
  EDDY_RETURN_IF_ERROR(in.readInt(checksum));
  handle.checksum = static_cast<uint32_t>(checksum);
  return Status::OK();
}

Status readHandles(DataInputDeserializer& in, const Path& dir, std::vector<StreamStateHandle>& handles) {
  int32_t n = 0;
  EDDY_RETURN_IF_ERROR(readCount(in, n));
  handles.resize(static_cast<size_t>(n));
  for (StreamStateHandle& handle : handles) EDDY_RETURN_IF_ERROR(readHandle(in, dir, handle));
  return Status::OK();
}

Status readIncrementalHandles(DataInputDeserializer& in, std::vector<state::IncrementalRemoteKeyedStateHandle>& handles) {
  int32_t n = 0;
  EDDY_RETURN_IF_ERROR(readCount(in, n));
  for (int32_t i = 0; i < n; ++i) {
    EDDY_ASSIGN_OR_RETURN(state::IncrementalRemoteKeyedStateHandle handle,
                          state::IncrementalRemoteKeyedStateHandle::readFrom(in));
    handles.push_back(std::move(handle));
  }
  return Status::OK();
}

Status readManagedOperatorState(DataInputDeserializer& in, std::vector<state::OperatorStateSnapshot>& states) {
  int32_t n = 0;
  EDDY_RETURN_IF_ERROR(readCount(in, n));
  for (int32_t i = 0; i < n; ++i) {
    EDDY_ASSIGN_OR_RETURN(state::OperatorStateSnapshot named, state::OperatorStateSnapshot::readFrom(in));
    states.push_back(std::move(named));
  }
  return Status::OK();
}

// Where a channel's in-flight data is (version 5 on; before, always inline).
enum class ChannelStateKind : int8_t { kInline = 0, kInFile = 1 };

void writeChannelStateHandle(DataOutputSerializer& out, const InputChannelStateHandle& channel, const Path& dir,
                             int32_t version) {
  out.writeInt(channel.input);
  out.writeInt(channel.channel);
  if (version < 5) {
    EDDY_CHECK(!channel.file);
    writeString(out, channel.data);
    return;
  }
  if (!channel.file) {
    out.writeByte(static_cast<int8_t>(ChannelStateKind::kInline));
    writeString(out, channel.data);
    return;
  }
  out.writeByte(static_cast<int8_t>(ChannelStateKind::kInFile));
  writeHandle(out, *channel.file, dir);
  out.writeLong(channel.offset);
  out.writeLong(channel.size);
}

Status readChannelStateHandles(DataInputDeserializer& in, const Path& dir, int32_t version,
                               std::vector<InputChannelStateHandle>& channels) {
  int32_t n = 0;
  EDDY_RETURN_IF_ERROR(readCount(in, n));
  channels.resize(static_cast<size_t>(n));
  for (InputChannelStateHandle& channel : channels) {
    EDDY_RETURN_IF_ERROR(in.readInt(channel.input));
    EDDY_RETURN_IF_ERROR(in.readInt(channel.channel));
    int8_t kind = static_cast<int8_t>(ChannelStateKind::kInline);
    if (version >= 5) EDDY_RETURN_IF_ERROR(in.readByte(kind));
    if (kind == static_cast<int8_t>(ChannelStateKind::kInline)) {
      EDDY_RETURN_IF_ERROR(readString(in, channel.data));
      continue;
    }
    if (kind != static_cast<int8_t>(ChannelStateKind::kInFile)) {
      return Corruption(fmt::format("unknown channel state kind {}", kind));
    }
    EDDY_RETURN_IF_ERROR(readHandle(in, dir, channel.file.emplace()));
    EDDY_RETURN_IF_ERROR(in.readLong(channel.offset));
    EDDY_RETURN_IF_ERROR(in.readLong(channel.size));
    if (channel.offset < 0 || channel.size < 0 || channel.size > channel.file->size ||
        channel.offset > channel.file->size - channel.size) {
      return Corruption(fmt::format("channel state range [{}, +{}) is outside the {} bytes of '{}'", channel.offset,
                                    channel.size, channel.file->size, channel.file->path.toString()));
    }
  }
  return Status::OK();
}

Status readBody(DataInputDeserializer& in, const Path& dir, int32_t version, CheckpointMetadata& metadata) {
  EDDY_RETURN_IF_ERROR(in.readLong(metadata.checkpoint_id));
  EDDY_RETURN_IF_ERROR(in.readLong(metadata.timestamp));
  EDDY_RETURN_IF_ERROR(in.readBoolean(metadata.is_savepoint));
  int32_t operators = 0;
  EDDY_RETURN_IF_ERROR(readCount(in, operators));
  metadata.operators.resize(static_cast<size_t>(operators));
  for (OperatorState& op : metadata.operators) {
    EDDY_RETURN_IF_ERROR(readString(in, op.uid));
    EDDY_RETURN_IF_ERROR(in.readInt(op.parallelism));
    EDDY_RETURN_IF_ERROR(in.readInt(op.max_parallelism));
    int32_t subtasks = 0;
    EDDY_RETURN_IF_ERROR(readCount(in, subtasks));
    op.subtasks.resize(static_cast<size_t>(subtasks));
    for (SubtaskState& subtask : op.subtasks) {
      EDDY_RETURN_IF_ERROR(in.readInt(subtask.subtask));
      EDDY_RETURN_IF_ERROR(readHandles(in, dir, subtask.keyed_state));
      EDDY_RETURN_IF_ERROR(readHandles(in, dir, subtask.operator_state));
      EDDY_RETURN_IF_ERROR(readString(in, subtask.inline_operator_state));
      if (version >= 2) EDDY_RETURN_IF_ERROR(readIncrementalHandles(in, subtask.incremental_keyed_state));
      if (version >= 3) EDDY_RETURN_IF_ERROR(readManagedOperatorState(in, subtask.managed_operator_state));
      if (version >= 4) EDDY_RETURN_IF_ERROR(readChannelStateHandles(in, dir, version, subtask.input_channel_state));
    }
  }
  if (in.available() != 0) return Corruption(fmt::format("{} bytes after the metadata", in.available()));
  return Status::OK();
}

}  // namespace

std::string CheckpointMetadataFormat::store(const CheckpointMetadata& metadata, const Path& checkpoint_dir,
                                           int32_t version) {
  EDDY_CHECK_GE(version, kMinReadableVersion);
  EDDY_CHECK_LE(version, kVersion);
  DataOutputSerializer body;
  body.writeLong(metadata.checkpoint_id);
  body.writeLong(metadata.timestamp);
  body.writeBoolean(metadata.is_savepoint);
  body.writeInt(static_cast<int32_t>(metadata.operators.size()));
  for (const OperatorState& op : metadata.operators) {
    writeString(body, op.uid);
    body.writeInt(op.parallelism);
    body.writeInt(op.max_parallelism);
    body.writeInt(static_cast<int32_t>(op.subtasks.size()));
    for (const SubtaskState& subtask : op.subtasks) {
      body.writeInt(subtask.subtask);
      writeHandles(body, subtask.keyed_state, checkpoint_dir);
      writeHandles(body, subtask.operator_state, checkpoint_dir);
      writeString(body, subtask.inline_operator_state);
      if (version >= 2) {
        body.writeInt(static_cast<int32_t>(subtask.incremental_keyed_state.size()));
        for (const state::IncrementalRemoteKeyedStateHandle& handle : subtask.incremental_keyed_state) {
          handle.writeTo(body);
        }
      } else {
        EDDY_CHECK(subtask.incremental_keyed_state.empty());
      }
      if (version >= 3) {
        body.writeInt(static_cast<int32_t>(subtask.managed_operator_state.size()));
        for (const state::OperatorStateSnapshot& named : subtask.managed_operator_state) named.writeTo(body);
      } else {
        EDDY_CHECK(subtask.managed_operator_state.empty());
      }
      if (version >= 4) {
        body.writeInt(static_cast<int32_t>(subtask.input_channel_state.size()));
        for (const InputChannelStateHandle& channel : subtask.input_channel_state) {
          writeChannelStateHandle(body, channel, checkpoint_dir, version);
        }
      } else {
        EDDY_CHECK(subtask.input_channel_state.empty());
      }
    }
  }
  DataOutputSerializer file;
  file.writeInt(kMagicNumber);
  file.writeInt(version);
  file.writeLong(static_cast<int64_t>(body.length()));
  file.write(body.data());
  file.writeInt(static_cast<int32_t>(crc32c::value(file.data())));
  return file.buffer();
}

Result<CheckpointMetadata> CheckpointMetadataFormat::load(std::string_view bytes, const Path& metadata_file) {
  const std::string name = metadata_file.toString();
  if (bytes.size() < kHeaderSize + kFooterSize) {
    return Corruption(fmt::format("checkpoint metadata file '{}' is truncated: {} bytes", name, bytes.size()));
  }
  DataInputDeserializer header(bytes);
  int32_t magic = 0;
  int32_t version = 0;
  int64_t body_length = 0;
  EDDY_RETURN_IF_ERROR(header.readInt(magic));
  EDDY_RETURN_IF_ERROR(header.readInt(version));
  EDDY_RETURN_IF_ERROR(header.readLong(body_length));
  if (magic != kMagicNumber) {
    return Corruption(fmt::format("'{}' is not a checkpoint metadata file: magic number {:08x}, expected {:08x}",
                                  name, static_cast<uint32_t>(magic), static_cast<uint32_t>(kMagicNumber)));
  }
  const size_t expected_size = kHeaderSize + static_cast<size_t>(body_length) + kFooterSize;
  if (body_length < 0 || bytes.size() != expected_size) {
    return Corruption(fmt::format("checkpoint metadata file '{}' is truncated: {} bytes, expected {}", name,
                                  bytes.size(), body_length < 0 ? 0 : expected_size));
  }
  DataInputDeserializer footer(bytes.substr(bytes.size() - kFooterSize));
  int32_t stored_checksum = 0;
  EDDY_RETURN_IF_ERROR(footer.readInt(stored_checksum));
  const uint32_t checksum = crc32c::value(bytes.substr(0, bytes.size() - kFooterSize));
  if (checksum != static_cast<uint32_t>(stored_checksum)) {
    return Corruption(fmt::format("checkpoint metadata file '{}' has checksum {:08x}, expected {:08x}", name,
                                  checksum, static_cast<uint32_t>(stored_checksum)));
  }
  if (version < kMinReadableVersion || version > kVersion) {
    return NotSupported(fmt::format("checkpoint metadata file '{}' has version {}; this Eddy reads versions {} to {}",
                                    name, version, kMinReadableVersion, kVersion));
  }
  DataInputDeserializer body(bytes.substr(kHeaderSize, static_cast<size_t>(body_length)));
  CheckpointMetadata metadata;
  Status status = readBody(body, metadata_file.parent(), version, metadata);
  if (!status.ok()) {
    return Corruption(fmt::format("checkpoint metadata file '{}': {}", name, status.message()));
  }
  return metadata;
}

}  // namespace eddy::checkpoint
