#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "eddy/common/result.h"
#include "eddy/connectors/file_sink_writer.h"

namespace eddy::connectors::filesink {

// Flink's names for the two recoverables of its RecoverableWriter.
using ResumeRecoverable = InProgressFileRecoverable;
using CommitRecoverable = PendingFileRecoverable;

// A part file being written (Flink's RecoverableFsDataOutputStream for local files): bytes
// are buffered and written when the buffer is full; persist() makes everything written so
// far durable and says where to resume; closeForCommit() closes the file for a commit.
// Not thread-safe.
class RecoverableFsDataOutputStream {
 public:
  RecoverableFsDataOutputStream(int fd, std::string temp_path, std::string target_path, int64_t pos);
  ~RecoverableFsDataOutputStream();
  RecoverableFsDataOutputStream(const RecoverableFsDataOutputStream&) = delete;
  RecoverableFsDataOutputStream& operator=(const RecoverableFsDataOutputStream&) = delete;

  // Records are encoded straight into this buffer.
  std::string& buffer() { return buffer_; }
  // Bytes in the file, buffered ones included.
  int64_t getPos() const { return pos_ + static_cast<int64_t>(buffer_.size()); }
  // Writes the buffer out once it holds enough.
  Status writeIfFull();
  Result<ResumeRecoverable> persist();
  Result<CommitRecoverable> closeForCommit();

 private:
  Status flush();

  int fd_;
  std::string temp_path_;
  std::string target_path_;
  int64_t pos_;  // bytes written to the file
  std::string buffer_;
};

// Writes part files on the local disk so that they survive a crash of the process
// (Flink's LocalRecoverableWriter): a file is written hidden, next to its final name, made
// durable with fsync, truncated back to a checkpointed length on recovery, and committed by
// an atomic rename followed by an fsync of the directory. Stateless and thread-safe.
class LocalRecoverableWriter {
 public:
  // A new hidden file .<name>.inprogress.<uuid> next to `target_path`, creating directories.
  static Result<std::unique_ptr<RecoverableFsDataOutputStream>> open(const std::string& target_path);
  // The in-progress file truncated to `resumable.offset` and open for appending. Corruption
  // if it is missing or shorter (the bytes the checkpoint counted on are gone).
  static Result<std::unique_ptr<RecoverableFsDataOutputStream>> recover(const ResumeRecoverable& resumable);
  // The in-progress file truncated to `resumable.offset` and closed, ready to commit.
  static Result<CommitRecoverable> recoverForCommit(const ResumeRecoverable& resumable);
  // Renames the file to its final name, durably. A file already renamed (an earlier attempt
  // committed it) is fine; kAlreadyCommitted says so. NotFound if neither file exists.
  enum class CommitOutcome { kCommitted, kAlreadyCommitted };
  static Result<CommitOutcome> commitAfterRecovery(const CommitRecoverable& committable);
  // Writes `content` to `path` atomically and durably (a hidden temporary file, fsync,
  // rename, fsync of the directory).
  static Status writeFileDurably(const std::string& path, std::string_view content);
};

}  // namespace eddy::connectors::filesink
