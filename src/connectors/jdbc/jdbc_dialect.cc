#include "eddy/connectors/jdbc/jdbc_dialect.h"

#include <fmt/format.h>

namespace eddy::connectors::jdbc {
namespace {

template <typename F>
std::string join(const std::vector<std::string>& items, std::string_view separator, F&& each) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += each(items[i]);
  }
  return out;
}

}  // namespace

std::string_view JdbcDialect::dialectName() const {
  return kind_ == JdbcDriverKind::kPostgres ? "PostgreSQL" : "MySQL";
}

std::string JdbcDialect::quoteIdentifier(std::string_view identifier) const {
  if (kind_ == JdbcDriverKind::kPostgres) return std::string(identifier);
  std::string out = "`";
  for (char c : identifier) {
    if (c == '`') out += '`';
    out += c;
  }
  out += '`';
  return out;
}

std::string JdbcDialect::getInsertIntoStatement(std::string_view table, const std::vector<std::string>& fields) const {
  std::string columns = join(fields, ", ", [this](const std::string& f) { return quoteIdentifier(f); });
  std::string placeholders = join(fields, ", ", [](const std::string&) { return std::string("?"); });
  return fmt::format("INSERT INTO {}({}) VALUES ({})", quoteIdentifier(table), columns, placeholders);
}

std::string JdbcDialect::getUpsertStatement(std::string_view table, const std::vector<std::string>& fields,
                                            const std::vector<std::string>& unique_key_fields) const {
  if (kind_ == JdbcDriverKind::kPostgres) {
    std::string keys = join(unique_key_fields, ", ", [this](const std::string& f) { return quoteIdentifier(f); });
    std::string updates = join(fields, ", ", [this](const std::string& f) {
      return quoteIdentifier(f) + "=EXCLUDED." + quoteIdentifier(f);
    });
    return fmt::format("{} ON CONFLICT ({}) DO UPDATE SET {}", getInsertIntoStatement(table, fields), keys, updates);
  }
  std::string updates = join(fields, ", ", [this](const std::string& f) {
    return quoteIdentifier(f) + "=VALUES(" + quoteIdentifier(f) + ")";
  });
  return fmt::format("{} ON DUPLICATE KEY UPDATE {}", getInsertIntoStatement(table, fields), updates);
}

std::string JdbcDialect::getUpdateStatement(std::string_view table, const std::vector<std::string>& fields,
                                            const std::vector<std::string>& condition_fields) const {
  auto assign = [this](const std::string& f) { return quoteIdentifier(f) + " = ?"; };
  return fmt::format("UPDATE {} SET {} WHERE {}", quoteIdentifier(table), join(fields, ", ", assign),
                     join(condition_fields, " AND ", assign));
}

std::string JdbcDialect::getDeleteStatement(std::string_view table,
                                            const std::vector<std::string>& condition_fields) const {
  auto condition = [this](const std::string& f) { return quoteIdentifier(f) + " = ?"; };
  return fmt::format("DELETE FROM {} WHERE {}", quoteIdentifier(table), join(condition_fields, " AND ", condition));
}

std::string JdbcDialect::getSelectFromStatement(std::string_view table, const std::vector<std::string>& fields,
                                                const std::vector<std::string>& condition_fields) const {
  std::string sql = fmt::format("SELECT {} FROM {}",
                                join(fields, ", ", [this](const std::string& f) { return quoteIdentifier(f); }),
                                quoteIdentifier(table));
  if (!condition_fields.empty()) {
    sql += " WHERE " + join(condition_fields, " AND ", [this](const std::string& f) { return quoteIdentifier(f) + " = ?"; });
  }
  return sql;
}

Status JdbcDialect::validate(const types::LogicalType& type) const {
  using types::LogicalTypeRoot;
  switch (type.root()) {
    case LogicalTypeRoot::CHAR:
    case LogicalTypeRoot::VARCHAR:
    case LogicalTypeRoot::BOOLEAN:
    case LogicalTypeRoot::BINARY:
    case LogicalTypeRoot::VARBINARY:
    case LogicalTypeRoot::DECIMAL:
    case LogicalTypeRoot::TINYINT:
    case LogicalTypeRoot::SMALLINT:
    case LogicalTypeRoot::INTEGER:
    case LogicalTypeRoot::BIGINT:
    case LogicalTypeRoot::FLOAT:
    case LogicalTypeRoot::DOUBLE:
    case LogicalTypeRoot::DATE:
    case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE:
    case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE:
    case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE:
      return Status::OK();
    default:
      return NotSupported(
          fmt::format("The {} dialect doesn't support type: {}.", dialectName(), type.asSummaryString()));
  }
}

}  // namespace eddy::connectors::jdbc
