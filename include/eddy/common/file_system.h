#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/common/status.h"

namespace eddy {

// A location in a file system, as Flink's org.apache.flink.core.fs.Path: a scheme ("file",
// "s3", or empty for a plain local path), an authority (an S3 bucket; empty for local
// files) and an absolute, normalized path ('/'-separated, no empty or "." parts, no trailing
// '/'). "file:///tmp/x", "file:/tmp/x" and "/tmp/x" all name the local file /tmp/x.
// A value type.
class Path {
 public:
  // The local root "/", so that structs holding a Path can be default-constructed.
  Path() : path_("/") {}

  // Parses a URI ("scheme://authority/path", "file:/path") or a plain absolute path.
  // InvalidArgument for an empty or relative path, or one with a ".." part.
  static Result<Path> parse(std::string_view uri);

  // This path with `relative` ("name" or "a/b") appended.
  // REQUIRES: `relative` is not empty, does not start with '/' and has no "." or ".." part.
  Path child(std::string_view relative) const;
  // The directory holding this path; the root is its own parent.
  Path parent() const;
  // The last part of the path ("" for the root).
  std::string_view getName() const;

  const std::string& scheme() const { return scheme_; }
  const std::string& authority() const { return authority_; }
  // The absolute path inside the file system, starting with '/'.
  const std::string& path() const { return path_; }

  // "/tmp/x" for a plain path, "scheme://authority/path" otherwise (file:///tmp/x).
  std::string toString() const;

  friend bool operator==(const Path&, const Path&) = default;

 private:
  Path(std::string scheme, std::string authority, std::string path)
      : scheme_(std::move(scheme)), authority_(std::move(authority)), path_(std::move(path)) {}

  std::string scheme_;
  std::string authority_;
  std::string path_;
};

// What listStatus and getFileStatus tell about one entry (Flink's FileStatus).
struct FileStatus {
  Path path;
  int64_t length = 0;  // bytes; 0 for a directory
  bool is_dir = false;
};

// Bytes going into a new file (Flink's FSDataOutputStream). Writes may be buffered; sync()
// makes everything written so far durable. Destroying an open stream closes it without
// syncing. Not thread-safe.
class FSDataOutputStream {
 public:
  virtual ~FSDataOutputStream() = default;

  virtual Status write(std::string_view bytes) = 0;
  // The number of bytes written so far.
  virtual int64_t getPos() const = 0;
  // Hands buffered bytes to the file system.
  virtual Status flush() = 0;
  // flush(), then makes the file's bytes and its directory entry durable (fsync).
  virtual Status sync() = 0;
  // flush() and release the file; writing afterwards is an error.
  virtual Status close() = 0;
};

// Bytes coming out of a file (Flink's FSDataInputStream). Not thread-safe.
class FSDataInputStream {
 public:
  virtual ~FSDataInputStream() = default;

  // Reads up to `n` bytes into `buffer`; 0 at the end of the file.
  virtual Result<size_t> read(char* buffer, size_t n) = 0;
};

// Flink's FileSystem.WriteMode: what create() does when the file already exists.
enum class WriteMode { kNoOverwrite, kOverwrite };

// A file system (Flink's org.apache.flink.core.fs.FileSystem): the one way Eddy's
// checkpoints, savepoints and file connectors touch files, so that an object store can stand
// in for local disk and tests can inject faults. Implementations are found by URI scheme
// (get); "file" and plain paths are the LocalFileSystem. Implementations are thread-safe;
// the streams they return are not.
class FileSystem {
 public:
  // Makes a file system for a URI of its scheme (the authority picks e.g. a bucket).
  using Factory = std::function<Result<std::shared_ptr<FileSystem>>(const Path& uri)>;

  virtual ~FileSystem() = default;

  // A new file at `path`, creating missing parent directories. With kNoOverwrite an existing
  // file is AlreadyExists.
  virtual Result<std::unique_ptr<FSDataOutputStream>> create(const Path& path, WriteMode mode) = 0;
  // The file at `path` for reading; NotFound if there is none.
  virtual Result<std::unique_ptr<FSDataInputStream>> open(const Path& path) = 0;
  // NotFound if nothing is at `path`.
  virtual Result<FileStatus> getFileStatus(const Path& path) = 0;
  virtual Result<bool> exists(const Path& path) = 0;
  // The entries of directory `dir`, sorted by name; NotFound if it does not exist.
  virtual Result<std::vector<FileStatus>> listStatus(const Path& dir) = 0;
  // Creates `dir` and its missing parents; an existing directory is fine.
  virtual Status mkdirs(const Path& dir) = 0;
  // Flink's delete: removes a file, or a directory (with everything in it if `recursive`;
  // a non-empty directory without it is an IOError). Nothing at `path` is fine.
  virtual Status remove(const Path& path, bool recursive) = 0;
  // Moves `from` to `to` in one step that readers see either before or after, never half
  // done; a file at `to` is replaced. Both must be in this file system.
  virtual Status rename(const Path& from, const Path& to) = 0;

  // The whole content of the file at `path`.
  Result<std::string> readFully(const Path& path);

  // The file system for `uri`'s scheme. NotSupported "no file system for scheme 's3'" for a
  // scheme nothing is registered for.
  static Result<std::shared_ptr<FileSystem>> get(const Path& uri);
  // Parses `uri` and returns its file system.
  static Result<std::shared_ptr<FileSystem>> get(std::string_view uri);
  // Makes `factory` answer get() for `scheme` (lower case), replacing an earlier one; this is
  // how an S3 implementation, or a fault-injecting one in tests, is plugged in.
  static void registerFileSystem(std::string scheme, Factory factory);
  // Removes the factory of `scheme`; "file" cannot be removed.
  static void unregisterFileSystem(const std::string& scheme);
};

// The local disk through POSIX calls (Flink's LocalFileSystem). Paths must be local: a plain
// path or scheme "file" with no authority. Stateless and thread-safe.
class LocalFileSystem final : public FileSystem {
 public:
  // The process-wide instance.
  static std::shared_ptr<LocalFileSystem> getSharedInstance();

  Result<std::unique_ptr<FSDataOutputStream>> create(const Path& path, WriteMode mode) override;
  Result<std::unique_ptr<FSDataInputStream>> open(const Path& path) override;
  Result<FileStatus> getFileStatus(const Path& path) override;
  Result<bool> exists(const Path& path) override;
  Result<std::vector<FileStatus>> listStatus(const Path& dir) override;
  Status mkdirs(const Path& dir) override;
  Status remove(const Path& path, bool recursive) override;
  Status rename(const Path& from, const Path& to) override;
};

}  // namespace eddy
