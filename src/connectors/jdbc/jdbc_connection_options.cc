#include "eddy/connectors/jdbc/jdbc_connection_options.h"

#include <fmt/format.h>

namespace eddy::connectors::jdbc {
namespace {

// The system a JDBC driver class speaks to; nullopt for an unknown class.
std::optional<JdbcDriverKind> driverKind(const std::string& driver_name) {
  if (driver_name == "org.postgresql.Driver") return JdbcDriverKind::kPostgres;
  if (driver_name == "com.mysql.cj.jdbc.Driver" || driver_name == "com.mysql.jdbc.Driver" ||
      driver_name == "org.mariadb.jdbc.Driver") {
    return JdbcDriverKind::kMySql;
  }
  return std::nullopt;
}

}  // namespace

Result<JdbcUrl> JdbcConnectionOptions::connectionTarget() const {
  EDDY_ASSIGN_OR_RETURN(JdbcUrl target, JdbcUrl::parse(url_));
  if (driver_name_) {
    std::optional<JdbcDriverKind> kind = driverKind(*driver_name_);
    if (!kind) {
      return NotSupported(fmt::format("JDBC driver '{}' is not supported (org.postgresql.Driver, "
                                      "com.mysql.cj.jdbc.Driver, org.mariadb.jdbc.Driver are)",
                                      *driver_name_));
    }
    if (*kind != target.kind) {
      return InvalidArgument(
          fmt::format("JDBC driver '{}' does not accept the url '{}'", *driver_name_, maskJdbcUrl(url_)));
    }
  }
  if (username_) target.user = *username_;
  if (password_) target.password = *password_;
  return target;
}

std::string JdbcConnectionOptions::toString() const {
  return username_ ? fmt::format("{} (user {})", maskJdbcUrl(url_), *username_) : maskJdbcUrl(url_);
}

}  // namespace eddy::connectors::jdbc
