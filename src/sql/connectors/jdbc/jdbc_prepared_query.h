#pragma once

#include <string>
#include <vector>

#include "connectors/jdbc/jdbc_row_converter.h"
#include "eddy/common/result.h"
#include "eddy/connectors/jdbc/jdbc_url.h"
#include "eddy/connectors/jdbc/prepared_statement.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"

namespace eddy::connectors::jdbc {
class JdbcConnection;
}  // namespace eddy::connectors::jdbc

namespace eddy::sql {

// A SELECT with `?` placeholders prepared on one connection and executed with a row of
// parameter values: PostgreSQL's `PREPARE name AS SELECT … WHERE k = $1` run as
// `EXECUTE name('v')`, MySQL's `PREPARE name FROM 'SELECT … WHERE k = ?'` run as
// `EXECUTE name USING 'v'` (MariaDB) or through user variables (MySQL, which takes only
// variables after USING). The values are literals of the EXECUTE, never part of the
// statement's text; both servers type them by what they are compared with, as a bound
// parameter is. Used for the lookups of a lookup join and for filtered scans. One
// connection, one thread.
class JdbcPreparedQuery {
 public:
  // `name`: the prepared statement's name, unique on its connection. `parameter_types`:
  // the types of a parameter row; `row_types`: the columns the query selects.
  JdbcPreparedQuery(connectors::jdbc::JdbcDriverKind kind, std::string name,
                    std::vector<types::LogicalType> parameter_types, std::vector<types::LogicalType> row_types);

  // Prepares `select` on `connection`.
  Status prepare(connectors::jdbc::JdbcConnection& connection, const std::string& select);
  // The rows the prepared query returns for `parameters` (one value per placeholder, in
  // order). REQUIRES: prepare succeeded on `connection`.
  Result<std::vector<types::Row>> execute(connectors::jdbc::JdbcConnection& connection, const types::Row& parameters);

 private:
  void appendLiteral(const connectors::jdbc::Parameter& parameter, std::string& out) const;

  connectors::jdbc::JdbcDriverKind kind_;
  std::string name_;
  connectors::jdbc::JdbcRowConverter parameter_converter_;
  connectors::jdbc::JdbcRowConverter row_converter_;
  std::vector<int> parameter_positions_;
  connectors::jdbc::PreparedStatement parameters_;
  bool mariadb_ = false;
  bool backslash_escapes_ = true;
};

}  // namespace eddy::sql
