#pragma once

#include <map>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/connectors/jdbc/jdbc_connection_options.h"
#include "eddy/types/logical_type.h"
#include "sql/connectors/dynamic_table.h"
#include "sql/connectors/lookup_options.h"

namespace eddy::sql {

// The lookup options of a 'connector' = 'jdbc' table, as Flink's JdbcDynamicTableFactory
// reads them: LookupOptions ('lookup.cache', 'lookup.partial-cache.*', 'lookup.max-retries')
// and the connector's legacy keys 'lookup.cache.max-rows' (default -1), 'lookup.cache.ttl'
// (default 10 s) and 'lookup.cache.caching-missing-key' (default true), which give a cache
// when both max-rows and ttl are positive; 'lookup.cache' = 'PARTIAL' takes precedence.
// InvalidArgument with Flink's messages, e.g. "Either all or none of the following options
// should be provided:\nlookup.cache.max-rows\nlookup.cache.ttl".
Result<LookupOptions> jdbcLookupOptions(const std::map<std::string, std::string>& options);

// Every 'lookup.*' key a jdbc table may have.
std::vector<std::string> jdbcLookupOptionKeys();

// How a jdbc table is looked up by the keys of `context` (Flink's
// JdbcDynamicTableSource#getLookupRuntimeProvider): JdbcRowDataLookupFunctions over the
// table's physical columns, behind options.partial_cache when set and without a cache
// otherwise ('lookup.cache' = 'FULL' included, as Flink's JDBC connector). NotSupported for
// a column type the dialect cannot read.
Result<LookupRuntimeProvider> jdbcLookupRuntimeProvider(const connectors::jdbc::JdbcConnectionOptions& connection,
                                                        const std::string& table_name,
                                                        const types::LogicalType& physical_row_type,
                                                        const LookupContext& context, const LookupOptions& options);

}  // namespace eddy::sql
