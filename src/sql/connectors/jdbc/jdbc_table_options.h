#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/connectors/jdbc/jdbc_connection_options.h"
#include "eddy/connectors/jdbc/jdbc_execution_options.h"
#include "eddy/connectors/jdbc/jdbc_url.h"
#include "sql/connectors/lookup_options.h"

namespace eddy::sql {

// The options of a 'connector' = 'jdbc' table, with Flink's keys and defaults
// (JdbcConnectorOptions and LookupOptions), as JdbcDynamicTableFactory reads them. A value.
struct JdbcTableOptions {
  // 'url', 'table-name', 'driver', 'username', 'password', 'connection.max-retry-timeout'.
  connectors::jdbc::JdbcConnectionOptions connection;
  std::string table_name;
  // The database system the url names.
  connectors::jdbc::JdbcDriverKind dialect = connectors::jdbc::JdbcDriverKind::kPostgres;

  // 'scan.partition.column', '.num', '.lower-bound', '.upper-bound': all or none.
  std::optional<std::string> partition_column;
  std::optional<int> partition_num;
  std::optional<int64_t> partition_lower_bound;
  std::optional<int64_t> partition_upper_bound;
  // 'scan.fetch-size': a hint for rows per round trip; the whole split is read at once, so
  // it is accepted and has no effect.
  // Default: 0
  int fetch_size = 0;
  // 'scan.auto-commit': a scan runs one SELECT per split in auto-commit mode either way.
  // Default: true
  bool auto_commit = true;

  // 'sink.buffer-flush.max-rows' (100; 0 disables the size flush), 'sink.buffer-flush.interval'
  // (1 s; 0 disables the interval flush), 'sink.max-retries' (3).
  connectors::jdbc::JdbcExecutionOptions execution;
  // 'sink.parallelism': the sink's parallelism; the input's when unset.
  std::optional<int> sink_parallelism;

  // 'lookup.*', as jdbcLookupOptions reads them (jdbc_lookup_options.h).
  LookupOptions lookup;

  // Reads and checks `options` as Flink's JdbcDynamicTableFactory#validateConfigOptions:
  // InvalidArgument with Flink's messages ("Either all or none of the following options
  // should be provided:\n…", "'scan.partition.lower-bound'='…' must not be larger than …",
  // "The value of '…' option shouldn't be negative, but is …", "Could not parse value …").
  // The option keys themselves are checked by the factory.
  static Result<JdbcTableOptions> fromTableOptions(const std::map<std::string, std::string>& options);

  // "JDBC:PostgreSQL" or "JDBC:MySQL": Flink's asSummaryString of the jdbc source and sink.
  std::string summaryString() const;

  // Every key a jdbc table may have besides 'connector', as Flink's factory declares them.
  static std::vector<std::string> requiredOptionKeys();
  static std::vector<std::string> optionalOptionKeys();
};

}  // namespace eddy::sql
