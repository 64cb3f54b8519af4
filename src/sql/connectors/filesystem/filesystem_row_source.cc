#include "sql/connectors/filesystem/filesystem_row_source.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "eddy/connectors/file_source.h"
#include "eddy/types/data_types.h"
#include "sql/connectors/filesystem/partition_path.h"

namespace eddy::sql {

namespace {

using connectors::FileLineReader;
using connectors::FileSplit;
using types::LogicalType;

// The ROW of the columns the files hold: the physical ones minus the partition keys.
LogicalType dataRowType(const FileSystemReadSpec& spec) {
  std::vector<types::RowField> fields;
  for (const types::RowField& field : spec.physical_type.fields()) {
    if (std::find(spec.partition_keys.begin(), spec.partition_keys.end(), field.name) == spec.partition_keys.end()) {
      fields.push_back(field);
    }
  }
  return types::DataTypes::ROW(std::move(fields));
}

// The files of `files` (sorted) in the partitions spec.partition_dirs that go to reader
// context.subtask_index: the i-th of them to reader i % parallelism, as FileLineReader deals
// all files.
std::vector<FileSplit> splitsOfPartitions(const FileSystemReadSpec& spec, const std::vector<std::string>& files,
                                          const SourceReaderContext& context) {
  std::vector<FileSplit> splits;
  size_t index = 0;
  for (const std::string& file : files) {
    const bool selected = std::any_of(spec.partition_dirs->begin(), spec.partition_dirs->end(), [&](const std::string& dir) {
      return file.starts_with(spec.base_path + "/" + dir + "/");
    });
    if (!selected) continue;
    if (index++ % static_cast<size_t>(context.parallelism) == static_cast<size_t>(context.subtask_index)) {
      splits.push_back(FileSplit{file, 0});
    }
  }
  return splits;
}

class FileSystemRowReader final : public SourceReader<RowChunk> {
 public:
  FileSystemRowReader(FileSystemReadSpec spec, RowLineDecoder decoder, std::unique_ptr<FileLineReader> lines)
      : spec_(std::move(spec)), decoder_(std::move(decoder)), lines_(std::move(lines)) {
    const std::vector<types::RowField>& fields = spec_.physical_type.fields();
    for (size_t i = 0; i < fields.size(); ++i) {
      auto key = std::find(spec_.partition_keys.begin(), spec_.partition_keys.end(), fields[i].name);
      if (key == spec_.partition_keys.end()) {
        data_positions_.push_back(i);
      } else {
        partition_positions_.push_back(i);
      }
    }
  }

  InputStatus pollNext(runtime::RecordBatch<RowChunk>& out) override {
    auto batch = std::make_shared<types::ColumnBatch>(spec_.physical_type);
    std::string_view line;
    InputStatus status = InputStatus::kMoreAvailable;
    while (batch->size() < kRowChunkSize) {
      if (!lines_->nextLine(line)) {
        status = InputStatus::kEndOfInput;
        break;
      }
      if (lines_->currentFile() != current_file_) enterFile(lines_->currentFile());
      Result<std::optional<types::Row>> decoded = decoder_.decode(line);
      if (!decoded.ok()) fail(decoded.status().message());
      if (!decoded->has_value()) continue;
      const types::Row& data = **decoded;
      types::Row row = types::Row::withPositions(types::RowKind::INSERT, spec_.physical_type.fieldCount());
      for (size_t i = 0; i < data_positions_.size(); ++i) row.setField(data_positions_[i], data.getField(i));
      for (size_t i = 0; i < partition_positions_.size(); ++i) row.setField(partition_positions_[i], partition_values_[i]);
      Status appended = batch->appendRow(row);
      if (!appended.ok()) fail(appended.message());
    }
    if (batch->size() > 0) out.add(RowChunk{std::move(batch)}, runtime::kNoTimestamp);
    return status;
  }

  // Chunks hold whole lines and leave pollNext whole, so the lines read are the position.
  Result<std::vector<std::string>> snapshotState(int64_t) override {
    std::vector<std::string> splits;
    for (const FileSplit& split : lines_->remainingSplits()) splits.push_back(split.toBytes());
    return splits;
  }

  void close() override { lines_->close(); }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    throw std::runtime_error(
        fmt::format("Failed to read line {} of file {}: {}", lines_->lineNumber(), lines_->currentFile(), message));
  }

  // The partition values of `file`, from the k=v directories between the base path and it.
  void enterFile(const std::string& file) {
    current_file_ = file;
    partition_values_.assign(partition_positions_.size(), types::Value());
    if (partition_positions_.empty()) return;
    std::string_view relative = file;
    if (relative.starts_with(spec_.base_path)) relative.remove_prefix(spec_.base_path.size());
    const size_t last_slash = relative.rfind('/');
    relative = last_slash == std::string_view::npos ? std::string_view() : relative.substr(0, last_slash);
    const auto spec = extractPartitionSpec(relative);
    for (size_t i = 0; i < partition_positions_.size(); ++i) {
      const types::RowField& field = spec_.physical_type.fields()[partition_positions_[i]];
      for (const auto& [key, text] : spec) {
        if (key != field.name) continue;
        Result<types::Value> value = restorePartitionValue(text, field.type, spec_.default_partition_name);
        if (!value.ok()) fail(fmt::format("partition value '{}' of column '{}': {}", text, key, value.status().message()));
        partition_values_[i] = std::move(*value);
      }
    }
  }

  FileSystemReadSpec spec_;
  RowLineDecoder decoder_;
  std::unique_ptr<FileLineReader> lines_;
  std::vector<size_t> data_positions_;
  std::vector<size_t> partition_positions_;
  std::string current_file_;
  std::vector<types::Value> partition_values_;
};

}  // namespace

FileSystemRowSource::FileSystemRowSource(FileSystemReadSpec spec) : spec_(std::move(spec)) {}

Status FileSystemRowSource::validate(const FileSystemReadSpec& spec) {
  return spec.format.createDecoder(dataRowType(spec)).status();
}

std::unique_ptr<SourceReader<RowChunk>> FileSystemRowSource::createReader(const SourceReaderContext& context) {
  Result<RowLineDecoder> decoder = spec_.format.createDecoder(dataRowType(spec_));
  EDDY_CHECK(decoder.ok());
  if (spec_.partition_dirs) {
    // A path that cannot be listed fails the job from the reader below, as without pruning.
    Result<std::vector<std::string>> files = connectors::enumerateFiles(spec_.base_path);
    if (files.ok()) {
      return std::make_unique<FileSystemRowReader>(
          spec_, std::move(*decoder), std::make_unique<FileLineReader>(splitsOfPartitions(spec_, *files, context)));
    }
  }
  return std::make_unique<FileSystemRowReader>(
      spec_, std::move(*decoder),
      std::make_unique<FileLineReader>(spec_.base_path, context.subtask_index, context.parallelism));
}

Result<std::unique_ptr<SourceReader<RowChunk>>> FileSystemRowSource::restoreReader(
    const SourceReaderContext&, const std::vector<std::string>& splits) {
  std::vector<FileSplit> files;
  for (const std::string& bytes : splits) {
    EDDY_ASSIGN_OR_RETURN(FileSplit split, FileSplit::fromBytes(bytes));
    files.push_back(std::move(split));
  }
  EDDY_ASSIGN_OR_RETURN(RowLineDecoder decoder, spec_.format.createDecoder(dataRowType(spec_)));
  return std::unique_ptr<SourceReader<RowChunk>>(std::make_unique<FileSystemRowReader>(
      spec_, std::move(decoder), std::make_unique<FileLineReader>(std::move(files))));
}

}  // namespace eddy::sql
