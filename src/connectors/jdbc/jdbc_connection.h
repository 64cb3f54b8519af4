#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/connectors/jdbc/jdbc_connection_options.h"
#include "eddy/connectors/jdbc/prepared_statement.h"

namespace eddy::connectors::jdbc {

// The rows of a query as the server's text, column by column; nullopt is SQL NULL. Bytes
// columns hold the raw bytes (PostgreSQL's bytea hex is decoded).
struct QueryResult {
  std::vector<std::string> column_names;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

// One open connection to a database, as java.sql.Connection: PostgreSQL over libpq,
// MySQL/MariaDB over MariaDB Connector/C. Sessions run in UTC. Errors name the server
// (host:port) and never the password. Used by one thread at a time.
class JdbcConnection {
 public:
  // Connects to the target of `options`. IOError naming the masked url when the server
  // cannot be reached or refuses the login.
  static Result<std::unique_ptr<JdbcConnection>> open(const JdbcConnectionOptions& options);

  virtual ~JdbcConnection() = default;

  // Runs `sql` (with `?` placeholders) once for each row of `statement`'s batch, all in one
  // transaction: on failure nothing of the batch stays. The statement is prepared once per
  // connection. One virtual call per batch.
  virtual Status executeBatch(const std::string& sql, const PreparedStatement& statement) = 0;
  // Runs `sql` without parameters, ignoring any rows.
  virtual Status execute(const std::string& sql) = 0;
  // Runs a query without parameters and returns all its rows.
  virtual Result<QueryResult> query(const std::string& sql) = 0;
  // Whether the server still answers (Connection#isValid), waiting at most `timeout_seconds`.
  virtual bool isValid(int timeout_seconds) = 0;
};

// JDBC's `?` placeholders to PostgreSQL's $1, $2, …, leaving quoted strings, quoted
// identifiers and comments alone. `count`, when given, receives the number of placeholders.
std::string toPostgresPlaceholders(const std::string& sql, int* count = nullptr);

// `message` with every occurrence of a non-empty `password` replaced by "******".
std::string scrubPassword(std::string message, const std::string& password);

}  // namespace eddy::connectors::jdbc
