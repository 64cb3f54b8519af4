#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "eddy/common/file_system.h"

namespace eddy::testing {

// A file system that passes every call to another one, except that it fails the renames
// whose target has a chosen name, as a process killed between writing a file and renaming
// it would. Records the renames it refused. Not thread-safe.
class FaultInjectionFileSystem final : public FileSystem {
 public:
  explicit FaultInjectionFileSystem(std::shared_ptr<FileSystem> base) : base_(std::move(base)) {}

  // Makes renames to a file named `name` fail with IOError.
  void failRenamesTo(std::string name) { fail_rename_to_ = std::move(name); }
  const std::vector<std::string>& refusedRenames() const { return refused_renames_; }

  Result<std::unique_ptr<FSDataOutputStream>> create(const Path& path, WriteMode mode) override {
    return base_->create(path, mode);
  }
  Result<std::unique_ptr<FSDataInputStream>> open(const Path& path) override { return base_->open(path); }
  Result<FileStatus> getFileStatus(const Path& path) override { return base_->getFileStatus(path); }
  Result<bool> exists(const Path& path) override { return base_->exists(path); }
  Result<std::vector<FileStatus>> listStatus(const Path& dir) override { return base_->listStatus(dir); }
  Status mkdirs(const Path& dir) override { return base_->mkdirs(dir); }
  Status remove(const Path& path, bool recursive) override { return base_->remove(path, recursive); }
  Status rename(const Path& from, const Path& to) override {
    if (to.getName() == fail_rename_to_) {
      refused_renames_.push_back(from.toString() + " -> " + to.toString());
      return IOError("injected crash before rename to '" + to.toString() + "'");
    }
    return base_->rename(from, to);
  }

 private:
  std::shared_ptr<FileSystem> base_;
  std::string fail_rename_to_;
  std::vector<std::string> refused_renames_;
};

}  // namespace eddy::testing
