#pragma once

#include <map>
#include <string>
#include <string_view>

#include "eddy/common/result.h"

namespace eddy::connectors::jdbc {

// The database systems a JDBC url can name. MySQL and MariaDB share a wire protocol and a
// dialect; both go through MariaDB Connector/C.
enum class JdbcDriverKind { kPostgres, kMySql };

// A parsed JDBC url: jdbc:postgresql://host[:port][/database][?k=v&...],
// jdbc:mysql://[user[:password]@]host[:port][/database][?k=v&...] and jdbc:mariadb://...
// (same shape). A value; thread-compatible.
struct JdbcUrl {
  JdbcDriverKind kind = JdbcDriverKind::kPostgres;
  std::string scheme;  // "postgresql", "mysql" or "mariadb"
  std::string host;
  int port = 0;        // the driver's default (5432, 3306) when the url has none
  std::string database;
  std::string user;      // from user info or the "user" parameter; empty if neither
  std::string password;  // from user info or the "password" parameter; empty if neither
  std::map<std::string, std::string> params;  // every query parameter, decoded

  // InvalidArgument naming the url (password masked) when it is not one of the shapes above,
  // NotSupported for other jdbc: subprotocols and several hosts.
  static Result<JdbcUrl> parse(std::string_view url);

  // "host:port".
  std::string address() const;
};

// `url` with its password (user info or a password= parameter) replaced by "******", for
// logs and error messages. Works on urls that do not parse too.
std::string maskJdbcUrl(std::string_view url);

}  // namespace eddy::connectors::jdbc
