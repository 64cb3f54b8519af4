#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "sql/connectors/filesystem/partition_commit_options.h"
#include "sql/connectors/filesystem/partition_time_extractor.h"
#include "sql/expression/zone_rules.h"

namespace eddy::sql {

// Decides whether a partition may be committed (Flink's PartitionCommitPredicate):
// - process-time (ProcTimeCommitPredicate): the delay is 0, or the current processing time
//   is past the partition's creation time plus the delay;
// - partition-time (PartitionTimeCommitPredicate): the watermark is past the partition time,
//   read in the watermark time zone, plus the delay.
// Immutable; thread-safe.
class PartitionCommitPredicate {
 public:
  // REQUIRES: `options` passed partitionCommitOptions() (its time zone is known).
  PartitionCommitPredicate(const PartitionCommitOptions& options, std::vector<std::string> partition_keys);

  // `partition` is a partition directory, "k1=v1/k2=v2" with escaped values.
  // InvalidArgument when the partition time cannot be extracted (partition-time only).
  Result<bool> isPartitionCommittable(const std::string& partition, int64_t create_proc_time,
                                      int64_t current_proc_time, int64_t watermark) const;

 private:
  PartitionCommitTriggerType trigger_;
  int64_t delay_ms_;
  std::shared_ptr<const ZoneRules> watermark_zone_;
  std::vector<std::string> partition_keys_;
  PartitionTimeExtractor extractor_;
};

}  // namespace eddy::sql
