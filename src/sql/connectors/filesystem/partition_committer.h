#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "eddy/common/file_system.h"
#include "eddy/runtime/stream_operator.h"
#include "sql/connectors/filesystem/partition_commit_info.h"
#include "sql/connectors/filesystem/partition_commit_options.h"
#include "sql/connectors/filesystem/partition_commit_trigger.h"

namespace eddy::sql {

// Commits the partitions of a filesystem table (Flink's PartitionCommitter): the single
// (parallelism 1) operator after the writers. It adds the partitions of every
// PartitionCommitInfo to its trigger; once all writer subtasks reported a checkpoint (Flink's
// TaskTracker), it commits the partitions the trigger releases, or all at the end of input,
// by running the policies in order on each: 'success-file' writes an empty success file into
// the partition directory (Flink's SuccessFileCommitPolicy, overwriting: committing is
// idempotent). Its checkpoint keeps the pending partitions and, for partition-time, the
// watermark of each checkpoint, so that a restore neither loses a pending partition nor
// commits again one committed before. Produces no records. Runs in its task thread.
class PartitionCommitter final : public runtime::StreamOperator {
 public:
  // Output type of the operator (Flink's Void).
  using Output = std::monostate;

  PartitionCommitter(std::string base_path, std::vector<std::string> partition_keys, PartitionCommitOptions options);

  Status initializeState(const std::vector<std::string>& operator_state) override;
  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;
  Result<std::vector<std::string>> snapshotOperatorState(int64_t checkpoint_id) override;

 protected:
  // The watermark is kept (currentWatermark()) for the next snapshot, not forwarded.
  void onWatermark(int64_t) override {}

 private:
  void commitPartitions(int64_t checkpoint_id);
  Status commitPartition(const std::string& partition);

  std::string base_path_;
  PartitionCommitOptions options_;
  PartitionCommitTrigger trigger_;
  std::shared_ptr<FileSystem> file_system_;
  // Per checkpoint, the writer subtasks that reported it (Flink's TaskTracker).
  std::optional<int> number_of_tasks_;
  std::map<int64_t, std::set<int>> notified_tasks_;
};

}  // namespace eddy::sql
