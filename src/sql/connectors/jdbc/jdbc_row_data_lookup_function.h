#pragma once

#include <memory>
#include <string>
#include <vector>

#include "eddy/connectors/jdbc/jdbc_connection_options.h"
#include "eddy/types/logical_type.h"
#include "sql/connectors/dynamic_table.h"

namespace eddy::connectors::jdbc {
class JdbcConnection;
}  // namespace eddy::connectors::jdbc

namespace eddy::sql {

class JdbcPreparedQuery;

// What a JDBC lookup reads: the table, its columns with their Flink SQL types (the rows a
// lookup returns), and the columns it looks up by, in the order of a key row.
struct JdbcLookupSpec {
  std::string table_name;
  std::vector<std::string> field_names;
  std::vector<types::LogicalType> field_types;
  std::vector<std::string> key_names;
};

// Looks a database table up key by key (Flink's JdbcRowDataLookupFunction):
// `SELECT <fields> FROM <table> WHERE k1 = ? AND k2 = ?`, prepared on the server once per
// connection (SQL PREPARE) and executed for each key with the key's values, on PostgreSQL
// and MySQL/MariaDB. A lookup the server fails (IOError) is retried max_retries times, as
// Flink retries SQLExceptions: before a retry the connection is checked and opened again
// (and the statement prepared again) when the server no longer answers, and the function
// sleeps 1 s × the retry number. As the JDBC sink, a failed re-connect counts as a failed
// attempt, so that a restarting server is waited for. The error that is left is "Execution
// of JDBC statement failed: <cause>"; messages never contain the password. Used by one
// task thread (LookupFunction).
class JdbcRowDataLookupFunction final : public LookupFunction {
 public:
  JdbcRowDataLookupFunction(connectors::jdbc::JdbcConnectionOptions connection_options, JdbcLookupSpec spec,
                            int max_retries);
  ~JdbcRowDataLookupFunction() override;

  // Connects and prepares the statement; no retries (a job that cannot reach its database
  // fails at start, as Flink).
  Status open() override;
  Result<std::vector<types::Row>> lookup(const types::Row& key_row) override;
  void close() override;

 private:
  Status connect();
  Result<std::vector<types::Row>> query(const types::Row& key_row);

  connectors::jdbc::JdbcConnectionOptions connection_options_;
  JdbcLookupSpec spec_;
  int max_retries_;
  std::unique_ptr<connectors::jdbc::JdbcConnection> connection_;
  std::unique_ptr<JdbcPreparedQuery> statement_;
};

}  // namespace eddy::sql
