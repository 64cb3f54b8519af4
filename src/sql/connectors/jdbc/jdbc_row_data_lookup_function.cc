#include "sql/connectors/jdbc/jdbc_row_data_lookup_function.h"

#include <chrono>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "connectors/jdbc/jdbc_connection.h"
#include "eddy/connectors/jdbc/jdbc_dialect.h"
#include "sql/connectors/jdbc/jdbc_prepared_query.h"

namespace eddy::sql {

using connectors::jdbc::JdbcConnection;
using connectors::jdbc::JdbcDialect;

namespace {

// The name of the prepared statement; one per connection, and a connection per function.
constexpr const char* kStatementName = "eddy_lookup";

}  // namespace

JdbcRowDataLookupFunction::JdbcRowDataLookupFunction(connectors::jdbc::JdbcConnectionOptions connection_options,
                                                     JdbcLookupSpec spec, int max_retries)
    : connection_options_(std::move(connection_options)), spec_(std::move(spec)), max_retries_(max_retries) {}

JdbcRowDataLookupFunction::~JdbcRowDataLookupFunction() = default;

Status JdbcRowDataLookupFunction::open() { return connect(); }

Status JdbcRowDataLookupFunction::connect() {
  statement_.reset();
  connection_.reset();
  EDDY_ASSIGN_OR_RETURN(connectors::jdbc::JdbcUrl target, connection_options_.connectionTarget());
  const JdbcDialect dialect(target.kind);
  std::vector<types::LogicalType> key_types;
  for (const std::string& key : spec_.key_names) {
    size_t field = 0;
    while (field < spec_.field_names.size() && spec_.field_names[field] != key) ++field;
    if (field == spec_.field_names.size()) {
      return InvalidArgument(fmt::format("lookup key '{}' is not a column of JDBC table '{}'", key, spec_.table_name));
    }
    key_types.push_back(spec_.field_types[field]);
  }
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<JdbcConnection> connection, JdbcConnection::open(connection_options_));
  auto statement = std::make_unique<JdbcPreparedQuery>(target.kind, kStatementName, std::move(key_types), spec_.field_types);
  EDDY_RETURN_IF_ERROR(
      statement->prepare(*connection, dialect.getSelectFromStatement(spec_.table_name, spec_.field_names, spec_.key_names)));
  connection_ = std::move(connection);
  statement_ = std::move(statement);
  return Status::OK();
}

Result<std::vector<types::Row>> JdbcRowDataLookupFunction::query(const types::Row& key_row) {
  if (!connection_) EDDY_RETURN_IF_ERROR(connect());
  return statement_->execute(*connection_, key_row);
}

Result<std::vector<types::Row>> JdbcRowDataLookupFunction::lookup(const types::Row& key_row) {
  for (int retry = 0;; ++retry) {
    Result<std::vector<types::Row>> rows = query(key_row);
    // Only the server's errors are worth retrying (Flink retries SQLExceptions).
    if (rows.ok() || rows.status().code() != StatusCode::kIOError) return rows;
    if (retry >= max_retries_) {
      return IOError(fmt::format("Execution of JDBC statement failed: {}", rows.status().message()));
    }
    if (connection_ && !connection_->isValid(connection_options_.getConnectionCheckTimeoutSeconds())) {
      // Opened again by the next attempt.
      statement_.reset();
      connection_.reset();
    }
    std::this_thread::sleep_for(std::chrono::seconds(retry));
  }
}

void JdbcRowDataLookupFunction::close() {
  statement_.reset();
  connection_.reset();
}

}  // namespace eddy::sql
