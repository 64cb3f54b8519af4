#include "eddy/connectors/file_source.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include "eddy/types/type_serializer.h"

#include "eddy/common/check.h"

namespace eddy::connectors {

namespace {

namespace fs = std::filesystem;

// How much of a file one read() takes.
constexpr size_t kReadBlockSize = size_t{1} << 20;

// Flink's DefaultFileFilter: names beginning with '.' or '_' are hidden.
bool isVisible(const fs::path& path) {
  std::string name = path.filename().string();
  return name.empty() || (name.front() != '.' && name.front() != '_');
}

}  // namespace

Result<std::vector<std::string>> enumerateFiles(const std::string& path) {
  std::error_code ec;
  // Absolute first, as Flink qualifies a Path: "." is the working directory, not a hidden name.
  fs::path root = fs::absolute(path, ec).lexically_normal();
  if (!root.has_filename() && root.has_parent_path()) root = root.parent_path();
  fs::file_status status = fs::status(root, ec);
  if (ec || !fs::exists(status)) {
    return NotFound(fmt::format(
        "File {} does not exist or the user running Eddy has insufficient permissions to access it.", path));
  }
  std::vector<std::string> files;
  if (!isVisible(root)) return files;
  if (!fs::is_directory(status)) {
    files.push_back(root.string());
    return files;
  }
  fs::recursive_directory_iterator it(root, fs::directory_options::follow_directory_symlink, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!isVisible(it->path())) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) files.push_back(it->path().string());
  }
  if (ec) return IOError(fmt::format("Cannot list directory {}: {}", path, ec.message()));
  std::sort(files.begin(), files.end());
  return files;
}

FileLineReader::FileLineReader(std::string path, int subtask_index, int parallelism)
    : path_(std::move(path)), subtask_index_(subtask_index), parallelism_(parallelism) {}

FileLineReader::FileLineReader(std::vector<FileSplit> splits) : subtask_index_(0), parallelism_(1), listed_(true) {
  for (FileSplit& split : splits) {
    files_.push_back(std::move(split.path));
    skips_.push_back(split.lines_to_skip);
  }
}

FileLineReader::~FileLineReader() { closeFile(); }

std::string FileSplit::toBytes() const {
  return types::serializeToBytes(std::pair<std::string, int64_t>(path, lines_to_skip));
}

Result<FileSplit> FileSplit::fromBytes(const std::string& bytes) {
  EDDY_ASSIGN_OR_RETURN(auto parts, (types::deserializeFromBytes<std::pair<std::string, int64_t>>(bytes)));
  return FileSplit{std::move(parts.first), parts.second};
}

std::vector<FileSplit> FileLineReader::remainingSplits() {
  if (!listed_) listFiles();
  std::vector<FileSplit> splits;
  if (fd_ >= 0) splits.push_back({files_[next_file_ - 1], line_number_ + skip_remaining_});
  for (size_t i = next_file_; i < files_.size(); ++i) splits.push_back({files_[i], skips_.empty() ? 0 : skips_[i]});
  return splits;
}

bool FileLineReader::nextLine(std::string_view& line) {
  while (readLine(line)) {
    if (skip_remaining_ == 0) return true;
    --skip_remaining_;  // read before the checkpoint this reader was restored from
  }
  return false;
}

void FileLineReader::close() { closeFile(); }

bool FileLineReader::readLine(std::string_view& line) {
  if (!listed_) listFiles();
  if (carry_returned_) {
    carry_.clear();
    carry_returned_ = false;
  }
  while (true) {
    if (fd_ < 0 && !openNextFile()) return false;
    if (pos_ == len_ && !readBlock()) {
      closeFile();
      // End of file: an unterminated last line is still a line.
      if (carry_.empty()) continue;
      ++line_number_;
      line = carry_;
      carry_returned_ = true;
      return true;
    }
    const char* data = buffer_.data();
    if (skip_newline_) {
      // The '\n' of a "\r\n" split across two blocks.
      skip_newline_ = false;
      if (data[pos_] == '\n' && ++pos_ == len_) continue;
    }
    size_t end = pos_;
    while (end < len_ && data[end] != '\n' && data[end] != '\r') ++end;
    if (end == len_) {
      carry_.append(data + pos_, end - pos_);
      pos_ = len_;
      continue;
    }
    ++line_number_;
    if (carry_.empty()) {
      line = std::string_view(data + pos_, end - pos_);
    } else {
      carry_.append(data + pos_, end - pos_);
      line = carry_;
      carry_returned_ = true;
    }
    pos_ = end + 1;
    if (data[end] == '\r') {
      if (pos_ < len_) {
        if (data[pos_] == '\n') ++pos_;
      } else {
        skip_newline_ = true;
      }
    }
    return true;
  }
}

void FileLineReader::listFiles() {
  listed_ = true;
  Result<std::vector<std::string>> all = enumerateFiles(path_);
  if (!all.ok()) throw std::runtime_error(all.status().message());
  for (size_t i = subtask_index_; i < all->size(); i += parallelism_) files_.push_back((*all)[i]);
}

bool FileLineReader::openNextFile() {
  if (next_file_ >= files_.size()) return false;
  const std::string& file = files_[next_file_++];
  fd_ = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw std::runtime_error(fmt::format("Cannot open file {}: {}", file, std::strerror(errno)));
  if (buffer_.empty()) buffer_.resize(kReadBlockSize);
  pos_ = len_ = 0;
  line_number_ = 0;
  skip_remaining_ = skips_.empty() ? 0 : skips_[next_file_ - 1];
  skip_newline_ = false;
  return true;
}

bool FileLineReader::readBlock() {
  ssize_t n;
  do {
    n = ::read(fd_, buffer_.data(), buffer_.size());
  } while (n < 0 && errno == EINTR);
  if (n < 0) throw std::runtime_error(fmt::format("Cannot read file {}: {}", currentFile(), std::strerror(errno)));
  pos_ = 0;
  len_ = static_cast<size_t>(n);
  return n > 0;
}

void FileLineReader::closeFile() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

JsonLinesInputFormat::JsonLinesInputFormat(types::LogicalType row_type, formats::json::JsonDeserializationOptions options)
    : row_type_(std::move(row_type)), options_(options) {
  const Status status = validate(row_type_, options_);
  EDDY_CHECK(status.ok());
}

Status JsonLinesInputFormat::validate(const types::LogicalType& row_type,
                                      const formats::json::JsonDeserializationOptions& options) {
  return formats::json::JsonRowDeserializer::create(row_type, options).status();
}

JsonLinesInputFormat::Reader JsonLinesInputFormat::createReader() const {
  return Reader(formats::json::JsonRowDeserializer::create(row_type_, options_).value());
}

Status JsonLinesInputFormat::Reader::read(std::string_view line, runtime::RecordBatch<types::Row>& out) {
  EDDY_ASSIGN_OR_RETURN(std::optional<types::Row> row, deserializer_.deserialize(line));
  if (row) out.add(std::move(*row), runtime::kNoTimestamp);
  return Status::OK();
}

}  // namespace eddy::connectors
