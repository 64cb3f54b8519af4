#include "connectors/filesink/local_recoverable_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "checkpoint/random_names.h"

namespace eddy::connectors::filesink {

namespace {

// The buffer is written out once it holds this much.
constexpr size_t kWriteBufferSize = size_t{1} << 20;

Status posixError(const std::string& what, const std::string& path) {
  return IOError(fmt::format("{} {}: {}", what, path, std::strerror(errno)));
}

Status syncDirectoryOf(const std::string& path) {
  std::string dir = std::filesystem::path(path).parent_path().string();
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return posixError("Cannot open directory", dir);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return posixError("Cannot sync directory", dir);
  return Status::OK();
}

Status writeAll(int fd, std::string_view bytes, const std::string& path) {
  size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return posixError("Cannot write file", path);
    written += static_cast<size_t>(n);
  }
  return Status::OK();
}

Result<int> openTruncated(const ResumeRecoverable& resumable) {
  int fd = ::open(resumable.temp_path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    return Corruption(fmt::format("Cannot resume in-progress file {} of {}: {}", resumable.temp_path,
                                  resumable.target_path, std::strerror(errno)));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size < resumable.offset) {
    ::close(fd);
    return Corruption(fmt::format("In-progress file {} is shorter than its checkpointed length {}",
                                  resumable.temp_path, resumable.offset));
  }
  if (::ftruncate(fd, resumable.offset) != 0 || ::fsync(fd) != 0 || ::lseek(fd, 0, SEEK_END) < 0) {
    Status error = posixError("Cannot truncate file", resumable.temp_path);
    ::close(fd);
    return error;
  }
  return fd;
}

}  // namespace

RecoverableFsDataOutputStream::RecoverableFsDataOutputStream(int fd, std::string temp_path, std::string target_path,
                                                             int64_t pos)
    : fd_(fd), temp_path_(std::move(temp_path)), target_path_(std::move(target_path)), pos_(pos) {
  buffer_.reserve(kWriteBufferSize + kWriteBufferSize / 4);
}

RecoverableFsDataOutputStream::~RecoverableFsDataOutputStream() {
  if (fd_ >= 0) ::close(fd_);
}

Status RecoverableFsDataOutputStream::flush() {
  EDDY_RETURN_IF_ERROR(writeAll(fd_, buffer_, temp_path_));
  pos_ += static_cast<int64_t>(buffer_.size());
  buffer_.clear();
  return Status::OK();
}

Status RecoverableFsDataOutputStream::writeIfFull() {
  return buffer_.size() >= kWriteBufferSize ? flush() : Status::OK();
}

Result<ResumeRecoverable> RecoverableFsDataOutputStream::persist() {
  EDDY_RETURN_IF_ERROR(flush());
  if (::fsync(fd_) != 0) return posixError("Cannot sync file", temp_path_);
  return ResumeRecoverable{temp_path_, target_path_, pos_};
}

Result<CommitRecoverable> RecoverableFsDataOutputStream::closeForCommit() {
  EDDY_RETURN_IF_ERROR(flush());
  if (::fsync(fd_) != 0) return posixError("Cannot sync file", temp_path_);
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return posixError("Cannot close file", temp_path_);
  return CommitRecoverable{temp_path_, target_path_, pos_};
}

Result<std::unique_ptr<RecoverableFsDataOutputStream>> LocalRecoverableWriter::open(const std::string& target_path) {
  std::filesystem::path target(target_path);
  std::error_code ec;
  std::filesystem::create_directories(target.parent_path(), ec);
  if (ec) return IOError(fmt::format("Cannot create directory {}: {}", target.parent_path().string(), ec.message()));
  std::string temp =
      (target.parent_path() / fmt::format(".{}.inprogress.{}", target.filename().string(), checkpoint::randomUuid()))
          .string();
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return posixError("Cannot create file", temp);
  return std::make_unique<RecoverableFsDataOutputStream>(fd, std::move(temp), target_path, 0);
}

Result<std::unique_ptr<RecoverableFsDataOutputStream>> LocalRecoverableWriter::recover(
    const ResumeRecoverable& resumable) {
  EDDY_ASSIGN_OR_RETURN(int fd, openTruncated(resumable));
  return std::make_unique<RecoverableFsDataOutputStream>(fd, resumable.temp_path, resumable.target_path,
                                                         resumable.offset);
}

Result<CommitRecoverable> LocalRecoverableWriter::recoverForCommit(const ResumeRecoverable& resumable) {
  EDDY_ASSIGN_OR_RETURN(int fd, openTruncated(resumable));
  if (::close(fd) != 0) return posixError("Cannot close file", resumable.temp_path);
  return CommitRecoverable{resumable.temp_path, resumable.target_path, resumable.offset};
}

Result<LocalRecoverableWriter::CommitOutcome> LocalRecoverableWriter::commitAfterRecovery(
    const CommitRecoverable& committable) {
  if (::rename(committable.temp_path.c_str(), committable.target_path.c_str()) == 0) {
    EDDY_RETURN_IF_ERROR(syncDirectoryOf(committable.target_path));
    return CommitOutcome::kCommitted;
  }
  if (errno != ENOENT) return posixError("Cannot commit file", committable.temp_path);
  struct stat st {};
  if (::stat(committable.target_path.c_str(), &st) == 0 && st.st_size == committable.size) {
    return CommitOutcome::kAlreadyCommitted;
  }
  return NotFound(fmt::format("Cannot commit {}: neither the in-progress file {} nor a committed file of {} bytes exists",
                              committable.target_path, committable.temp_path, committable.size));
}

Status LocalRecoverableWriter::writeFileDurably(const std::string& path, std::string_view content) {
  std::filesystem::path target(path);
  std::string temp = (target.parent_path() / fmt::format(".{}.{}.tmp", target.filename().string(),
                                                         checkpoint::randomHex(12))).string();
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return posixError("Cannot create file", temp);
  Status written = writeAll(fd, content, temp);
  if (written.ok() && ::fsync(fd) != 0) written = posixError("Cannot sync file", temp);
  ::close(fd);
  if (written.ok() && ::rename(temp.c_str(), path.c_str()) != 0) written = posixError("Cannot rename file", temp);
  if (!written.ok()) {
    ::unlink(temp.c_str());
    return written;
  }
  return syncDirectoryOf(path);
}

}  // namespace eddy::connectors::filesink
