#pragma once

#include <optional>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/connectors/jdbc/jdbc_url.h"
#include "eddy/connectors/jdbc/prepared_statement.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"

namespace eddy::connectors::jdbc {

// Converts between Flink's SQL values and JDBC parameters / result text for one row type,
// as Flink's AbstractJdbcRowConverter. The mapping (Flink type → parameter → PostgreSQL /
// MySQL column):
//
//   BOOLEAN → setBoolean → boolean / TINYINT(1)     TINYINT, SMALLINT, INT → setInt → smallint, integer / INT
//   BIGINT → setLong → bigint / BIGINT              FLOAT, DOUBLE → setFloat, setDouble → real, double precision / DOUBLE
//   DECIMAL(p, s) → setBigDecimal → numeric(p, s) / DECIMAL(p, s)
//   CHAR, VARCHAR, STRING → setString → text, varchar / VARCHAR, TEXT
//   BINARY, VARBINARY, BYTES → setBytes → bytea / VARBINARY, BLOB
//   DATE → setDate → date / DATE                    TIME → setTime → time / TIME
//   TIMESTAMP(p) → setTimestamp → timestamp / DATETIME(p)
//   TIMESTAMP_LTZ(p) → setTimestamp (UTC session) → timestamptz / TIMESTAMP(p)
//
// Thread-compatible.
class JdbcRowConverter {
 public:
  JdbcRowConverter(JdbcDriverKind kind, std::vector<types::LogicalType> types)
      : kind_(kind), types_(std::move(types)) {}

  // Sets parameters 1..positions.size() of the statement's current row from the fields of
  // `row` at `positions`. InvalidArgument when a value does not have its field's type.
  Status toExternal(const types::Row& row, const std::vector<int>& positions, PreparedStatement& statement) const;
  // A row (INSERT) from the server's text of each field.
  Result<types::Row> toInternal(const std::vector<std::optional<std::string>>& text) const;

 private:
  JdbcDriverKind kind_;
  std::vector<types::LogicalType> types_;
};

}  // namespace eddy::connectors::jdbc
