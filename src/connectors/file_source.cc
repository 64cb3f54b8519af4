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

// Reads the lines of the files assigned to one reader. The files are listed on the first
// poll so that a missing path fails the job from the reader, naming the source operator.
class TextLineReader final : public SourceReader<std::string> {
 public:
  TextLineReader(std::string path, int subtask_index, int parallelism)
      : path_(std::move(path)), subtask_index_(subtask_index), parallelism_(parallelism) {}

  ~TextLineReader() override { closeFile(); }

  InputStatus pollNext(runtime::RecordBatch<std::string>& out) override {
    if (!listed_) listFiles();
    while (out.size() < runtime::kDefaultBatchSize) {
      if (fd_ < 0 && !openNextFile()) return InputStatus::kEndOfInput;
      if (pos_ == len_ && !readBlock()) {
        // End of file: an unterminated last line is still a line.
        if (!carry_.empty()) out.add(std::move(carry_), runtime::kNoTimestamp);
        carry_.clear();
        closeFile();
        continue;
      }
      scanLines(out);
    }
    return InputStatus::kMoreAvailable;
  }

  void close() override { closeFile(); }

 private:
  void listFiles() {
    listed_ = true;
    Result<std::vector<std::string>> all = enumerateFiles(path_);
    if (!all.ok()) throw std::runtime_error(all.status().message());
    for (size_t i = subtask_index_; i < all->size(); i += parallelism_) files_.push_back((*all)[i]);
  }

  bool openNextFile() {
    if (next_file_ >= files_.size()) return false;
    const std::string& file = files_[next_file_++];
    fd_ = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw std::runtime_error(fmt::format("Cannot open file {}: {}", file, std::strerror(errno)));
    if (buffer_.empty()) buffer_.resize(kReadBlockSize);
    pos_ = len_ = 0;
    skip_newline_ = false;
    return true;
  }

  // Fills the buffer from the open file; false at its end.
  bool readBlock() {
    ssize_t n;
    do {
      n = ::read(fd_, buffer_.data(), buffer_.size());
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
      throw std::runtime_error(fmt::format("Cannot read file {}: {}", files_[next_file_ - 1], std::strerror(errno)));
    }
    pos_ = 0;
    len_ = static_cast<size_t>(n);
    return n > 0;
  }

  // Emits the lines that end in the buffer, up to a full batch; keeps an unfinished one.
  void scanLines(runtime::RecordBatch<std::string>& out) {
    const char* data = buffer_.data();
    if (skip_newline_ && pos_ < len_) {
      // The '\n' of a "\r\n" split across two blocks.
      if (data[pos_] == '\n') ++pos_;
      skip_newline_ = false;
    }
    while (pos_ < len_ && out.size() < runtime::kDefaultBatchSize) {
      size_t end = pos_;
      while (end < len_ && data[end] != '\n' && data[end] != '\r') ++end;
      if (end == len_) {
        carry_.append(data + pos_, end - pos_);
        pos_ = len_;
        return;
      }
      if (carry_.empty()) {
        out.add(std::string(data + pos_, end - pos_), runtime::kNoTimestamp);
      } else {
        carry_.append(data + pos_, end - pos_);
        out.add(std::move(carry_), runtime::kNoTimestamp);
        carry_.clear();
      }
      pos_ = end + 1;
      if (data[end] == '\r') {
        if (pos_ < len_) {
          if (data[pos_] == '\n') ++pos_;
        } else {
          skip_newline_ = true;
        }
      }
    }
  }

  void closeFile() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  std::string path_;
  int subtask_index_;
  int parallelism_;
  bool listed_ = false;
  std::vector<std::string> files_;
  size_t next_file_ = 0;
  int fd_ = -1;
  std::vector<char> buffer_;
  size_t pos_ = 0;
  size_t len_ = 0;
  // The start of a line whose end is in a later block.
  std::string carry_;
  // The previous block ended with '\r': a '\n' at the start of the next belongs to it.
  bool skip_newline_ = false;
};

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

std::unique_ptr<SourceReader<std::string>> FileSource::createReader(const SourceReaderContext& context) {
  return std::make_unique<TextLineReader>(path_, context.subtask_index, context.parallelism);
}

}  // namespace eddy::connectors
