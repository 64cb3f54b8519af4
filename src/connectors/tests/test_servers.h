#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include "eddy/common/result.h"

namespace eddy::testing {

// Where a test database listens and how to log in. The user owns `database` and may do
// anything in it (create tables, kill other sessions).
struct DatabaseEndpoint {
  std::string host;  // always 127.0.0.1
  int port = 0;
  std::string user;
  std::string password;
  std::string database;
};

// A real PostgreSQL 15 server (Debian's `postgresql` package) for tests: a fresh cluster in
// a temporary directory, listening on a free loopback port, with a password-protected
// superuser (scram-sha-256) and an empty database. Stopped (SIGTERM, then SIGKILL) and its
// directory removed by the destructor. We run as root, so initdb and the server run as the
// `postgres` user, which owns the directory.
//
//   EDDY_ASSIGN_OR_RETURN(auto pg, PostgresServer::start());
//   std::string url = pg->jdbcUrl();  // "jdbc:postgresql://127.0.0.1:PORT/eddy"
//
// start() returns NotFound naming scripts/setup.sh when the server binaries are missing, so
// that a test fails rather than silently skipping. The server gets SIGKILL if the thread
// that started it dies first. Thread-compatible.
class PostgresServer {
 public:
  static Result<std::unique_ptr<PostgresServer>> start();
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  const DatabaseEndpoint& endpoint() const { return endpoint_; }
  // "jdbc:postgresql://127.0.0.1:PORT/DATABASE".
  std::string jdbcUrl() const;

 private:
  PostgresServer() = default;
  std::string dir_;
  pid_t pid_ = -1;
  DatabaseEndpoint endpoint_;
};

// A real MariaDB 10.11 server (Debian's `mariadb-server` package) for tests: a fresh data
// directory in a temporary directory, listening on a free loopback port, with a user
// allowed from anywhere with a password and all privileges, and an empty database. Stopped
// and removed by the destructor, as PostgresServer. Thread-compatible.
class MariaDbServer {
 public:
  static Result<std::unique_ptr<MariaDbServer>> start();
  ~MariaDbServer();
  MariaDbServer(const MariaDbServer&) = delete;
  MariaDbServer& operator=(const MariaDbServer&) = delete;

  const DatabaseEndpoint& endpoint() const { return endpoint_; }
  // "jdbc:mariadb://127.0.0.1:PORT/DATABASE" (jdbc:mysql:// works the same).
  std::string jdbcUrl() const;

 private:
  MariaDbServer() = default;
  std::string dir_;
  pid_t pid_ = -1;
  DatabaseEndpoint endpoint_;
};

}  // namespace eddy::testing
