#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eddy/common/result.h"

namespace eddy::sql {

// A part file of the filesystem sink: the hidden file written to and the name it gets when
// committed, both absolute local paths.
struct PartFile {
  std::string temp_path;
  std::string target_path;

  friend bool operator==(const PartFile&, const PartFile&) = default;
};

// An in-progress part file as a checkpoint keeps it: its bytes up to `valid_length` are
// part of the checkpoint (Flink's InProgressFileRecoverable).
struct InProgressPartFile {
  PartFile file;
  int64_t valid_length = 0;

  friend bool operator==(const InProgressPartFile&, const InProgressPartFile&) = default;
};

// Closed part files waiting for a checkpoint to complete (Flink's pending files per
// checkpoint).
struct PendingPartFiles {
  int64_t checkpoint_id = 0;
  std::vector<PartFile> files;

  friend bool operator==(const PendingPartFiles&, const PendingPartFiles&) = default;
};

// The partitions a writer opened part files in before a checkpoint and has not yet reported
// to the partition committer (Flink's StreamingFileWriter new partitions per checkpoint).
struct NewPartitions {
  int64_t checkpoint_id = 0;
  std::vector<std::string> partitions;

  friend bool operator==(const NewPartitions&, const NewPartitions&) = default;
};

// The operator state of one filesystem sink subtask (Flink's BucketState of every bucket
// plus the pending files of the uncompleted checkpoints). Restoring makes every file in it
// visible: the checkpoint it was taken for completed; and reports its new partitions to the
// partition committer with the next message.
struct FileSystemSinkState {
  // The highest part counter used; a restored writer numbers on from it.
  int64_t part_counter = 0;
  std::vector<InProgressPartFile> in_progress;
  std::vector<PendingPartFiles> pending;
  std::vector<NewPartitions> new_partitions;

  std::string toBytes() const;
  static Result<FileSystemSinkState> fromBytes(const std::string& bytes);

  friend bool operator==(const FileSystemSinkState&, const FileSystemSinkState&) = default;
};

}  // namespace eddy::sql
