#pragma once

#include <string>

#include "eddy/connectors/jdbc/jdbc_row_output_format.h"
#include "eddy/types/logical_type.h"
#include "sql/connectors/dynamic_table.h"
#include "sql/connectors/jdbc/jdbc_table_options.h"

namespace eddy::sql {

// Writes a jdbc table (Flink's JdbcDynamicTableSink over a JdbcRowOutputFormat). With a
// PRIMARY KEY it takes an upsert changelog ([I, UA, D]: UPDATE_BEFORE is not needed) and
// writes upserts (INSERT … ON CONFLICT … DO UPDATE / ON DUPLICATE KEY UPDATE) and deletes,
// the last change of a key in the buffer winning; without one it takes inserts only, and
// the planner refuses an updating query with Flink's "doesn't support consuming update …".
// Each parallel writer buffers up to 'sink.buffer-flush.max-rows' rows, flushes every
// 'sink.buffer-flush.interval', on every checkpoint before the barrier passes and at the end
// of input (at-least-once; idempotent upserts make it exactly-once in effect), and retries a
// failed flush 'sink.max-retries' times before failing the job with an error that names the
// table and the server, never the password. With 'sink.parallelism' the writers run at that
// parallelism, a keyed table's rows hashed to them by primary key. Not thread-safe; one
// instance per planned INSERT.
class JdbcDynamicTableSink final : public DynamicTableSink {
 public:
  // REQUIRES: the key fields of `dml` are among its fields; `physical_row_type` is the ROW
  // of its fields.
  JdbcDynamicTableSink(JdbcTableOptions options, connectors::jdbc::JdbcDmlOptions dml,
                       types::LogicalType physical_row_type);

  ChangelogMode getChangelogMode(const ChangelogMode& requested_mode) const override;
  Status consumeDataStream(DataStream<RowChunk> stream) override;
  // "JDBC:PostgreSQL" or "JDBC:MySQL", as Flink.
  std::string asSummaryString() const override;

 private:
  JdbcTableOptions options_;
  connectors::jdbc::JdbcDmlOptions dml_;
  types::LogicalType physical_row_type_;
};

}  // namespace eddy::sql
