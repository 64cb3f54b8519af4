#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/status.h"
#include "eddy/connectors/jdbc/jdbc_url.h"
#include "eddy/types/logical_type.h"

namespace eddy::connectors::jdbc {

// The SQL a JDBC connector generates for one database system, as Flink's JdbcDialect
// (PostgresDialect, MySqlDialect). Statements use `?` placeholders, as JDBC; the
// PostgreSQL connection turns them into $1, $2, ... A value; thread-safe.
class JdbcDialect {
 public:
  explicit JdbcDialect(JdbcDriverKind kind) : kind_(kind) {}

  JdbcDriverKind kind() const { return kind_; }
  // "PostgreSQL" or "MySQL".
  std::string_view dialectName() const;

  // MySQL: `name` (backticks doubled inside). PostgreSQL: the name unchanged, as Flink's
  // PostgresDialect, so that unquoted names fold to lower case the way users created them
  // and "schema.table" works.
  std::string quoteIdentifier(std::string_view identifier) const;

  // INSERT INTO t(a, b) VALUES (?, ?)
  std::string getInsertIntoStatement(std::string_view table, const std::vector<std::string>& fields) const;
  // PostgreSQL: INSERT … ON CONFLICT (k) DO UPDATE SET a=EXCLUDED.a, …
  // MySQL:      INSERT … ON DUPLICATE KEY UPDATE `a`=VALUES(`a`), …
  std::string getUpsertStatement(std::string_view table, const std::vector<std::string>& fields,
                                 const std::vector<std::string>& unique_key_fields) const;
  // UPDATE t SET a = ?, b = ? WHERE k = ?
  std::string getUpdateStatement(std::string_view table, const std::vector<std::string>& fields,
                                 const std::vector<std::string>& condition_fields) const;
  // DELETE FROM t WHERE k = ? AND k2 = ?
  std::string getDeleteStatement(std::string_view table, const std::vector<std::string>& condition_fields) const;
  // SELECT a, b FROM t [WHERE k = ? AND …]
  std::string getSelectFromStatement(std::string_view table, const std::vector<std::string>& fields,
                                     const std::vector<std::string>& condition_fields) const;

  // OK when a column of `type` can be written and read; NotSupported naming the type and
  // the dialect otherwise (Flink's JdbcDialect#validate).
  Status validate(const types::LogicalType& type) const;

 private:
  JdbcDriverKind kind_;
};

}  // namespace eddy::connectors::jdbc
