#include "sql/connectors/filesystem/partition_commit_predicate.h"

#include <fmt/format.h>

#include "eddy/common/check.h"
#include "eddy/types/civil_date.h"
#include "sql/connectors/filesystem/partition_path.h"

namespace eddy::sql {

PartitionCommitPredicate::PartitionCommitPredicate(const PartitionCommitOptions& options,
                                                   std::vector<std::string> partition_keys)
    : trigger_(options.trigger),
      delay_ms_(options.delay_ms),
      partition_keys_(std::move(partition_keys)),
      extractor_(options.timestamp_pattern, options.timestamp_formatter) {
  Result<std::shared_ptr<const ZoneRules>> zone = ZoneRules::cached(options.watermark_time_zone);
  EDDY_CHECK(zone.ok());
  watermark_zone_ = std::move(*zone);
}

Result<bool> PartitionCommitPredicate::isPartitionCommittable(const std::string& partition, int64_t create_proc_time,
                                                              int64_t current_proc_time, int64_t watermark) const {
  if (trigger_ == PartitionCommitTriggerType::kProcessTime) {
    return delay_ms_ == 0 || current_proc_time > create_proc_time + delay_ms_;
  }
  std::vector<std::string> values;
  for (auto& [key, value] : extractPartitionSpec(partition)) values.push_back(std::move(value));
  if (values.size() < partition_keys_.size()) {
    return InvalidArgument(fmt::format("Partition '{}' does not have a value for every partition key", partition));
  }
  EDDY_ASSIGN_OR_RETURN(int64_t local_time, extractor_.extract(partition_keys_, values));
  // The partition's local time as an instant in the watermark time zone (Flink compares
  // epoch milliseconds, not local times, to stay right across daylight saving changes).
  const int64_t offset_seconds = watermark_zone_->offsetOfLocal(types::floorDiv(local_time, 1000));
  const int64_t partition_time = local_time - offset_seconds * 1000;
  return watermark > partition_time + delay_ms_;
}

}  // namespace eddy::sql
