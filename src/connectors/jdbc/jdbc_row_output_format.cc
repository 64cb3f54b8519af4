#include "eddy/connectors/jdbc/jdbc_row_output_format.h"

#include <algorithm>

#include <fmt/format.h>

#include "connectors/jdbc/table_statement_executors.h"
#include "eddy/connectors/jdbc/jdbc_dialect.h"

namespace eddy::connectors::jdbc {

Result<std::unique_ptr<JdbcRowOutputFormat>> JdbcRowOutputFormat::open(const JdbcConnectionOptions& connection_options,
                                                                       const JdbcDmlOptions& dml,
                                                                       const JdbcExecutionOptions& execution_options) {
  EDDY_ASSIGN_OR_RETURN(JdbcUrl target, connection_options.connectionTarget());
  const JdbcDialect dialect(target.kind);
  if (dml.field_names.size() != dml.field_types.size() || dml.field_names.empty()) {
    return InvalidArgument(fmt::format("JDBC table '{}': {} column names for {} types", dml.table_name,
                                       dml.field_names.size(), dml.field_types.size()));
  }
  for (size_t i = 0; i < dml.field_types.size(); ++i) {
    EDDY_RETURN_IF_ERROR(dialect.validate(dml.field_types[i]).withContext(
        fmt::format("JDBC table '{}', column '{}'", dml.table_name, dml.field_names[i])));
  }
  std::vector<int> key_positions;
  for (const std::string& key : dml.key_fields) {
    auto it = std::find(dml.field_names.begin(), dml.field_names.end(), key);
    if (it == dml.field_names.end()) {
      return InvalidArgument(fmt::format("JDBC table '{}': the primary key column '{}' is not a column", dml.table_name, key));
    }
    key_positions.push_back(static_cast<int>(it - dml.field_names.begin()));
  }
  const int field_count = static_cast<int>(dml.field_names.size());
  JdbcRowConverter converter(target.kind, dml.field_types);
  std::unique_ptr<TableStatementExecutor> executor;
  if (dml.key_fields.empty()) {
    executor = std::make_unique<TableSimpleStatementExecutor>(
        dialect.getInsertIntoStatement(dml.table_name, dml.field_names), std::move(converter), field_count);
  } else {
    executor = std::make_unique<TableBufferReducedStatementExecutor>(
        dialect.getUpsertStatement(dml.table_name, dml.field_names, dml.key_fields),
        dialect.getDeleteStatement(dml.table_name, dml.key_fields), std::move(converter), std::move(key_positions),
        field_count);
  }
  TableStatementExecutor* raw = executor.get();
  auto format = std::make_unique<JdbcOutputFormat>(connection_options, execution_options, dml.table_name,
                                                   std::move(executor));
  EDDY_RETURN_IF_ERROR(format->open());
  return std::unique_ptr<JdbcRowOutputFormat>(new JdbcRowOutputFormat(std::move(format), raw));
}

JdbcRowOutputFormat::~JdbcRowOutputFormat() = default;

Status JdbcRowOutputFormat::writeRows(const std::vector<types::Row>& rows) {
  auto lock = format_->lock();
  EDDY_RETURN_IF_ERROR(format_->checkFlushException());
  size_t done = 0;
  while (done < rows.size()) {
    // At least one row: after a failed flush the buffer may already be full.
    size_t count = std::min(rows.size() - done, static_cast<size_t>(std::max(1, format_->batchSpace())));
    EDDY_RETURN_IF_ERROR(executor_->addToBatch(rows.data() + done, count));
    done += count;
    EDDY_RETURN_IF_ERROR(format_->recordsAdded(static_cast<int>(count)));
  }
  return Status::OK();
}

}  // namespace eddy::connectors::jdbc
