#include "sql/connectors/filesystem/filesystem_sink_state.h"

#include <fmt/format.h>

#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"

namespace eddy::sql {

namespace {

constexpr int32_t kVersion = 2;

void writeString(types::DataOutputSerializer& out, const std::string& text) {
  out.writeInt(static_cast<int32_t>(text.size()));
  out.write(text);
}

Status readString(types::DataInputDeserializer& in, std::string& text) {
  int32_t size = 0;
  EDDY_RETURN_IF_ERROR(in.readInt(size));
  if (size < 0) return Corruption("negative string length in filesystem sink state");
  return in.readFully(static_cast<size_t>(size), text);
}

void writeFile(types::DataOutputSerializer& out, const PartFile& file) {
  writeString(out, file.temp_path);
  writeString(out, file.target_path);
}

Status readFile(types::DataInputDeserializer& in, PartFile& file) {
  EDDY_RETURN_IF_ERROR(readString(in, file.temp_path));
  return readString(in, file.target_path);
}

Status readCount(types::DataInputDeserializer& in, int32_t& count) {
  EDDY_RETURN_IF_ERROR(in.readInt(count));
  if (count < 0) return Corruption("negative count in filesystem sink state");
  return Status::OK();
}

}  // namespace

std::string FileSystemSinkState::toBytes() const {
  types::DataOutputSerializer out;
  out.writeInt(kVersion);
  out.writeLong(part_counter);
  out.writeInt(static_cast<int32_t>(in_progress.size()));
  for (const InProgressPartFile& part : in_progress) {
    writeFile(out, part.file);
    out.writeLong(part.valid_length);
  }
  out.writeInt(static_cast<int32_t>(pending.size()));
  for (const PendingPartFiles& checkpoint : pending) {
    out.writeLong(checkpoint.checkpoint_id);
    out.writeInt(static_cast<int32_t>(checkpoint.files.size()));
    for (const PartFile& file : checkpoint.files) writeFile(out, file);
  }
  out.writeInt(static_cast<int32_t>(new_partitions.size()));
  for (const NewPartitions& checkpoint : new_partitions) {
    out.writeLong(checkpoint.checkpoint_id);
    out.writeInt(static_cast<int32_t>(checkpoint.partitions.size()));
    for (const std::string& partition : checkpoint.partitions) writeString(out, partition);
  }
  return std::string(out.data());
}

Result<FileSystemSinkState> FileSystemSinkState::fromBytes(const std::string& bytes) {
  types::DataInputDeserializer in(bytes);
  int32_t version = 0;
  EDDY_RETURN_IF_ERROR(in.readInt(version));
  // Version 1 had no new partitions.
  if (version != 1 && version != kVersion) {
    return Corruption(fmt::format("unknown filesystem sink state version {}", version));
  }
  FileSystemSinkState state;
  EDDY_RETURN_IF_ERROR(in.readLong(state.part_counter));
  int32_t count = 0;
  EDDY_RETURN_IF_ERROR(readCount(in, count));
  state.in_progress.resize(static_cast<size_t>(count));
  for (InProgressPartFile& part : state.in_progress) {
    EDDY_RETURN_IF_ERROR(readFile(in, part.file));
    EDDY_RETURN_IF_ERROR(in.readLong(part.valid_length));
  }
  EDDY_RETURN_IF_ERROR(readCount(in, count));
  state.pending.resize(static_cast<size_t>(count));
  for (PendingPartFiles& checkpoint : state.pending) {
    EDDY_RETURN_IF_ERROR(in.readLong(checkpoint.checkpoint_id));
    int32_t files = 0;
    EDDY_RETURN_IF_ERROR(readCount(in, files));
    checkpoint.files.resize(static_cast<size_t>(files));
    for (PartFile& file : checkpoint.files) EDDY_RETURN_IF_ERROR(readFile(in, file));
  }
  if (version == 1) return state;
  EDDY_RETURN_IF_ERROR(readCount(in, count));
  state.new_partitions.resize(static_cast<size_t>(count));
  for (NewPartitions& checkpoint : state.new_partitions) {
    EDDY_RETURN_IF_ERROR(in.readLong(checkpoint.checkpoint_id));
    int32_t partitions = 0;
    EDDY_RETURN_IF_ERROR(readCount(in, partitions));
    checkpoint.partitions.resize(static_cast<size_t>(partitions));
    for (std::string& partition : checkpoint.partitions) EDDY_RETURN_IF_ERROR(readString(in, partition));
  }
  return state;
}

}  // namespace eddy::sql
