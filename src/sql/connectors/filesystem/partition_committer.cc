#include "sql/connectors/filesystem/partition_committer.h"

#include <stdexcept>

#include "eddy/common/check.h"
#include "eddy/runtime/record_batch.h"

namespace eddy::sql {

namespace {

void check(const Status& status) {
  if (!status.ok()) throw std::runtime_error(status.toString());
}

}  // namespace

PartitionCommitter::PartitionCommitter(std::string base_path, std::vector<std::string> partition_keys,
                                       PartitionCommitOptions options)
    : base_path_(std::move(base_path)),
      options_(std::move(options)),
      trigger_(options_.trigger, PartitionCommitPredicate(options_, std::move(partition_keys))) {}

Status PartitionCommitter::initializeState(const std::vector<std::string>& operator_state) {
  for (const std::string& bytes : operator_state) EDDY_RETURN_IF_ERROR(trigger_.restoreState(bytes));
  return Status::OK();
}

void PartitionCommitter::open() {
  Result<std::shared_ptr<FileSystem>> file_system = FileSystem::get(base_path_);
  check(file_system.status());
  file_system_ = std::move(*file_system);
}

void PartitionCommitter::processBatch(runtime::BatchBase& batch, int) {
  const int64_t now = processingTimeService().getCurrentProcessingTime();
  for (const PartitionCommitInfo& message : static_cast<runtime::RecordBatch<PartitionCommitInfo>&>(batch).values) {
    for (const std::string& partition : message.partitions) trigger_.addPartition(partition, now);
    if (!number_of_tasks_) number_of_tasks_ = message.number_of_tasks;
    std::set<int>& tasks = notified_tasks_[message.checkpoint_id];
    tasks.insert(message.task_id);
    if (static_cast<int>(tasks.size()) == *number_of_tasks_) {
      notified_tasks_.erase(notified_tasks_.begin(), notified_tasks_.upper_bound(message.checkpoint_id));
      commitPartitions(message.checkpoint_id);
    }
  }
}

void PartitionCommitter::commitPartitions(int64_t checkpoint_id) {
  std::vector<std::string> partitions;
  if (checkpoint_id == kEndOfInputCheckpointId) {
    partitions = trigger_.endInput();
  } else {
    Result<std::vector<std::string>> committable =
        trigger_.committablePartitions(checkpoint_id, processingTimeService().getCurrentProcessingTime());
    check(committable.status());
    partitions = std::move(*committable);
  }
  for (const std::string& partition : partitions) check(commitPartition(partition));
}

Status PartitionCommitter::commitPartition(const std::string& partition) {
  const std::string directory = base_path_ + "/" + partition;
  for (const std::string& policy : options_.policies) {
    // partitionCommitOptions() admits no other policy.
    EDDY_CHECK(policy == "success-file");
    EDDY_ASSIGN_OR_RETURN(Path path, Path::parse(directory + "/" + options_.success_file_name));
    EDDY_ASSIGN_OR_RETURN(std::unique_ptr<FSDataOutputStream> stream,
                          file_system_->create(path, WriteMode::kOverwrite));
    EDDY_RETURN_IF_ERROR(stream->close());
  }
  return Status::OK();
}

Result<std::vector<std::string>> PartitionCommitter::snapshotOperatorState(int64_t checkpoint_id) {
  return std::vector<std::string>{trigger_.snapshotState(checkpoint_id, currentWatermark())};
}

}  // namespace eddy::sql
