#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "eddy/common/file_system.h"

namespace eddy {
namespace {

// The status of a failed POSIX call on `path`, from errno.
Status errnoStatus(std::string_view what, const std::string& path, int error) {
  std::string message = fmt::format("{} '{}': {}", what, path, std::strerror(error));
  if (error == ENOENT) return NotFound(std::move(message));
  if (error == EEXIST) return AlreadyExists(std::move(message));
  return IOError(std::move(message));
}

Status errorCodeStatus(std::string_view what, const std::string& path, const std::error_code& ec) {
  return errnoStatus(what, path, ec.value());
}

Result<std::string> localPath(const Path& path) {
  if ((!path.scheme().empty() && path.scheme() != "file") || !path.authority().empty()) {
    return InvalidArgument(fmt::format("'{}' is not a local path", path.toString()));
  }
  return path.path();
}

// Writes all of `bytes`, retrying short writes and interrupted calls.
Status writeAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errnoStatus("cannot write", path, errno);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Status::OK();
}

// fsync of a directory, so that the entries created or renamed in it survive a crash.
Status syncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errnoStatus("cannot open directory", dir, errno);
  const int rc = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0) return errnoStatus("cannot sync directory", dir, error);
  return Status::OK();
}

std::string parentOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == 0 ? "/" : path.substr(0, slash);
}

// A file being written, with a buffer so that small writes do not each cost a system call.
class LocalDataOutputStream final : public FSDataOutputStream {
 public:
  LocalDataOutputStream(int fd, std::string path) : fd_(fd), path_(std::move(path)) { buffer_.reserve(kBufferSize); }
  ~LocalDataOutputStream() override {
    if (fd_ >= 0) {
      (void)flush();
      ::close(fd_);
    }
  }

  Status write(std::string_view bytes) override {
    if (fd_ < 0) return IOError(fmt::format("cannot write '{}': the stream is closed", path_));
    pos_ += static_cast<int64_t>(bytes.size());
    if (buffer_.size() + bytes.size() <= kBufferSize) {
      buffer_.append(bytes);
      return Status::OK();
    }
    EDDY_RETURN_IF_ERROR(flush());
    if (bytes.size() >= kBufferSize) return writeAll(fd_, bytes, path_);
    buffer_.append(bytes);
    return Status::OK();
  }

  int64_t getPos() const override { return pos_; }

  Status flush() override {
    if (fd_ < 0 || buffer_.empty()) return Status::OK();
    Status status = writeAll(fd_, buffer_, path_);
    buffer_.clear();
    return status;
  }

  Status sync() override {
    if (fd_ < 0) return IOError(fmt::format("cannot sync '{}': the stream is closed", path_));
    EDDY_RETURN_IF_ERROR(flush());
    if (::fsync(fd_) != 0) return errnoStatus("cannot sync", path_, errno);
    return syncDirectory(parentOf(path_));
  }

  Status close() override {
    if (fd_ < 0) return Status::OK();
    Status status = flush();
    if (::close(fd_) != 0 && status.ok()) status = errnoStatus("cannot close", path_, errno);
    fd_ = -1;
    return status;
  }

 private:
  static constexpr size_t kBufferSize = 64 * 1024;

  int fd_;
  std::string path_;
  std::string buffer_;
  int64_t pos_ = 0;
};

class LocalDataInputStream final : public FSDataInputStream {
 public:
  LocalDataInputStream(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~LocalDataInputStream() override { ::close(fd_); }

  Result<size_t> read(char* buffer, size_t n) override {
    while (true) {
      const ssize_t got = ::read(fd_, buffer, n);
      if (got >= 0) return static_cast<size_t>(got);
      if (errno != EINTR) return errnoStatus("cannot read", path_, errno);
    }
  }

 private:
  int fd_;
  std::string path_;
};

}  // namespace

std::shared_ptr<LocalFileSystem> LocalFileSystem::getSharedInstance() {
  static const std::shared_ptr<LocalFileSystem> instance = std::make_shared<LocalFileSystem>();
  return instance;
}

Result<std::unique_ptr<FSDataOutputStream>> LocalFileSystem::create(const Path& path, WriteMode mode) {
  EDDY_ASSIGN_OR_RETURN(std::string local, localPath(path));
  EDDY_RETURN_IF_ERROR(mkdirs(path.parent()));
  const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (mode == WriteMode::kNoOverwrite ? O_EXCL : O_TRUNC);
  const int fd = ::open(local.c_str(), flags, 0644);
  if (fd < 0) return errnoStatus("cannot create", local, errno);
  return std::unique_ptr<FSDataOutputStream>(std::make_unique<LocalDataOutputStream>(fd, std::move(local)));
}

Result<std::unique_ptr<FSDataInputStream>> LocalFileSystem::open(const Path& path) {
  EDDY_ASSIGN_OR_RETURN(std::string local, localPath(path));
  const int fd = ::open(local.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errnoStatus("cannot open", local, errno);
  return std::unique_ptr<FSDataInputStream>(std::make_unique<LocalDataInputStream>(fd, std::move(local)));
}

Result<FileStatus> LocalFileSystem::getFileStatus(const Path& path) {
  EDDY_ASSIGN_OR_RETURN(std::string local, localPath(path));
  struct stat st {};
  if (::stat(local.c_str(), &st) != 0) return errnoStatus("cannot stat", local, errno);
  const bool is_dir = S_ISDIR(st.st_mode);
  return FileStatus{path, is_dir ? 0 : static_cast<int64_t>(st.st_size), is_dir};
}

Result<bool> LocalFileSystem::exists(const Path& path) {
  Result<FileStatus> status = getFileStatus(path);
  if (status.ok()) return true;
  if (status.status().code() == StatusCode::kNotFound) return false;
  return status.status();
}

Result<std::vector<FileStatus>> LocalFileSystem::listStatus(const Path& dir) {
  EDDY_ASSIGN_OR_RETURN(std::string local, localPath(dir));
  DIR* handle = ::opendir(local.c_str());
  if (handle == nullptr) return errnoStatus("cannot list", local, errno);
  std::vector<std::string> names;
  while (const dirent* entry = ::readdir(handle)) {
    std::string_view name = entry->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  ::closedir(handle);
  std::sort(names.begin(), names.end());
  std::vector<FileStatus> statuses;
  statuses.reserve(names.size());
  for (const std::string& name : names) {
    Result<FileStatus> status = getFileStatus(dir.child(name));
    // An entry deleted between readdir and stat is simply gone.
    if (!status.ok() && status.status().code() == StatusCode::kNotFound) continue;
    if (!status.ok()) return status.status();
    statuses.push_back(std::move(status).value());
  }
  return statuses;
}

Status LocalFileSystem::mkdirs(const Path& dir) {
  EDDY_ASSIGN_OR_RETURN(std::string local, localPath(dir));
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(local, ec);
  if (std::filesystem::exists(status) && !std::filesystem::is_directory(status)) {
    return AlreadyExists(fmt::format("cannot create directory '{}': a file is in the way", local));
  }
  std::filesystem::create_directories(local, ec);
  if (ec) return errorCodeStatus("cannot create directory", local, ec);
  return Status::OK();
}

Status LocalFileSystem::remove(const Path& path, bool recursive) {
  EDDY_ASSIGN_OR_RETURN(std::string local, localPath(path));
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::symlink_status(local, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) return errorCodeStatus("cannot delete", local, ec);
  if (!std::filesystem::exists(status)) return Status::OK();
  if (std::filesystem::is_directory(status) && !recursive && !std::filesystem::is_empty(local, ec)) {
    return IOError(fmt::format("cannot delete '{}': the directory is not empty", local));
  }
  std::filesystem::remove_all(local, ec);
  if (ec) return errorCodeStatus("cannot delete", local, ec);
  return Status::OK();
}

Status LocalFileSystem::rename(const Path& from, const Path& to) {
  EDDY_ASSIGN_OR_RETURN(std::string local_from, localPath(from));
  EDDY_ASSIGN_OR_RETURN(std::string local_to, localPath(to));
  if (::rename(local_from.c_str(), local_to.c_str()) != 0) {
    return errnoStatus(fmt::format("cannot rename '{}' to", local_from), local_to, errno);
  }
  return syncDirectory(parentOf(local_to));
}

}  // namespace eddy
