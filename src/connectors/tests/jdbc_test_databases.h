#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "connectors/jdbc/jdbc_connection.h"
#include "connectors/tests/test_servers.h"
#include "eddy/connectors/jdbc/jdbc_connection_options.h"

namespace eddy::connectors::jdbc {

// The real servers of this test binary, started once on first use and stopped at exit.
// A server that cannot start fails every test that uses it, with the reason.
class JdbcTestDatabases {
 public:
  // "postgresql" or "mariadb".
  static const testing::DatabaseEndpoint* endpoint(const std::string& system) {
    static Status postgres_status = Status::OK();
    static Status mariadb_status = Status::OK();
    static std::unique_ptr<testing::PostgresServer> postgres = start<testing::PostgresServer>(postgres_status);
    static std::unique_ptr<testing::MariaDbServer> mariadb = start<testing::MariaDbServer>(mariadb_status);
    if (system == "postgresql") {
      EXPECT_TRUE(postgres_status.ok()) << postgres_status.toString();
      return postgres ? &postgres->endpoint() : nullptr;
    }
    EXPECT_TRUE(mariadb_status.ok()) << mariadb_status.toString();
    return mariadb ? &mariadb->endpoint() : nullptr;
  }

  static std::string url(const std::string& system, const testing::DatabaseEndpoint& endpoint) {
    return "jdbc:" + system + "://" + endpoint.host + ":" + std::to_string(endpoint.port) + "/" + endpoint.database;
  }

  static JdbcConnectionOptions options(const std::string& system, const testing::DatabaseEndpoint& endpoint) {
    return JdbcConnectionOptions::JdbcConnectionOptionsBuilder()
        .withUrl(url(system, endpoint))
        .withDriverName(system == "postgresql" ? "org.postgresql.Driver" : "org.mariadb.jdbc.Driver")
        .withUsername(endpoint.user)
        .withPassword(endpoint.password)
        .build();
  }

 private:
  template <typename Server>
  static std::unique_ptr<Server> start(Status& status) {
    Result<std::unique_ptr<Server>> server = Server::start();
    if (!server.ok()) {
      status = server.status();
      return nullptr;
    }
    return std::move(server).value();
  }
};

// A test against one real server: "postgresql" or "mariadb". Each test gets an admin
// connection and a fresh table name.
class JdbcServerTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    endpoint_ = JdbcTestDatabases::endpoint(system());
    ASSERT_NE(endpoint_, nullptr);
    auto admin = JdbcConnection::open(options());
    ASSERT_TRUE(admin.ok()) << admin.status().toString();
    admin_ = std::move(admin).value();
  }

  const std::string& system() const { return GetParam(); }
  bool isPostgres() const { return system() == "postgresql"; }
  JdbcConnectionOptions options() const { return JdbcTestDatabases::options(system(), *endpoint_); }
  std::string url() const { return JdbcTestDatabases::url(system(), *endpoint_); }
  const testing::DatabaseEndpoint& endpoint() const { return *endpoint_; }

  void execute(const std::string& sql) {
    Status status = admin_->execute(sql);
    ASSERT_TRUE(status.ok()) << status.toString();
  }
  // The rows of `sql` as "a,b;c,d" (NULL as "null").
  std::string queryText(const std::string& sql) {
    Result<QueryResult> result = admin_->query(sql);
    EXPECT_TRUE(result.ok()) << result.status().toString();
    if (!result.ok()) return "<error>";
    std::string text;
    for (const auto& row : result->rows) {
      if (!text.empty()) text += ";";
      for (size_t i = 0; i < row.size(); ++i) text += (i > 0 ? "," : "") + row[i].value_or("null");
    }
    return text;
  }
  // Ends every session of the test user but the admin's (a lost connection, as the writer sees it).
  void killOtherSessions() {
    if (isPostgres()) {
      execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = current_user AND pid <> "
              "pg_backend_pid() AND backend_type = 'client backend'");
      return;
    }
    Result<QueryResult> ids = admin_->query(
        "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '" + endpoint().user + "' AND ID <> CONNECTION_ID()");
    ASSERT_TRUE(ids.ok()) << ids.status().toString();
    for (const auto& row : ids->rows) execute("KILL " + *row[0]);
  }

  const testing::DatabaseEndpoint* endpoint_ = nullptr;
  std::unique_ptr<JdbcConnection> admin_;
};

}  // namespace eddy::connectors::jdbc
