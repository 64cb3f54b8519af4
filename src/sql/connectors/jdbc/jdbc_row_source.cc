#include "sql/connectors/jdbc/jdbc_row_source.h"

#include <deque>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "eddy/common/config_options.h"

namespace eddy::sql {
namespace {

// A split left to read, and how many of its rows were emitted before.
struct PendingSplit {
  size_t split = 0;
  size_t offset = 0;
};

// Reads its splits one after the other, each whole, and emits one chunk per poll.
class JdbcRowReader final : public SourceReader<RowChunk> {
 public:
  JdbcRowReader(std::shared_ptr<const JdbcScanSplits> scan, types::LogicalType row_type,
                std::deque<PendingSplit> splits)
      : scan_(std::move(scan)), row_type_(std::move(row_type)), splits_(std::move(splits)) {}

  InputStatus pollNext(runtime::RecordBatch<RowChunk>& out) override {
    while (!splits_.empty() && splits_.front().offset >= rows_.size()) {
      if (loaded_) {
        splits_.pop_front();
        loaded_ = false;
        rows_.clear();
        continue;
      }
      Result<std::vector<types::Row>> rows = scan_->readSplit(splits_.front().split);
      if (!rows.ok()) throw std::runtime_error(rows.status().message());
      rows_ = std::move(rows).value();
      loaded_ = true;
    }
    if (splits_.empty()) return InputStatus::kEndOfInput;
    PendingSplit& current = splits_.front();
    const size_t end = std::min(rows_.size(), current.offset + kRowChunkSize);
    // A chunk is immutable once emitted, so every chunk gets its own batch.
    auto batch = std::make_shared<types::ColumnBatch>(row_type_);
    batch->reserve(end - current.offset);
    for (size_t i = current.offset; i < end; ++i) {
      Status status = batch->appendRow(rows_[i]);
      if (!status.ok()) throw std::logic_error(status.message());
    }
    current.offset = end;
    out.add(RowChunk{std::move(batch)}, runtime::kNoTimestamp);
    return InputStatus::kMoreAvailable;
  }

  Result<std::vector<std::string>> snapshotState(int64_t) override {
    std::vector<std::string> state;
    for (const PendingSplit& split : splits_) state.push_back(fmt::format("{}:{}", split.split, split.offset));
    return state;
  }

 private:
  std::shared_ptr<const JdbcScanSplits> scan_;
  types::LogicalType row_type_;
  std::deque<PendingSplit> splits_;
  // The rows of splits_.front(), once loaded_.
  std::vector<types::Row> rows_;
  bool loaded_ = false;
};

Result<PendingSplit> parseSplit(const std::string& text, size_t split_count) {
  const size_t colon = text.find(':');
  if (colon != std::string::npos) {
    Result<int64_t> split = ConfigValue<int64_t>::parse(std::string_view(text).substr(0, colon));
    Result<int64_t> offset = ConfigValue<int64_t>::parse(std::string_view(text).substr(colon + 1));
    if (split.ok() && offset.ok() && *split >= 0 && static_cast<size_t>(*split) < split_count && *offset >= 0) {
      return PendingSplit{static_cast<size_t>(*split), static_cast<size_t>(*offset)};
    }
  }
  return InvalidArgument(fmt::format("not a split of this JDBC scan: '{}'", text));
}

}  // namespace

std::unique_ptr<SourceReader<RowChunk>> JdbcRowSource::createReader(const SourceReaderContext& context) {
  std::deque<PendingSplit> splits;
  for (size_t i = context.subtask_index; i < splits_->size(); i += context.parallelism) {
    splits.push_back(PendingSplit{i, 0});
  }
  return std::make_unique<JdbcRowReader>(splits_, row_type_, std::move(splits));
}

Result<std::unique_ptr<SourceReader<RowChunk>>> JdbcRowSource::restoreReader(const SourceReaderContext&,
                                                                             const std::vector<std::string>& splits) {
  std::deque<PendingSplit> pending;
  for (const std::string& text : splits) {
    EDDY_ASSIGN_OR_RETURN(PendingSplit split, parseSplit(text, splits_->size()));
    pending.push_back(split);
  }
  return std::unique_ptr<SourceReader<RowChunk>>(
      std::make_unique<JdbcRowReader>(splits_, row_type_, std::move(pending)));
}

}  // namespace eddy::sql
