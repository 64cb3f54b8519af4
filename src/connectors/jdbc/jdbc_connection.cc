#include "connectors/jdbc/jdbc_connection.h"

#include "connectors/jdbc/mysql_connection.h"
#include "connectors/jdbc/postgres_connection.h"

namespace eddy::connectors::jdbc {

Result<std::unique_ptr<JdbcConnection>> JdbcConnection::open(const JdbcConnectionOptions& options) {
  EDDY_ASSIGN_OR_RETURN(JdbcUrl target, options.connectionTarget());
  const std::string masked = maskJdbcUrl(options.getDbURL());
  if (target.kind == JdbcDriverKind::kPostgres) return openPostgresConnection(target, masked);
  return openMySqlConnection(target, masked);
}

std::string toPostgresPlaceholders(const std::string& sql, int* count) {
  std::string out;
  out.reserve(sql.size() + 8);
  int next = 1;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      size_t end = sql.find(c, i + 1);
      while (end != std::string::npos && end + 1 < sql.size() && sql[end + 1] == c) end = sql.find(c, end + 2);
      end = end == std::string::npos ? sql.size() - 1 : end;
      out.append(sql, i, end - i + 1);
      i = end;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      size_t end = sql.find('\n', i);
      end = end == std::string::npos ? sql.size() - 1 : end;
      out.append(sql, i, end - i + 1);
      i = end;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(next++);
    } else {
      out += c;
    }
  }
  if (count != nullptr) *count = next - 1;
  return out;
}

std::string scrubPassword(std::string message, const std::string& password) {
  if (password.empty()) return message;
  for (size_t at = message.find(password); at != std::string::npos; at = message.find(password, at + 6)) {
    message.replace(at, password.size(), "******");
  }
  return message;
}

}  // namespace eddy::connectors::jdbc
