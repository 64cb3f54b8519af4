#include "sql/connectors/jdbc/jdbc_table_options.h"

#include <algorithm>
#include <chrono>
#include <limits>

#include <fmt/format.h>

#include "eddy/common/config_options.h"
#include "eddy/connectors/jdbc/jdbc_dialect.h"
#include "sql/connectors/factory_helper.h"
#include "sql/connectors/jdbc/jdbc_lookup_options.h"

namespace eddy::sql {
namespace {

using connectors::jdbc::JdbcConnectionOptions;
using connectors::jdbc::JdbcExecutionOptions;
using Options = std::map<std::string, std::string>;

constexpr const char* kPartitionKeys[] = {"scan.partition.column", "scan.partition.num", "scan.partition.lower-bound",
                                          "scan.partition.upper-bound"};

Status cannotParse(const std::string& key, const std::string& value) {
  return InvalidArgument(fmt::format("Could not parse value '{}' for key '{}'.", value, key));
}

template <typename T>
Result<std::optional<T>> numberOption(const Options& options, const std::string& key) {
  auto it = options.find(key);
  if (it == options.end()) return std::optional<T>();
  Result<T> value = ConfigValue<T>::parse(it->second);
  if (!value.ok()) return cannotParse(key, it->second);
  return std::optional<T>(*value);
}

Result<std::chrono::milliseconds> durationOption(const Options& options, const std::string& key,
                                                 std::chrono::milliseconds default_value) {
  auto it = options.find(key);
  if (it == options.end()) return default_value;
  Result<std::chrono::nanoseconds> value = parseDuration(it->second);
  if (!value.ok()) return cannotParse(key, it->second);
  return std::chrono::duration_cast<std::chrono::milliseconds>(*value);
}

// Flink's JdbcDynamicTableFactory#checkAllOrNone.
Status checkAllOrNone(const Options& options, const std::vector<std::string>& keys) {
  size_t present = 0;
  for (const std::string& key : keys) present += options.contains(key) ? 1 : 0;
  if (present == 0 || present == keys.size()) return Status::OK();
  return InvalidArgument(fmt::format("Either all or none of the following options should be provided:\n{}",
                                     fmt::join(keys, "\n")));
}

Status checkNotNegative(const std::string& key, int value) {
  if (value >= 0) return Status::OK();
  return InvalidArgument(fmt::format("The value of '{}' option shouldn't be negative, but is {}.", key, value));
}

}  // namespace

std::string JdbcTableOptions::summaryString() const {
  return "JDBC:" + std::string(connectors::jdbc::JdbcDialect(dialect).dialectName());
}

std::vector<std::string> JdbcTableOptions::requiredOptionKeys() { return {"url", "table-name"}; }

std::vector<std::string> JdbcTableOptions::optionalOptionKeys() {
  std::vector<std::string> keys = {"driver",
                                   "compatible-mode",
                                   "username",
                                   "password",
                                   "connection.max-retry-timeout",
                                   "scan.partition.column",
                                   "scan.partition.num",
                                   "scan.partition.lower-bound",
                                   "scan.partition.upper-bound",
                                   "scan.fetch-size",
                                   "scan.auto-commit",
                                   "sink.buffer-flush.max-rows",
                                   "sink.buffer-flush.interval",
                                   "sink.max-retries",
                                   "sink.parallelism"};
  for (const std::string& key : jdbcLookupOptionKeys()) keys.push_back(key);
  return keys;
}

Result<JdbcTableOptions> JdbcTableOptions::fromTableOptions(const Options& options) {
  JdbcTableOptions table;
  table.table_name = optionOr(options, "table-name", "");

  // Parse every typed option first, as Flink's helper.validate() reads them.
  EDDY_ASSIGN_OR_RETURN(std::chrono::milliseconds max_retry_timeout,
                        durationOption(options, "connection.max-retry-timeout", std::chrono::seconds(60)));
  EDDY_ASSIGN_OR_RETURN(std::optional<int32_t> partition_num, numberOption<int32_t>(options, "scan.partition.num"));
  EDDY_ASSIGN_OR_RETURN(std::optional<int64_t> lower_bound, numberOption<int64_t>(options, "scan.partition.lower-bound"));
  EDDY_ASSIGN_OR_RETURN(std::optional<int64_t> upper_bound, numberOption<int64_t>(options, "scan.partition.upper-bound"));
  EDDY_ASSIGN_OR_RETURN(std::optional<int32_t> fetch_size, numberOption<int32_t>(options, "scan.fetch-size"));
  EDDY_ASSIGN_OR_RETURN(table.auto_commit, booleanOption(options, "scan.auto-commit", true));
  EDDY_ASSIGN_OR_RETURN(std::optional<int32_t> lookup_max_retries, numberOption<int32_t>(options, "lookup.max-retries"));
  EDDY_ASSIGN_OR_RETURN(std::optional<int32_t> max_rows, numberOption<int32_t>(options, "sink.buffer-flush.max-rows"));
  EDDY_ASSIGN_OR_RETURN(std::chrono::milliseconds flush_interval,
                        durationOption(options, "sink.buffer-flush.interval", std::chrono::seconds(1)));
  EDDY_ASSIGN_OR_RETURN(std::optional<int32_t> sink_max_retries, numberOption<int32_t>(options, "sink.max-retries"));
  EDDY_ASSIGN_OR_RETURN(table.sink_parallelism, numberOption<int32_t>(options, "sink.parallelism"));

  JdbcConnectionOptions::JdbcConnectionOptionsBuilder connection;
  connection.withUrl(optionOr(options, "url", ""));
  if (auto it = options.find("driver"); it != options.end()) connection.withDriverName(it->second);
  if (auto it = options.find("username"); it != options.end()) connection.withUsername(it->second);
  if (auto it = options.find("password"); it != options.end()) connection.withPassword(it->second);
  connection.withConnectionCheckTimeoutSeconds(
      static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(max_retry_timeout).count()));
  table.connection = connection.build();

  // Flink's JdbcDynamicTableFactory#validateConfigOptions, in its order.
  EDDY_ASSIGN_OR_RETURN(connectors::jdbc::JdbcUrl target, table.connection.connectionTarget());
  table.dialect = target.kind;
  if (auto it = options.find("compatible-mode"); it != options.end()) {
    return NotSupported(fmt::format("'compatible-mode'='{}': the JDBC connector has no compatible modes", it->second));
  }
  EDDY_RETURN_IF_ERROR(checkAllOrNone(options, {"username", "password"}));
  EDDY_RETURN_IF_ERROR(checkAllOrNone(options, {std::begin(kPartitionKeys), std::end(kPartitionKeys)}));
  if (lower_bound && upper_bound && *lower_bound > *upper_bound) {
    return InvalidArgument(fmt::format("'scan.partition.lower-bound'='{}' must not be larger than "
                                       "'scan.partition.upper-bound'='{}'.",
                                       *lower_bound, *upper_bound));
  }
  EDDY_RETURN_IF_ERROR(checkAllOrNone(options, {"lookup.cache.max-rows", "lookup.cache.ttl"}));
  EDDY_RETURN_IF_ERROR(checkNotNegative("lookup.max-retries", lookup_max_retries.value_or(3)));
  EDDY_RETURN_IF_ERROR(checkNotNegative("sink.max-retries", sink_max_retries.value_or(3)));
  if (max_retry_timeout < std::chrono::seconds(1)) {
    return InvalidArgument(fmt::format("The value of 'connection.max-retry-timeout' option must be in second "
                                       "granularity and shouldn't be smaller than 1 second, but is {}.",
                                       optionOr(options, "connection.max-retry-timeout", "")));
  }
  if (partition_num && *partition_num <= 0) {
    return InvalidArgument(fmt::format("'scan.partition.num' must be positive, but is {}.", *partition_num));
  }
  if (table.sink_parallelism && *table.sink_parallelism <= 0) {
    return InvalidArgument(fmt::format("'sink.parallelism' must be positive, but is {}.", *table.sink_parallelism));
  }

  table.partition_column = options.contains("scan.partition.column")
                               ? std::optional<std::string>(options.at("scan.partition.column"))
                               : std::nullopt;
  table.partition_num = partition_num;
  table.partition_lower_bound = lower_bound;
  table.partition_upper_bound = upper_bound;
  table.fetch_size = fetch_size.value_or(0);
  // Flink flushes by size only when max-rows > 0.
  const int flush_max_rows = max_rows.value_or(100);
  const int batch_size = flush_max_rows > 0 ? flush_max_rows : std::numeric_limits<int>::max();
  table.execution = JdbcExecutionOptions::builder()
                        .withBatchSize(batch_size)
                        .withBatchIntervalMs(std::max<int64_t>(0, flush_interval.count()))
                        .withMaxRetries(sink_max_retries.value_or(3))
                        .build();
  EDDY_ASSIGN_OR_RETURN(table.lookup, jdbcLookupOptions(options));
  return table;
}

}  // namespace eddy::sql
