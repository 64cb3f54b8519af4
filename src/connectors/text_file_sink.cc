#include "eddy/connectors/text_file_sink.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>

namespace eddy::connectors {

namespace {
// The buffer is written out once it holds this much.
constexpr size_t kWriteBufferSize = size_t{1} << 20;
}  // namespace

PartFileWriter::PartFileWriter(const std::string& directory, int subtask_index)
    : path_((std::filesystem::path(directory) / fmt::format("part-{}-0", subtask_index)).string()) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) throw std::runtime_error(fmt::format("Cannot create directory {}: {}", directory, ec.message()));
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::runtime_error(fmt::format("Cannot open file {}: {}", path_, std::strerror(errno)));
  buffer_.reserve(kWriteBufferSize + kWriteBufferSize / 4);
}

PartFileWriter::~PartFileWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void PartFileWriter::writeIfFull() {
  if (buffer_.size() >= kWriteBufferSize) flush();
}

void PartFileWriter::flush() {
  if (fd_ < 0) return;
  size_t written = 0;
  while (written < buffer_.size()) {
    ssize_t n = ::write(fd_, buffer_.data() + written, buffer_.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error(fmt::format("Cannot write file {}: {}", path_, std::strerror(errno)));
    written += static_cast<size_t>(n);
  }
  buffer_.clear();
}

void PartFileWriter::close() {
  if (fd_ < 0) return;
  flush();
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) throw std::runtime_error(fmt::format("Cannot close file {}: {}", path_, std::strerror(errno)));
}

}  // namespace eddy::connectors
