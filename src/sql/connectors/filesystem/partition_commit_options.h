#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "eddy/common/result.h"

namespace eddy::sql {

// What decides that a partition may be committed ('sink.partition-commit.trigger').
enum class PartitionCommitTriggerType {
  // 'process-time': the partition's creation time (processing time) plus the delay has
  // passed the current processing time.
  kProcessTime,
  // 'partition-time': the time extracted from the partition values plus the delay has passed
  // the watermark.
  kPartitionTime,
};

// The partition commit options of a filesystem sink, with Flink's keys and defaults
// (FileSystemConnectorOptions, "Partition Commit" of the FileSystem connector page). Plain
// values; validated by partitionCommitOptions().
struct PartitionCommitOptions {
  // 'sink.partition-commit.trigger'.
  // Default: process-time
  PartitionCommitTriggerType trigger = PartitionCommitTriggerType::kProcessTime;
  // 'sink.partition-commit.delay': a partition is not committed before this much time.
  // Default: 0 ms
  int64_t delay_ms = 0;
  // 'sink.partition-commit.watermark-time-zone': the zone in which the partition time is
  // read to compare it with the watermark; a fixed offset or a region id.
  // Default: "UTC"
  std::string watermark_time_zone = "UTC";
  // 'sink.partition-commit.policy.kind' split at ',': the policies run for each committed
  // partition, in order. Empty: the option is not set and no partition is committed.
  // Default: none
  std::vector<std::string> policies;
  // 'sink.partition-commit.success-file.name': the file the success-file policy writes.
  // Default: "_SUCCESS"
  std::string success_file_name = "_SUCCESS";
  // 'partition.time-extractor.timestamp-pattern': "$key" parts are replaced by the partition
  // values. Unset: the first partition value is the timestamp.
  // Default: none
  std::optional<std::string> timestamp_pattern;
  // 'partition.time-extractor.timestamp-formatter': a Java DateTimeFormatter pattern that
  // reads the timestamp. Unset: 'yyyy-[m]m-[d]d [h]h:[m]m:[s]s[.fraction]' or a date.
  // Default: none
  std::optional<std::string> timestamp_formatter;

  // Whether a partition committer follows the writers (Flink's StreamingSink: the table has
  // partition keys and 'sink.partition-commit.policy.kind' is set).
  bool isCommitEnabled(const std::vector<std::string>& partition_keys) const {
    return !partition_keys.empty() && !policies.empty();
  }
};

// The option keys read by partitionCommitOptions(), for the factory's optional options.
const std::vector<std::string>& partitionCommitOptionKeys();

// Reads and validates the partition commit options of a table. InvalidArgument with Flink's
// messages for unparsable values, an invalid watermark time zone and a 'metastore' policy (a
// filesystem table has no metastore); NotSupported for the 'custom' policy and its
// 'sink.partition-commit.policy.class' and a custom 'partition.time-extractor.kind'.
Result<PartitionCommitOptions> partitionCommitOptions(const std::map<std::string, std::string>& options);

}  // namespace eddy::sql
