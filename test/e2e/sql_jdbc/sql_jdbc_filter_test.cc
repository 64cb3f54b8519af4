#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "connectors/tests/jdbc_test_databases.h"
#include "eddy/table/table_environment.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

// Filters pushed into a jdbc scan (Flink's JdbcDynamicTableSource with SupportsFilterPushDown)
// against a real PostgreSQL and a real MariaDB. The name column compares case-insensitively
// on the server (PostgreSQL's citext; MariaDB's default collation) while Eddy compares
// exactly, so a row found by a differently cased literal proves the server evaluated the
// filter.
class SqlJdbcFilterTest : public connectors::jdbc::JdbcServerTest {
 protected:
  void SetUp() override {
    JdbcServerTest::SetUp();
    if (HasFatalFailure()) return;
    table_ = "sql_jdbc_filter_" + std::to_string(++counter_);
    if (isPostgres()) execute("CREATE EXTENSION IF NOT EXISTS citext");
    execute("CREATE TABLE " + table_ + " (id INT NOT NULL, name " + (isPostgres() ? "CITEXT" : "VARCHAR(20)") +
            ", amount BIGINT)");
    execute("INSERT INTO " + table_ +
            " VALUES (1, 'ann', 5), (2, 'Bob', 12), (3, NULL, 20), (4, 'cy', NULL), (5, 'o''neil', 30)");
  }
  void TearDown() override {
    if (admin_) execute("DROP TABLE IF EXISTS " + table_);
  }

  // The jdbc table `src` over the test's table, with `extra` options appended.
  void createSource(const std::string& extra = "") {
    ASSERT_EQ(runSql(*env_, "CREATE TABLE src (id INT, name STRING, amount BIGINT) WITH ('connector' = 'jdbc', "
                            "'url' = '" + url() + "', 'table-name' = '" + table_ + "', 'username' = '" +
                            endpoint().user + "', 'password' = '" + endpoint().password + "'" + extra + ")"),
              "[OK]\n");
  }
  std::string rows(const std::string& sql) { return sortedRows(*env_, sql); }

  static inline int counter_ = 0;
  std::string table_;
  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_P(SqlJdbcFilterTest, TheServerEvaluatesThePushedFilter) {
  createSource();
  EXPECT_EQ(optimizedPhysicalPlan(*env_, "SELECT id, name FROM src WHERE name = 'BOB' AND amount > 10"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[id, name])\n"
            "+- TableSourceScan(table=[[default_catalog, default_database, src, "
            "filter=[and(=(name, 'BOB'), >(amount, 10))]]], fields=[id, name, amount])");
  EXPECT_EQ(rows("SELECT id, name FROM src WHERE name = 'BOB' AND amount > 10"), "+I[2, Bob]\n");
  EXPECT_EQ(rows("SELECT id FROM src WHERE amount > 10 OR name IS NULL"), "+I[2]\n+I[3]\n+I[5]\n");
  EXPECT_EQ(rows("SELECT id FROM src WHERE amount IS NULL"), "+I[4]\n");
  EXPECT_EQ(rows("SELECT id FROM src WHERE name LIKE 'C%'"), "+I[4]\n");
}

TEST_P(SqlJdbcFilterTest, WhatTheServerCannotTakeStaysWithTheCalc) {
  createSource();
  EXPECT_EQ(optimizedPhysicalPlan(*env_, "SELECT id FROM src WHERE amount >= 12 AND id + 1 > 3"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[id], where=[>(+(id, 1), 3)])\n"
            "+- TableSourceScan(table=[[default_catalog, default_database, src, filter=[>=(amount, 12)]]], "
            "fields=[id, name, amount])");
  EXPECT_EQ(rows("SELECT id FROM src WHERE amount >= 12 AND id + 1 > 3"), "+I[3]\n+I[5]\n");
  // UPPER stays in the Calc: Eddy evaluates it over the rows the scan read.
  EXPECT_EQ(rows("SELECT id FROM src WHERE UPPER(name) = 'BOB'"), "+I[2]\n");
}

TEST_P(SqlJdbcFilterTest, LiteralsAreBoundNotWrittenIntoTheQuery) {
  createSource();
  EXPECT_EQ(rows("SELECT id FROM src WHERE name = 'O''NEIL'"), "+I[5]\n");
  EXPECT_EQ(rows("SELECT id FROM src WHERE name = 'x'' OR ''1'' = ''1'"), "");
}

TEST_P(SqlJdbcFilterTest, APartitionedScanAddsTheFilterToEveryRange) {
  createSource(", 'scan.partition.column' = 'id', 'scan.partition.num' = '2', "
               "'scan.partition.lower-bound' = '1', 'scan.partition.upper-bound' = '5'");
  ASSERT_EQ(runSql(*env_, "SET 'parallelism.default' = '2'"), "[OK]\n");
  EXPECT_EQ(rows("SELECT id, amount FROM src WHERE amount > 5"), "+I[2, 12]\n+I[3, 20]\n+I[5, 30]\n");
}

INSTANTIATE_TEST_SUITE_P(Servers, SqlJdbcFilterTest, ::testing::Values("postgresql", "mariadb"));

}  // namespace
}  // namespace eddy::sql
