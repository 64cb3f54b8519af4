#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace eddy::sql {

// What a filesystem writer subtask tells the partition committer when a checkpoint
// completes (Flink's PartitionCommitInfo): the partitions ("k1=v1/k2=v2") it wrote to and
// committed files of since its last message. Every subtask sends one per completed
// checkpoint, also with no partitions, so that the committer knows when it heard from all;
// the end of input sends one with checkpoint id kEndOfInputCheckpointId.
struct PartitionCommitInfo {
  int64_t checkpoint_id = 0;
  int task_id = 0;
  int number_of_tasks = 1;
  std::vector<std::string> partitions;

  friend bool operator==(const PartitionCommitInfo&, const PartitionCommitInfo&) = default;
};

// The checkpoint id of the message a writer sends at the end of its input (Flink's
// Long.MAX_VALUE): the committer then commits every pending partition.
inline constexpr int64_t kEndOfInputCheckpointId = std::numeric_limits<int64_t>::max();

}  // namespace eddy::sql
