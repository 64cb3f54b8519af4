#pragma once

#include <optional>
#include <string>
#include <utility>

#include "eddy/common/result.h"
#include "eddy/connectors/jdbc/jdbc_url.h"

namespace eddy::connectors::jdbc {

// Where and as whom to connect, as Flink's JdbcConnectionOptions:
//
//   JdbcConnectionOptions::JdbcConnectionOptionsBuilder()
//       .withUrl("jdbc:postgresql://dbhost:5432/postgresdb")
//       .withDriverName("org.postgresql.Driver")
//       .withUsername("someUser")
//       .withPassword("somePassword")
//       .build()
//
// The url is checked when a connection is opened (connectionTarget()), so build() cannot
// fail. toString() and every error message show the url with its password masked and never
// the password. A value; thread-compatible.
class JdbcConnectionOptions {
 public:
  class JdbcConnectionOptionsBuilder;

  const std::string& getDbURL() const { return url_; }
  const std::optional<std::string>& getDriverName() const { return driver_name_; }
  const std::optional<std::string>& getUsername() const { return username_; }
  const std::optional<std::string>& getPassword() const { return password_; }
  int getConnectionCheckTimeoutSeconds() const { return connection_check_timeout_seconds_; }

  // The parsed url with the user and password of these options applied over the url's own.
  // InvalidArgument / NotSupported for a bad url or a driver name that does not fit it.
  Result<JdbcUrl> connectionTarget() const;

  // "jdbc:postgresql://h:1/db (user u)", password masked.
  std::string toString() const;

 private:
  std::string url_;
  std::optional<std::string> driver_name_;
  std::optional<std::string> username_;
  std::optional<std::string> password_;
  int connection_check_timeout_seconds_ = 60;
};

// Builds JdbcConnectionOptions (Flink's JdbcConnectionOptionsBuilder).
class JdbcConnectionOptions::JdbcConnectionOptionsBuilder {
 public:
  JdbcConnectionOptionsBuilder& withUrl(std::string url) {
    options_.url_ = std::move(url);
    return *this;
  }
  // Flink's driver class names: org.postgresql.Driver, com.mysql.cj.jdbc.Driver,
  // com.mysql.jdbc.Driver, org.mariadb.jdbc.Driver. Optional: the url names the system.
  JdbcConnectionOptionsBuilder& withDriverName(std::string driver_name) {
    options_.driver_name_ = std::move(driver_name);
    return *this;
  }
  JdbcConnectionOptionsBuilder& withUsername(std::string username) {
    options_.username_ = std::move(username);
    return *this;
  }
  JdbcConnectionOptionsBuilder& withPassword(std::string password) {
    options_.password_ = std::move(password);
    return *this;
  }
  // How long a connection check (before reusing a connection after a failure) may take.
  // Default: 60.
  JdbcConnectionOptionsBuilder& withConnectionCheckTimeoutSeconds(int seconds) {
    options_.connection_check_timeout_seconds_ = seconds;
    return *this;
  }
  JdbcConnectionOptions build() const { return options_; }

 private:
  JdbcConnectionOptions options_;
};

}  // namespace eddy::connectors::jdbc
