#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "eddy/checkpoint/stream_state_handle.h"
#include "eddy/common/file_system.h"

namespace eddy::checkpoint {

// Writes one state file of a checkpoint (Flink's CheckpointStateOutputStream), computing its
// CRC32C on the way. closeAndGetHandle() makes the file durable and returns its handle; a
// stream destroyed before that deletes its file, as Flink's close() does, because nothing
// refers to it. Not thread-safe.
class CheckpointStateOutputStream {
 public:
  CheckpointStateOutputStream(std::shared_ptr<FileSystem> fs, Path path, std::unique_ptr<FSDataOutputStream> out);
  ~CheckpointStateOutputStream();
  CheckpointStateOutputStream(const CheckpointStateOutputStream&) = delete;
  CheckpointStateOutputStream& operator=(const CheckpointStateOutputStream&) = delete;

  Status write(std::string_view bytes);
  int64_t getPos() const { return size_; }
  const Path& path() const { return path_; }

  // REQUIRES: called once.
  Result<StreamStateHandle> closeAndGetHandle();

 private:
  std::shared_ptr<FileSystem> fs_;
  Path path_;
  std::unique_ptr<FSDataOutputStream> out_;
  int64_t size_ = 0;
  uint32_t checksum_ = 0;
  bool closed_ = false;
};

}  // namespace eddy::checkpoint
