#include <fmt/format.h>

#include "eddy/connectors/file_sink_writer.h"
#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"

namespace eddy::connectors {

namespace {

Status readCount(types::DataInputDeserializer& in, int32_t& count) {
  EDDY_RETURN_IF_ERROR(in.readInt(count));
  if (count < 0 || static_cast<size_t>(count) > in.available()) {
    return Corruption(fmt::format("bad element count {} in a FileSink state", count));
  }
  return Status::OK();
}

Status checkVersion(int version, int supported, const char* what) {
  if (version == supported) return Status::OK();
  return NotSupported(fmt::format("{} version {} (this release reads {})", what, version, supported));
}

Status checkConsumed(const types::DataInputDeserializer& in, const char* what) {
  if (in.available() == 0) return Status::OK();
  return Corruption(fmt::format("trailing bytes after a {}", what));
}

}  // namespace

std::string FileSinkCommittableSerializer::serialize(const FileSinkCommittable& value) const {
  types::DataOutputSerializer out;
  out.writeInt(static_cast<int32_t>(value.pending_files.size()));
  for (const PendingFileRecoverable& file : value.pending_files) {
    out.writeLengthPrefixed(file.temp_path);
    out.writeLengthPrefixed(file.target_path);
    out.writeLong(file.size);
  }
  out.writeLengthPrefixed(value.end_of_input_record);
  return out.buffer();
}

Result<FileSinkCommittable> FileSinkCommittableSerializer::deserialize(int version, std::string_view bytes) const {
  EDDY_RETURN_IF_ERROR(checkVersion(version, getVersion(), "FileSinkCommittable"));
  types::DataInputDeserializer in(bytes);
  FileSinkCommittable value;
  int32_t count = 0;
  EDDY_RETURN_IF_ERROR(readCount(in, count));
  value.pending_files.resize(static_cast<size_t>(count));
  for (PendingFileRecoverable& file : value.pending_files) {
    EDDY_RETURN_IF_ERROR(in.readLengthPrefixed(file.temp_path));
    EDDY_RETURN_IF_ERROR(in.readLengthPrefixed(file.target_path));
    EDDY_RETURN_IF_ERROR(in.readLong(file.size));
  }
  EDDY_RETURN_IF_ERROR(in.readLengthPrefixed(value.end_of_input_record));
  EDDY_RETURN_IF_ERROR(checkConsumed(in, "FileSinkCommittable"));
  return value;
}

std::string FileWriterStateSerializer::serialize(const FileWriterState& value) const {
  types::DataOutputSerializer out;
  out.writeLengthPrefixed(value.writer_id);
  out.writeInt(static_cast<int32_t>(value.buckets.size()));
  for (const FileWriterBucketState& bucket : value.buckets) {
    out.writeLengthPrefixed(bucket.bucket_id);
    out.writeLengthPrefixed(bucket.bucket_path);
    out.writeLong(bucket.in_progress_file_creation_time);
    out.writeBoolean(bucket.in_progress_file.has_value());
    if (bucket.in_progress_file) {
      out.writeLengthPrefixed(bucket.in_progress_file->temp_path);
      out.writeLengthPrefixed(bucket.in_progress_file->target_path);
      out.writeLong(bucket.in_progress_file->offset);
    }
  }
  return out.buffer();
}

Result<FileWriterState> FileWriterStateSerializer::deserialize(int version, std::string_view bytes) const {
  EDDY_RETURN_IF_ERROR(checkVersion(version, getVersion(), "FileWriterState"));
  types::DataInputDeserializer in(bytes);
  FileWriterState value;
  EDDY_RETURN_IF_ERROR(in.readLengthPrefixed(value.writer_id));
  int32_t count = 0;
  EDDY_RETURN_IF_ERROR(readCount(in, count));
  value.buckets.resize(static_cast<size_t>(count));
  for (FileWriterBucketState& bucket : value.buckets) {
    EDDY_RETURN_IF_ERROR(in.readLengthPrefixed(bucket.bucket_id));
    EDDY_RETURN_IF_ERROR(in.readLengthPrefixed(bucket.bucket_path));
    EDDY_RETURN_IF_ERROR(in.readLong(bucket.in_progress_file_creation_time));
    bool has_in_progress = false;
    EDDY_RETURN_IF_ERROR(in.readBoolean(has_in_progress));
    if (has_in_progress) {
      InProgressFileRecoverable file;
      EDDY_RETURN_IF_ERROR(in.readLengthPrefixed(file.temp_path));
      EDDY_RETURN_IF_ERROR(in.readLengthPrefixed(file.target_path));
      EDDY_RETURN_IF_ERROR(in.readLong(file.offset));
      bucket.in_progress_file = std::move(file);
    }
  }
  EDDY_RETURN_IF_ERROR(checkConsumed(in, "FileWriterState"));
  return value;
}

}  // namespace eddy::connectors
