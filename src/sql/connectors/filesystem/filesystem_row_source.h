#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eddy/functions/source.h"
#include "eddy/types/logical_type.h"
#include "sql/connectors/filesystem/row_line_format.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// What a filesystem table reads: where, in which format, and how its rows are laid out.
struct FileSystemReadSpec {
  // A local file or directory, absolute and normalized.
  std::string base_path;
  // The table's physical ROW type: what the source produces.
  types::LogicalType physical_type;
  // The PARTITIONED BY columns, whose values come from k=v directories, not from the files.
  std::vector<std::string> partition_keys;
  RowLineFormat format;
  // 'partition.default-name': the directory value that reads as null.
  std::string default_partition_name;
  // The partition directories to read ("dt=2024-01-01/hr=10", below base_path) once the
  // planner pruned partitions (SupportsPartitionPushDown); nullopt reads every file.
  std::optional<std::vector<std::string>> partition_dirs;
};

// The bounded source of a filesystem table (Flink's FileSystemTableSource over a FileSource
// with the format's stream reader): every visible file under the path (names starting with
// '.' or '_' are hidden), file i to reader i % parallelism, each line decoded by the format
// into the non-partition columns, partition columns filled from the file's k=v directories.
// Rows go out as RowChunks of up to kRowChunkSize INSERT rows. A checkpoint keeps each
// reader's files left and lines read (FileLineReader), and every chunk holds whole lines,
// so a restored job reads on from the next line. A line that does not decode fails the job
// with the file, the line number and the format's message. Immutable; readers run in their
// task threads.
class FileSystemRowSource final : public Source<RowChunk> {
 public:
  // REQUIRES: the format can decode the non-partition columns (check with
  // FileSystemRowSource::validate first).
  explicit FileSystemRowSource(FileSystemReadSpec spec);

  // Whether the format can decode the non-partition columns of `spec`.
  static Status validate(const FileSystemReadSpec& spec);

  Boundedness getBoundedness() const override { return Boundedness::kBounded; }
  std::unique_ptr<SourceReader<RowChunk>> createReader(const SourceReaderContext& context) override;
  Result<std::unique_ptr<SourceReader<RowChunk>>> restoreReader(const SourceReaderContext& context,
                                                                const std::vector<std::string>& splits) override;

 private:
  FileSystemReadSpec spec_;
};

}  // namespace eddy::sql
