#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "eddy/common/file_system.h"
#include "eddy/runtime/stream_operator.h"
#include "eddy/types/logical_type.h"
#include "sql/connectors/filesystem/filesystem_sink_state.h"
#include "sql/connectors/filesystem/partition_commit_info.h"
#include "sql/connectors/filesystem/partition_commit_options.h"
#include "sql/connectors/filesystem/partition_commit_predicate.h"
#include "sql/connectors/filesystem/row_line_format.h"

namespace eddy::sql {

// The options of a filesystem sink, with Flink's keys (FileSystemConnectorOptions) and
// defaults.
struct FileSystemSinkOptions {
  // 'path': the table's local directory, absolute and normalized.
  std::string base_path;
  // 'sink.rolling-policy.file-size': a part file larger than this is closed.
  // Default: 128 MiB
  int64_t file_size = int64_t{128} << 20;
  // 'sink.rolling-policy.rollover-interval': a part file open this long is closed.
  // Default: 30 min
  int64_t rollover_interval_ms = 30 * 60 * 1000;
  // 'sink.rolling-policy.inactivity-interval': a part file not written to for this long is
  // closed.
  // Default: 30 min
  int64_t inactivity_interval_ms = 30 * 60 * 1000;
  // 'sink.rolling-policy.check-interval': how often the two intervals are checked.
  // Default: 1 min
  int64_t check_interval_ms = 60 * 1000;
  // 'partition.default-name': the directory value of a null or empty partition value.
  // Default: "__DEFAULT_PARTITION__"
  std::string default_partition_name = "__DEFAULT_PARTITION__";
  // 'sink.partition-commit.*' and 'partition.time-extractor.*'.
  PartitionCommitOptions partition_commit;
};

// Writes the rows of a filesystem table into part files, exactly once (Flink's
// StreamingFileWriter with the table's TableRollingPolicy and row encoder). Rows go into
// the bucket of their partition ("k1=v1/k2=v2" under the path, or the path itself), each
// row without its partition columns, encoded by the format, one a line. A bucket writes one
// part file at a time, named part-<uuid>-<subtask>-<n> and written hidden as
// .part-<uuid>-<subtask>-<n>.inprogress.<uuid>:
//
//   in progress --(file-size exceeded on the next row or at a checkpoint, rollover or
//   inactivity interval passed at a check)--> pending --(checkpoint of its closing
//   completes, or the bounded input ends)--> committed: renamed to its visible name
//
// A checkpoint syncs in-progress files and keeps their valid lengths and the pending files
// in the operator state; restoring truncates in-progress files to their valid lengths and
// commits everything in the state (its checkpoint completed), so nothing is lost or
// written twice. The uuid is the sink's, the same for every subtask and attempt. Local
// file systems only. Runs in its task thread.
//
// With partition commit (partition keys and 'sink.partition-commit.policy.kind'), the writer
// also feeds the PartitionCommitter (Flink's StreamingFileWriter): it notes each partition it
// opens a part file in, keeps them per checkpoint (in its state too), and when a checkpoint
// completes emits a PartitionCommitInfo with those up to it; the end of input emits one for
// kEndOfInputCheckpointId. At a checkpoint it first closes the in-progress files of the
// partitions the commit predicate already accepts, so that their data is visible when they
// are committed. Watermarks are forwarded to the committer. (Flink notes a partition when its
// bucket is created; Eddy keeps its buckets, so a part file opened after the previous ones
// were committed stands for that: the partition is reported, and committed, again.)
class FileSystemSinkOperator final : public runtime::StreamOperator {
 public:
  // REQUIRES: the format can encode the non-partition columns of `physical_type`.
  FileSystemSinkOperator(FileSystemSinkOptions options, types::LogicalType physical_type,
                         std::vector<std::string> partition_keys, RowLineFormat format, std::string sink_uuid);
  ~FileSystemSinkOperator() override;

  Status initializeState(const std::vector<std::string>& operator_state) override;
  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;
  Result<std::vector<std::string>> snapshotOperatorState(int64_t checkpoint_id) override;
  void notifyCheckpointComplete(int64_t checkpoint_id) override;
  void finish() override;
  void close() override;

 private:
  struct Bucket;

  Bucket& bucketOf(const std::string& partition);
  void openPart(Bucket& bucket, int64_t now);
  // Flushes and closes the bucket's in-progress file; it becomes pending.
  void closePart(Bucket& bucket);
  void flushBuffer(Bucket& bucket);
  void onProcessingTime(int64_t now);
  void commit(const std::vector<PartFile>& files);
  // StreamingFileWriter#closePartFileForPartitions.
  void closePartFileForPartitions();
  // Reports the new partitions up to `checkpoint_id` to the committer.
  void emitPartitionCommitInfo(int64_t checkpoint_id);
  static void check(const Status& status);

  FileSystemSinkOptions options_;
  types::LogicalType physical_type_;
  std::vector<std::string> partition_keys_;
  RowLineFormat format_;
  std::string sink_uuid_;
  std::unique_ptr<RowLineEncoder> encoder_;
  std::vector<size_t> data_positions_;
  std::vector<size_t> partition_positions_;
  std::shared_ptr<FileSystem> file_system_;
  std::map<std::string, std::unique_ptr<Bucket>> buckets_;
  int64_t part_counter_ = 0;
  // Closed since the last checkpoint, then per checkpoint until it completes.
  std::vector<PartFile> pending_;
  std::map<int64_t, std::vector<PartFile>> pending_per_checkpoint_;
  FileSystemSinkState restored_;
  // Partition commit: set when a committer follows.
  std::optional<PartitionCommitPredicate> commit_predicate_;
  // Partitions opened since the last checkpoint, then per checkpoint until reported, and
  // those restored (reported with the next message).
  std::set<std::string> current_new_partitions_;
  std::map<int64_t, std::set<std::string>> new_partitions_;
  std::set<std::string> restored_partitions_;
  // Partitions with an in-progress file not yet closed for commit, with the processing time
  // of their first part file.
  std::map<std::string, int64_t> in_progress_partitions_;
};

}  // namespace eddy::sql
