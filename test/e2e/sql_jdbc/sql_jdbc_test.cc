#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "connectors/tests/jdbc_test_databases.h"
#include "eddy/table/table_environment.h"
#include "sql/connectors/values/values_data.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

using types::RowKind;

// The `jdbc` SQL connector against a real PostgreSQL and a real MariaDB: every statement runs
// through a TableEnvironment, every result is read back from the database by the test's own
// connection.
class SqlJdbcTest : public connectors::jdbc::JdbcServerTest {
 protected:
  void SetUp() override {
    JdbcServerTest::SetUp();
    if (HasFatalFailure()) return;
    table_ = "sql_jdbc_" + std::to_string(++counter_);
    data_id_ = GetParam() + "_" + table_;
  }
  void TearDown() override {
    if (admin_) execute("DROP TABLE IF EXISTS " + table_);
  }

  // The WITH options of a jdbc table over the test's table, with `extra` options appended.
  std::string jdbcOptions(const std::string& extra = "", const std::string& password = "") const {
    return "'connector' = 'jdbc', 'url' = '" + url() + "', 'table-name' = '" + table_ + "', 'username' = '" +
           endpoint().user + "', 'password' = '" + (password.empty() ? endpoint().password : password) + "'" + extra;
  }
  // TIMESTAMP(3) as the database prints it.
  std::string timestamp(const std::string& text) const { return isPostgres() ? text : text + ".000"; }

  static inline int counter_ = 0;
  std::string table_;
  std::string data_id_;
  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_P(SqlJdbcTest, AppendOnlyTableTakesTheRowsOfAnInsert) {
  execute("CREATE TABLE " + table_ + " (id INT, name VARCHAR(20), amount DECIMAL(10, 2))");
  ASSERT_EQ(runSql(*env_, "CREATE TABLE sink (id INT, name STRING, amount DECIMAL(10, 2)) WITH (" + jdbcOptions() + ")"),
            "[OK]\n");
  ASSERT_EQ(runSql(*env_, "INSERT INTO sink VALUES (1, 'ann', 1.5), (2, 'bob', NULL), (3, NULL, 20.25)"), "[-1]\n");
  EXPECT_EQ(queryText("SELECT id, name, amount FROM " + table_ + " ORDER BY id"), "1,ann,1.50;2,bob,null;3,null,20.25");

  // Appending again adds rows: without a primary key every row is an INSERT.
  ValuesData::registerData(data_id_, {insertRow({"1", "cy", "3"})});
  ASSERT_EQ(runSql(*env_, "CREATE TABLE more (id INT, name STRING, amount INT) WITH ('connector' = 'values', "
                          "'data-id' = '" + data_id_ + "')"),
            "[OK]\n");
  ASSERT_EQ(runSql(*env_, "INSERT INTO sink SELECT id, name, CAST(amount AS DECIMAL(10, 2)) FROM more"), "[-1]\n");
  EXPECT_EQ(queryText("SELECT id, name, amount FROM " + table_ + " ORDER BY id, name"),
            "1,ann,1.50;1,cy,3.00;2,bob,null;3,null,20.25");
}

TEST_P(SqlJdbcTest, KeyedTableEndsWithTheUpsertsAndDeletesOfAGroupBy) {
  execute("CREATE TABLE " + table_ + " (word VARCHAR(20) NOT NULL, cnt BIGINT, PRIMARY KEY (word))");
  execute("INSERT INTO " + table_ + " VALUES ('old', 7)");
  // +I a, +I b, +I a, +I c, -D b, +I c, -D a, -D a: a ends deleted, b ends deleted, c counts 2.
  ValuesData::registerData(data_id_, {insertRow({"a"}), insertRow({"b"}), insertRow({"a"}), insertRow({"c"}),
                                      changeRow(RowKind::DELETE, {"b"}), insertRow({"c"}),
                                      changeRow(RowKind::DELETE, {"a"}), changeRow(RowKind::DELETE, {"a"}),
                                      insertRow({"d"})});
  ASSERT_EQ(runSql(*env_, "CREATE TABLE words (word STRING) WITH ('connector' = 'values', 'data-id' = '" + data_id_ +
                              "', 'changelog-mode' = 'I,D')"),
            "[OK]\n");
  // Row by row ('1': every change reaches the database) and buffered (the default 100: the
  // changes of a key are reduced in the buffer), the table ends the same.
  for (const std::string max_rows : {"1", "100"}) {
    SCOPED_TRACE(max_rows);
    execute("DELETE FROM " + table_ + " WHERE word <> 'old'");
    ASSERT_EQ(runSql(*env_, "CREATE TABLE counts_" + max_rows +
                                " (word STRING, cnt BIGINT, PRIMARY KEY (word) NOT ENFORCED) WITH (" +
                                jdbcOptions(", 'sink.buffer-flush.max-rows' = '" + max_rows + "'") + ")"),
              "[OK]\n");
    ASSERT_EQ(runSql(*env_, "INSERT INTO counts_" + max_rows + " SELECT word, COUNT(*) FROM words GROUP BY word"),
              "[-1]\n");
    EXPECT_EQ(queryText("SELECT word, cnt FROM " + table_ + " ORDER BY word"), "c,2;d,1;old,7");
  }
}

TEST_P(SqlJdbcTest, ScanReadsTheWholeTableOrOnlyTheProjectedColumns) {
  execute("CREATE TABLE " + table_ + " (id BIGINT NOT NULL, name VARCHAR(20), ts " +
          std::string(isPostgres() ? "TIMESTAMP(3)" : "DATETIME(3)") + ")");
  execute("INSERT INTO " + table_ +
          " VALUES (1, 'ann', '2024-01-01 10:00:00.125'), (2, NULL, '2024-01-02 00:00:00'), (3, 'cy', NULL)");
  ASSERT_EQ(runSql(*env_, "CREATE TABLE src (id BIGINT, name STRING, ts TIMESTAMP(3)) WITH (" + jdbcOptions() + ")"),
            "[OK]\n");
  EXPECT_EQ(sortedRows(*env_, "SELECT * FROM src"),
            "+I[1, ann, 2024-01-01 10:00:00.125]\n+I[2, NULL, 2024-01-02 00:00:00.000]\n+I[3, cy, NULL]\n");
  EXPECT_EQ(sortedRows(*env_, "SELECT name, id * 10 FROM src WHERE id > 1"), "+I[NULL, 20]\n+I[cy, 30]\n");
  EXPECT_EQ(finalRows(*env_, "SELECT COUNT(*) FROM src"), "[3]\n");
}

TEST_P(SqlJdbcTest, PartitionedScanReadsEveryRangeOnce) {
  execute("CREATE TABLE " + table_ + " (id INT NOT NULL, name VARCHAR(20))");
  std::string values;
  std::string expected;
  for (int id = -2; id <= 12; ++id) {
    values += std::string(values.empty() ? "" : ", ") + "(" + std::to_string(id) + ", 'n" + std::to_string(id) + "')";
  }
  execute("INSERT INTO " + table_ + " VALUES " + values);
  // Rows outside [lower-bound, upper-bound] are not read, as Flink's BETWEEN ranges.
  for (int id = 0; id <= 10; ++id) expected += "+I[" + std::to_string(id) + ", n" + std::to_string(id) + "]\n";
  ASSERT_EQ(runSql(*env_, "CREATE TABLE src (id INT, name STRING) WITH (" +
                              jdbcOptions(", 'scan.partition.column' = 'id', 'scan.partition.num' = '4', "
                                          "'scan.partition.lower-bound' = '0', 'scan.partition.upper-bound' = '10'") +
                              ")"),
            "[OK]\n");
  ASSERT_EQ(runSql(*env_, "SET 'parallelism.default' = '3'"), "[OK]\n");
  EXPECT_EQ(sortedRows(*env_, "SELECT id, name FROM src"), sortedLines(expected));
  // One task: the changelog of an aggregate read back through several would interleave.
  ASSERT_EQ(runSql(*env_, "SET 'parallelism.default' = '1'"), "[OK]\n");
  EXPECT_EQ(finalRows(*env_, "SELECT COUNT(*), SUM(id) FROM src"), "[11, 55]\n");
}

TEST_P(SqlJdbcTest, TumbleWindowCountsGoIntoTheTableAsTheSeedDemo) {
  execute("CREATE TABLE " + table_ + " (user_id VARCHAR(20), window_start " +
          std::string(isPostgres() ? "TIMESTAMP(3)" : "DATETIME(3)") + ", window_end " +
          std::string(isPostgres() ? "TIMESTAMP(3)" : "DATETIME(3)") + ", page_count BIGINT)");
  ValuesData::registerData(data_id_, {insertRow({"alice", "/a", "2024-01-01 10:00:01"}),
                                      insertRow({"bob", "/b", "2024-01-01 10:01:00"}),
                                      insertRow({"alice", "/c", "2024-01-01 10:04:59"}),
                                      insertRow({"alice", "/a", "2024-01-01 10:05:00"})});
  ASSERT_EQ(runSql(*env_, "CREATE TABLE page_events (user_id STRING, page STRING, event_time TIMESTAMP(3), "
                          "WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND) WITH ('connector' = 'values', "
                          "'data-id' = '" + data_id_ + "')"),
            "[OK]\n");
  ASSERT_EQ(runSql(*env_, "CREATE TABLE page_counts (user_id STRING, window_start TIMESTAMP(3), window_end "
                          "TIMESTAMP(3), page_count BIGINT) WITH ('connector' = 'jdbc', 'url' = '" + url() +
                              "', 'table-name' = '" + table_ + "')"),
            "[OK]\n");
  ASSERT_EQ(runSql(*env_, "ALTER TABLE page_counts SET ('username' = '" + endpoint().user + "', 'password' = '" +
                              endpoint().password + "')"),
            "[OK]\n");
  ASSERT_EQ(runSql(*env_, "INSERT INTO page_counts SELECT user_id, TUMBLE_START(event_time, INTERVAL '5' MINUTE), "
                          "TUMBLE_END(event_time, INTERVAL '5' MINUTE), COUNT(*) AS page_count FROM page_events "
                          "GROUP BY user_id, TUMBLE(event_time, INTERVAL '5' MINUTE)"),
            "[-1]\n");
  EXPECT_EQ(queryText("SELECT user_id, window_start, window_end, page_count FROM " + table_ +
                      " ORDER BY window_start, user_id"),
            "alice," + timestamp("2024-01-01 10:00:00") + "," + timestamp("2024-01-01 10:05:00") + ",2;" +
                "bob," + timestamp("2024-01-01 10:00:00") + "," + timestamp("2024-01-01 10:05:00") + ",1;" +
                "alice," + timestamp("2024-01-01 10:05:00") + "," + timestamp("2024-01-01 10:10:00") + ",1");
}

TEST_P(SqlJdbcTest, AppendOnlyTableRefusesAnUpdatingQuery) {
  execute("CREATE TABLE " + table_ + " (word VARCHAR(20), cnt BIGINT)");
  ValuesData::registerData(data_id_, {insertRow({"a"})});
  ASSERT_EQ(runSql(*env_, "CREATE TABLE words (word STRING) WITH ('connector' = 'values', 'data-id' = '" + data_id_ +
                              "')"),
            "[OK]\n");
  ASSERT_EQ(runSql(*env_, "CREATE TABLE counts (word STRING, cnt BIGINT) WITH (" + jdbcOptions() + ")"), "[OK]\n");
  EXPECT_EQ(runSql(*env_, "INSERT INTO counts SELECT word, COUNT(*) FROM words GROUP BY word"),
            "ERROR: Table sink 'default_catalog.default_database.counts' doesn't support consuming update changes "
            "which is produced by node GroupAggregate(groupBy=[word], select=[word, COUNT(*) AS EXPR$1])");
  EXPECT_EQ(queryText("SELECT COUNT(*) FROM " + table_), "0");
}

TEST_P(SqlJdbcTest, WrongPasswordFailsTheJobWithoutShowingThePassword) {
  execute("CREATE TABLE " + table_ + " (id INT)");
  const std::string wrong = "Wr0ng-Secret-4711";
  ASSERT_EQ(runSql(*env_, "CREATE TABLE sink (id INT) WITH (" + jdbcOptions("", wrong) + ")"), "[OK]\n");
  const std::string insert = runSql(*env_, "INSERT INTO sink VALUES (1)");
  EXPECT_NE(insert.find(isPostgres() ? "password authentication failed for user \"" + endpoint().user + "\""
                                     : "Access denied for user '" + endpoint().user + "'"),
            std::string::npos)
      << insert;
  EXPECT_NE(insert.find("unable to open JDBC writer for table '" + table_ + "'"), std::string::npos) << insert;
  EXPECT_EQ(insert.find(wrong), std::string::npos) << insert;
  const std::string scan = runSql(*env_, "SELECT * FROM sink");
  EXPECT_TRUE(scan.starts_with("ERROR: ")) << scan;
  EXPECT_EQ(scan.find(wrong), std::string::npos) << scan;
  EXPECT_EQ(queryText("SELECT COUNT(*) FROM " + table_), "0");
}

TEST_P(SqlJdbcTest, OptionsAreCheckedWithFlinksMessagesAndThePasswordMasked) {
  ASSERT_EQ(runSql(*env_, "CREATE TABLE bad (id INT) WITH (" + jdbcOptions(", 'foo' = 'bar'") + ")"), "[OK]\n");
  const std::string masked_options = "'connector'='jdbc'\n'foo'='bar'\n'password'='******'\n'table-name'='" + table_ +
                                     "'\n'url'='" + url() + "'\n'username'='" + endpoint().user + "'";
  EXPECT_EQ(runSql(*env_, "SELECT * FROM bad"),
            "ERROR: Unable to create a source for reading table 'default_catalog.default_database.bad'.\n\nTable "
            "options are:\n\n" + masked_options +
                "\n\nUnsupported options found for 'jdbc'.\n\nUnsupported options:\n\nfoo\n\nSupported options:\n\n"
                "compatible-mode\nconnection.max-retry-timeout\nconnector\ndriver\nlookup.cache\n"
                "lookup.cache.caching-missing-key\nlookup.cache.max-rows\nlookup.cache.ttl\nlookup.max-retries\n"
                "lookup.partial-cache.cache-missing-key\nlookup.partial-cache.expire-after-access\n"
                "lookup.partial-cache.expire-after-write\nlookup.partial-cache.max-rows\npassword\n"
                "scan.auto-commit\nscan.fetch-size\nscan.partition.column\nscan.partition.lower-bound\n"
                "scan.partition.num\nscan.partition.upper-bound\nsink.buffer-flush.interval\n"
                "sink.buffer-flush.max-rows\nsink.max-retries\nsink.parallelism\ntable-name\nurl\nusername");

  auto error_of = [&](const std::string& name, const std::string& options) {
    EXPECT_EQ(runSql(*env_, "CREATE TABLE " + name + " (id INT) WITH (" + options + ")"), "[OK]\n");
    const std::string error = runSql(*env_, "INSERT INTO " + name + " VALUES (1)");
    EXPECT_EQ(error.find(endpoint().password), std::string::npos) << error;
    // The cause follows the table's options.
    const size_t options = error.find("Table options are:\n\n");
    return options == std::string::npos ? error : error.substr(error.find("\n\n", options + 20) + 2);
  };
  EXPECT_EQ(error_of("partial", jdbcOptions(", 'scan.partition.column' = 'id', 'scan.partition.num' = '2'")),
            "Either all or none of the following options should be provided:\nscan.partition.column\n"
            "scan.partition.num\nscan.partition.lower-bound\nscan.partition.upper-bound");
  EXPECT_EQ(error_of("bounds", jdbcOptions(", 'scan.partition.column' = 'id', 'scan.partition.num' = '2', "
                                           "'scan.partition.lower-bound' = '9', 'scan.partition.upper-bound' = '1'")),
            "'scan.partition.lower-bound'='9' must not be larger than 'scan.partition.upper-bound'='1'.");
  EXPECT_EQ(error_of("retries", jdbcOptions(", 'sink.max-retries' = '-1'")),
            "The value of 'sink.max-retries' option shouldn't be negative, but is -1.");
  EXPECT_EQ(error_of("timeout", jdbcOptions(", 'connection.max-retry-timeout' = '500ms'")),
            "The value of 'connection.max-retry-timeout' option must be in second granularity and shouldn't be "
            "smaller than 1 second, but is 500ms.");
  EXPECT_EQ(error_of("rows", jdbcOptions(", 'sink.buffer-flush.max-rows' = 'many'")),
            "Could not parse value 'many' for key 'sink.buffer-flush.max-rows'.");
  EXPECT_EQ(error_of("nouser", "'connector' = 'jdbc', 'url' = '" + url() + "', 'table-name' = 't', 'password' = '" +
                                   endpoint().password + "'"),
            "Either all or none of the following options should be provided:\nusername\npassword");
  EXPECT_EQ(error_of("missing", "'connector' = 'jdbc', 'url' = '" + url() + "'"),
            "One or more required options are missing.\n\nMissing required options are:\n\ntable-name");

  // EXPLAIN names the sink by its dialect and never shows the options.
  ASSERT_EQ(runSql(*env_, "CREATE TABLE good (id INT) WITH (" + jdbcOptions() + ")"), "[OK]\n");
  const std::string plan = runSql(*env_, "EXPLAIN INSERT INTO good VALUES (1)");
  EXPECT_NE(plan.find("Sink(table=[default_catalog.default_database.good], fields=[id])"), std::string::npos)
      << plan;
  EXPECT_EQ(plan.find(endpoint().password), std::string::npos) << plan;
}

TEST_P(SqlJdbcTest, SinkParallelismWritesThroughSeveralWriters) {
  execute("CREATE TABLE " + table_ + " (id INT NOT NULL, PRIMARY KEY (id))");
  std::vector<ValuesElement> rows;
  for (int id = 0; id < 500; ++id) rows.push_back(insertRow({std::to_string(id)}));
  ValuesData::registerData(data_id_, std::move(rows));
  ASSERT_EQ(runSql(*env_, "CREATE TABLE ids (id INT) WITH ('connector' = 'values', 'data-id' = '" + data_id_ + "')"),
            "[OK]\n");
  ASSERT_EQ(runSql(*env_, "CREATE TABLE sink (id INT, PRIMARY KEY (id) NOT ENFORCED) WITH (" +
                              jdbcOptions(", 'sink.parallelism' = '3', 'sink.buffer-flush.max-rows' = '7'") + ")"),
            "[OK]\n");
  ASSERT_EQ(runSql(*env_, "INSERT INTO sink SELECT id FROM ids"), "[-1]\n");
  EXPECT_EQ(queryText("SELECT COUNT(*), SUM(id), MIN(id), MAX(id) FROM " + table_), "500,124750,0,499");
}

// Rows wait in the writers' buffers (max-rows never reached, no interval); a checkpoint
// flushes them while the unbounded job keeps running.
TEST_P(SqlJdbcTest, ACheckpointFlushesTheBufferedRows) {
  execute("CREATE TABLE " + table_ + " (id INT NOT NULL, name VARCHAR(10), PRIMARY KEY (id))");
  ValuesData::registerData(data_id_, {insertRow({"1", "a"}), insertRow({"2", "b"}), insertRow({"1", "c"})});
  ASSERT_EQ(runSql(*env_, "CREATE TABLE ids (id INT, name STRING) WITH ('connector' = 'values', 'data-id' = '" +
                              data_id_ + "', 'bounded' = 'false')"),
            "[OK]\n");
  ASSERT_EQ(runSql(*env_, "CREATE TABLE sink (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH (" +
                              jdbcOptions(", 'sink.buffer-flush.max-rows' = '1000', 'sink.buffer-flush.interval' = '0'") +
                              ")"),
            "[OK]\n");
  ASSERT_EQ(runSql(*env_, "SET 'execution.checkpointing.interval' = '100ms'"), "[OK]\n");
  auto client = env_->submitSql("INSERT INTO sink SELECT id, name FROM ids", nullptr);
  ASSERT_TRUE(client.ok()) << client.status().toString();
  std::string rows;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  // The rows reach the table when the sink flushes in its snapshot; the checkpoint completes
  // a moment later, once every task acknowledged it: wait for both.
  while ((rows.empty() || (*client)->getLatestCompletedCheckpoint() == nullptr) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    rows = queryText("SELECT id, name FROM " + table_ + " ORDER BY id");
  }
  EXPECT_EQ(rows, "1,c;2,b");
  EXPECT_EQ((*client)->getJobStatus(), runtime::JobStatus::kRunning);
  EXPECT_NE((*client)->getLatestCompletedCheckpoint(), nullptr);
  (*client)->cancel();
  (void)(*client)->waitForCompletion();
}

TEST_P(SqlJdbcTest, LookupJoinReadsTheTableKeyByKeyThroughAPartialCache) {
  execute("CREATE TABLE " + table_ + " (id INT NOT NULL, name VARCHAR(20), PRIMARY KEY (id))");
  execute("INSERT INTO " + table_ + " VALUES (1, 'ann'), (2, 'bob')");
  ValuesData::registerData(data_id_, {insertRow({"10", "1"}), insertRow({"11", "3"}), insertRow({"12", "1"}),
                                      insertRow({"13", "2"})});
  ASSERT_EQ(runSql(*env_, "CREATE TABLE orders (order_id INT, customer_id INT, proc_time AS PROCTIME()) WITH "
                          "('connector' = 'values', 'data-id' = '" + data_id_ + "')"),
            "[OK]\n");
  ASSERT_EQ(runSql(*env_, "CREATE TABLE customers (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH (" +
                              jdbcOptions(", 'lookup.cache' = 'PARTIAL', 'lookup.partial-cache.max-rows' = '10'") +
                              ")"),
            "[OK]\n");
  EXPECT_EQ(sortedRows(*env_, "SELECT o.order_id, c.name FROM orders AS o LEFT JOIN customers FOR SYSTEM_TIME AS OF "
                              "o.proc_time AS c ON o.customer_id = c.id"),
            "+I[10, ann]\n+I[11, NULL]\n+I[12, ann]\n+I[13, bob]\n");
}

INSTANTIATE_TEST_SUITE_P(Servers, SqlJdbcTest, ::testing::Values("postgresql", "mariadb"));

}  // namespace
}  // namespace eddy::sql
