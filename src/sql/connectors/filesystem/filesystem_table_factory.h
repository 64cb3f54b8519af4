#pragma once

#include <memory>

#include "sql/connectors/dynamic_table.h"
#include "sql/connectors/factory_registry.h"
#include "sql/connectors/filesystem/filesystem_row_source.h"
#include "sql/connectors/filesystem/filesystem_sink_operator.h"
#include "sql/connectors/filesystem/partition_committer.h"

namespace eddy::sql {

// Reads a filesystem table (Flink's FileSystemTableSource): a bounded, insert-only scan of
// every file under 'path' in 'format'; of a PARTITIONED BY table, only the partitions the
// planner keeps (SupportsPartitionPushDown).
class FileSystemTableSource final : public ScanTableSource {
 public:
  explicit FileSystemTableSource(FileSystemReadSpec spec) : spec_(std::move(spec)) {}

  ChangelogMode getChangelogMode() const override { return ChangelogMode::insertOnly(); }
  bool isBounded() const override { return true; }
  bool supportsPartitionPushDown() const override { return !spec_.partition_keys.empty(); }
  // The partitions of the k=v directories that hold files, in path order.
  Result<std::vector<PartitionSpec>> listPartitions() const override;
  void applyPartitions(const std::vector<PartitionSpec>& remaining_partitions) override;
  Result<DataStream<RowChunk>> produceDataStream(StreamExecutionEnvironment& env) override;
  std::string asSummaryString() const override { return "FileSystemTableSource"; }

  // The DataStream source this table reads.
  std::shared_ptr<FileSystemRowSource> createSource() const { return std::make_shared<FileSystemRowSource>(spec_); }

 private:
  FileSystemReadSpec spec_;
};

// Writes a filesystem table (Flink's FileSystemTableSink in streaming mode): insert-only
// rows into part files under 'path' and its partition directories, committed exactly once
// (FileSystemSinkOperator); with partition keys and 'sink.partition-commit.policy.kind', a
// PartitionCommitter of parallelism 1 after the writers commits the partitions.
class FileSystemTableSink final : public DynamicTableSink {
 public:
  FileSystemTableSink(FileSystemSinkOptions options, types::LogicalType physical_type,
                      std::vector<std::string> partition_keys, RowLineFormat format, std::optional<int> parallelism);

  // The formats write rows without their kind: only inserts (Flink's csv and json
  // ChangelogMode.insertOnly()).
  ChangelogMode getChangelogMode(const ChangelogMode&) const override { return ChangelogMode::insertOnly(); }
  Status consumeDataStream(DataStream<RowChunk> stream) override;
  std::string asSummaryString() const override { return "Filesystem"; }

  // The writer operator of one subtask, as the sink adds it to a job.
  std::unique_ptr<FileSystemSinkOperator> createOperator() const;
  // The partition committer, as the sink adds it to a job when partitions are committed.
  std::unique_ptr<PartitionCommitter> createCommitter() const;
  const std::string& sinkUuid() const { return uuid_; }

 private:
  FileSystemSinkOptions options_;
  types::LogicalType physical_type_;
  std::vector<std::string> partition_keys_;
  RowLineFormat format_;
  std::optional<int> parallelism_;
  // The "part-<uuid>" of every part file this sink writes, fixed when it is planned.
  std::string uuid_;
};

// Registers the `filesystem` factory (Flink's FileSystemTableFactory): required 'path'
// (a local directory or file, plain or file://) and 'format' ('csv' or 'json', with its
// 'csv.*' / 'json.*' options); optional 'partition.default-name',
// 'sink.rolling-policy.file-size', 'sink.rolling-policy.rollover-interval',
// 'sink.rolling-policy.inactivity-interval', 'sink.rolling-policy.check-interval',
// 'sink.parallelism', and the partition commit options (partitionCommitOptions()).
// PARTITIONED BY columns map to k=v directories.
void registerFileSystemFactories(FactoryRegistry& registry);

}  // namespace eddy::sql
