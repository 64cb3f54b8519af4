#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "sql/connectors/filesystem/partition_commit_predicate.h"

namespace eddy::sql {

// The partitions waiting to be committed and when each may be (Flink's
// PartitionCommitTrigger with PartitionTimeCommitTrigger and ProcTimeCommitTrigger):
// partitions are added as the writers report them; when every writer reported a completed
// checkpoint, committablePartitions() takes out those the predicate accepts, judged by the
// watermark the committer had when it took that checkpoint (partition-time) or by the current
// processing time and the time the partition was added (process-time). The end of input takes
// out all. The pending partitions and the watermark of each checkpoint are the committer's
// state. Used by one task thread.
class PartitionCommitTrigger {
 public:
  PartitionCommitTrigger(PartitionCommitTriggerType type, PartitionCommitPredicate predicate)
      : type_(type), predicate_(std::move(predicate)) {}

  // Adds a pending partition (again: it keeps its first creation time). Empty names are
  // ignored.
  void addPartition(const std::string& partition, int64_t current_proc_time);
  // Takes out the pending partitions that may be committed, in name order. Internal when
  // a partition-time trigger has no watermark for the checkpoint (it was not snapshot).
  Result<std::vector<std::string>> committablePartitions(int64_t checkpoint_id, int64_t current_proc_time);
  // Takes out every pending partition, in name order.
  std::vector<std::string> endInput();
  // Remembers the committer's watermark for `checkpoint_id` and returns the state to keep.
  std::string snapshotState(int64_t checkpoint_id, int64_t watermark);
  // Adds a state written by snapshotState.
  Status restoreState(const std::string& bytes);

  // Partition name to creation processing time.
  const std::map<std::string, int64_t>& pendingPartitions() const { return pending_partitions_; }

 private:
  PartitionCommitTriggerType type_;
  PartitionCommitPredicate predicate_;
  std::map<std::string, int64_t> pending_partitions_;
  // Checkpoint id to the committer's watermark when it took it (partition-time only).
  std::map<int64_t, int64_t> watermarks_;
};

}  // namespace eddy::sql
