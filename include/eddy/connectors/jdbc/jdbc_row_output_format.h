#pragma once

#include <memory>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/connectors/jdbc/jdbc_connection_options.h"
#include "eddy/connectors/jdbc/jdbc_execution_options.h"
#include "eddy/connectors/jdbc/jdbc_output_format.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"

namespace eddy::connectors::jdbc {

// What a JDBC table sink writes (Flink's JdbcDmlOptions): the table, its columns with their
// Flink SQL types, and the primary key (empty for an append-only table).
struct JdbcDmlOptions {
  std::string table_name;
  std::vector<std::string> field_names;
  std::vector<types::LogicalType> field_types;
  std::vector<std::string> key_fields;
};

class TableStatementExecutor;

// Writes a changelog of rows into a table, as the output format behind Flink's
// JdbcDynamicTableSink: with a primary key, changes are reduced by key in the buffer (last
// change wins) and written as upserts (INSERT … ON CONFLICT … DO UPDATE / ON DUPLICATE KEY
// UPDATE) and deletes; without one, rows are inserted and only +I is accepted. Buffering,
// interval flushes and retries are JdbcOutputFormat's. The owner calls flush() on every
// checkpoint and at the end of input. Used by one thread (plus the interval thread).
class JdbcRowOutputFormat {
 public:
  // Checks the options (types the dialect supports, key fields among the columns) and
  // connects. InvalidArgument / NotSupported / IOError naming what is wrong.
  static Result<std::unique_ptr<JdbcRowOutputFormat>> open(const JdbcConnectionOptions& connection_options,
                                                           const JdbcDmlOptions& dml_options,
                                                           const JdbcExecutionOptions& execution_options);
  ~JdbcRowOutputFormat();

  // Buffers the rows, flushing whenever batch-size rows are buffered.
  Status writeRows(const std::vector<types::Row>& rows);
  Status flush() { return format_->flush(); }
  void close() { format_->close(); }

 private:
  JdbcRowOutputFormat(std::unique_ptr<JdbcOutputFormat> format, TableStatementExecutor* executor)
      : format_(std::move(format)), executor_(executor) {}

  std::unique_ptr<JdbcOutputFormat> format_;
  TableStatementExecutor* executor_;  // owned by format_
};

}  // namespace eddy::connectors::jdbc
