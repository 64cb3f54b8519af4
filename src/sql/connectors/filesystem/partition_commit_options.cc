#include "sql/connectors/filesystem/partition_commit_options.h"

#include <algorithm>
#include <chrono>
#include <string_view>

#include <fmt/format.h>

#include "eddy/common/config_options.h"
#include "sql/expression/zone_rules.h"

namespace eddy::sql {

namespace {

using Options = std::map<std::string, std::string>;

Status cannotParse(const std::string& key, const std::string& value) {
  return InvalidArgument(fmt::format("Could not parse value '{}' for key '{}'.", value, key));
}

std::string toLower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::optional<std::string> optionalOption(const Options& options, const std::string& key) {
  auto it = options.find(key);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

// FileSystemTableFactory#validateTimeZone.
Result<std::string> watermarkTimeZone(const Options& options) {
  const std::string key = "sink.partition-commit.watermark-time-zone";
  const std::string zone = optionalOption(options, key).value_or("UTC");
  if (ZoneRules::cached(zone).ok()) return zone;
  return InvalidArgument(fmt::format(
      "Invalid time zone for '{}'. The value should be a Time Zone Database (TZDB) ID such as "
      "'America/Los_Angeles' to include daylight saving time. Fixed offsets are supported using 'GMT-03:00' or "
      "'GMT+03:00'. Or use 'UTC' without time zone and daylight saving time.",
      key));
}

// PartitionCommitPolicyFactory#createPolicyChain and PartitionCommitPolicy#validatePolicyChain
// for a filesystem table (no metastore, no Java classes).
Result<std::vector<std::string>> policyChain(const Options& options) {
  std::vector<std::string> policies;
  const std::optional<std::string> kind = optionalOption(options, "sink.partition-commit.policy.kind");
  if (!kind) return policies;
  std::string_view rest = *kind;
  while (true) {
    const size_t comma = rest.find(',');
    const std::string name = toLower(std::string(rest.substr(0, comma)));
    if (name == "metastore") {
      return InvalidArgument(
          "Can not configure a 'metastore' partition commit policy for a file system table. You can only configure "
          "'metastore' partition commit policy for a hive table.");
    }
    if (name == "custom") {
      return NotSupported(
          "the 'custom' partition commit policy: Eddy cannot load a 'sink.partition-commit.policy.class'");
    }
    if (name != "success-file") return InvalidArgument(fmt::format("Unsupported policy: {}", name));
    policies.push_back(name);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return policies;
}

}  // namespace

const std::vector<std::string>& partitionCommitOptionKeys() {
  static const std::vector<std::string> keys = {
      "sink.partition-commit.trigger",
      "sink.partition-commit.delay",
      "sink.partition-commit.watermark-time-zone",
      "sink.partition-commit.policy.kind",
      "sink.partition-commit.policy.class",
      "sink.partition-commit.policy.class.parameters",
      "sink.partition-commit.success-file.name",
      "partition.time-extractor.kind",
      "partition.time-extractor.class",
      "partition.time-extractor.timestamp-pattern",
      "partition.time-extractor.timestamp-formatter"};
  return keys;
}

Result<PartitionCommitOptions> partitionCommitOptions(const Options& options) {
  PartitionCommitOptions commit;
  if (auto trigger = optionalOption(options, "sink.partition-commit.trigger")) {
    // Flink's enum options match the value case-insensitively.
    const std::string value = toLower(*trigger);
    if (value == "process-time") {
      commit.trigger = PartitionCommitTriggerType::kProcessTime;
    } else if (value == "partition-time") {
      commit.trigger = PartitionCommitTriggerType::kPartitionTime;
    } else {
      return cannotParse("sink.partition-commit.trigger", *trigger);
    }
  }
  if (auto delay = optionalOption(options, "sink.partition-commit.delay")) {
    Result<std::chrono::nanoseconds> value = parseDuration(*delay);
    if (!value.ok()) return cannotParse("sink.partition-commit.delay", *delay);
    commit.delay_ms = std::chrono::duration_cast<std::chrono::milliseconds>(*value).count();
  }
  EDDY_ASSIGN_OR_RETURN(commit.watermark_time_zone, watermarkTimeZone(options));
  for (const char* key : {"sink.partition-commit.policy.class", "sink.partition-commit.policy.class.parameters"}) {
    if (options.count(key) != 0) {
      return NotSupported(fmt::format("'{}': Eddy cannot load a custom partition commit policy class", key));
    }
  }
  EDDY_ASSIGN_OR_RETURN(commit.policies, policyChain(options));
  if (auto name = optionalOption(options, "sink.partition-commit.success-file.name")) commit.success_file_name = *name;
  if (auto kind = optionalOption(options, "partition.time-extractor.kind")) {
    if (*kind == "custom") {
      return NotSupported("the 'custom' partition time extractor: Eddy cannot load a 'partition.time-extractor.class'");
    }
    if (*kind != "default") return InvalidArgument(fmt::format("Unsupported extractor kind: {}", *kind));
  }
  if (options.count("partition.time-extractor.class") != 0) {
    return NotSupported("'partition.time-extractor.class': Eddy cannot load a custom partition time extractor class");
  }
  commit.timestamp_pattern = optionalOption(options, "partition.time-extractor.timestamp-pattern");
  commit.timestamp_formatter = optionalOption(options, "partition.time-extractor.timestamp-formatter");
  return commit;
}

}  // namespace eddy::sql
