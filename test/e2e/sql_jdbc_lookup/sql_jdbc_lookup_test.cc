// The JDBC lookup function (JdbcRowDataLookupFunction through jdbcLookupRuntimeProvider)
// against real PostgreSQL and MariaDB servers: exact rows by single and composite keys,
// missing keys, quoting of string keys, the partial cache hiding a changed row until
// expire-after-write, re-connecting after a lost session, and the error after the retries.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "connectors/tests/jdbc_test_databases.h"
#include "eddy/types/data_types.h"
#include "sql/connectors/jdbc/jdbc_lookup_options.h"
#include "sql/runtime/caching_lookup_function.h"
#include "sql/runtime/row_selector.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

using connectors::jdbc::JdbcServerTest;
using types::DataTypes;
using types::RowKind;
using types::Value;

class JdbcLookupFunctionTest : public JdbcServerTest {
 protected:
  void SetUp() override {
    JdbcServerTest::SetUp();
    if (HasFatalFailure()) return;
    execute("DROP TABLE IF EXISTS lookup_customers");
    execute("CREATE TABLE lookup_customers (id BIGINT NOT NULL, name VARCHAR(40), city VARCHAR(40), since DATE, "
            "PRIMARY KEY (id))");
    // One backslash in the name: MariaDB reads backslash escapes in literals, PostgreSQL not.
    const std::string backslash = isPostgres() ? "'Back\\slash'" : "'Back\\\\slash'";
    execute("INSERT INTO lookup_customers VALUES (1, 'Alice', 'Berlin', '2024-01-02'), "
            "(2, 'O''Brien', 'Dublin', '2023-12-31'), (3, " + backslash + ", NULL, NULL), "
            "(4, 'Bob', 'Berlin', '2024-01-02')");
  }

  // The provider's function for `keys` (physical fields of the table).
  std::unique_ptr<LookupFunction> function(std::vector<int> keys, const std::map<std::string, std::string>& options) {
    Result<LookupOptions> lookup_options = jdbcLookupOptions(options);
    EXPECT_TRUE(lookup_options.ok()) << lookup_options.status().toString();
    if (!lookup_options.ok()) return nullptr;
    Result<LookupRuntimeProvider> provider =
        jdbcLookupRuntimeProvider(this->options(), "lookup_customers", tableType(), LookupContext{std::move(keys)},
                                  *lookup_options);
    EXPECT_TRUE(provider.ok()) << provider.status().toString();
    if (!provider.ok()) return nullptr;
    const auto& partial = std::get<std::shared_ptr<const PartialCachingLookupProvider>>(*provider);
    cache_options_ = partial->getCacheOptions();
    Result<std::unique_ptr<LookupFunction>> created = partial->createLookupFunction();
    EXPECT_TRUE(created.ok()) << created.status().toString();
    return created.ok() ? std::move(created).value() : nullptr;
  }

  static types::LogicalType tableType() {
    return DataTypes::ROW({DataTypes::FIELD("id", DataTypes::BIGINT().notNull()),
                           DataTypes::FIELD("name", DataTypes::VARCHAR(40)),
                           DataTypes::FIELD("city", DataTypes::VARCHAR(40)),
                           DataTypes::FIELD("since", DataTypes::DATE())});
  }

  // The rows of a lookup, one Row#toString a line, or "ERROR: <message>".
  static std::string rowsOf(LookupFunction& function, std::vector<Value> key) {
    Result<std::vector<types::Row>> rows = function.lookup(types::Row(RowKind::INSERT, std::move(key)));
    if (!rows.ok()) return "ERROR: " + rows.status().message();
    std::string out;
    for (const types::Row& row : *rows) out += row.toString() + "\n";
    return out;
  }

  std::optional<LookupCacheOptions> cache_options_;
};

TEST_P(JdbcLookupFunctionTest, ExactRowsByKey) {
  std::unique_ptr<LookupFunction> lookup = function({0}, {});
  ASSERT_NE(lookup, nullptr);
  ASSERT_TRUE(lookup->open().ok());
  EXPECT_EQ(rowsOf(*lookup, {Value(int64_t{1})}), "+I[1, Alice, Berlin, 2024-01-02]\n");
  EXPECT_EQ(rowsOf(*lookup, {Value(int64_t{3})}), "+I[3, Back\\slash, null, null]\n");
  EXPECT_EQ(rowsOf(*lookup, {Value(int64_t{99})}), "");
  EXPECT_FALSE(cache_options_.has_value());
  lookup->close();
}

TEST_P(JdbcLookupFunctionTest, StringAndCompositeKeys) {
  std::unique_ptr<LookupFunction> by_name = function({1}, {});
  ASSERT_NE(by_name, nullptr);
  ASSERT_TRUE(by_name->open().ok());
  EXPECT_EQ(rowsOf(*by_name, {Value(std::string("O'Brien"))}), "+I[2, O'Brien, Dublin, 2023-12-31]\n");
  EXPECT_EQ(rowsOf(*by_name, {Value(std::string("Back\\slash"))}), "+I[3, Back\\slash, null, null]\n");
  EXPECT_EQ(rowsOf(*by_name, {Value(std::string("x' OR '1'='1"))}), "");

  std::unique_ptr<LookupFunction> by_city_and_day = function({2, 3}, {});
  ASSERT_NE(by_city_and_day, nullptr);
  ASSERT_TRUE(by_city_and_day->open().ok());
  // 2024-01-02 is day 19724.
  std::string rows = rowsOf(*by_city_and_day, {Value(std::string("Berlin")), Value::date(19724)});
  EXPECT_EQ(sortedLines(rows), "+I[1, Alice, Berlin, 2024-01-02]\n+I[4, Bob, Berlin, 2024-01-02]\n");
  EXPECT_EQ(rowsOf(*by_city_and_day, {Value(std::string("Dublin")), Value::date(19724)}), "");
}

// The key column of an input chunk, encoded as the join encodes it.
struct KeyInput {
  explicit KeyInput(int64_t id) : rows(DataTypes::ROW({DataTypes::FIELD("id", DataTypes::BIGINT())})) {
    EXPECT_TRUE(rows.appendRow(types::Row(RowKind::INSERT, {Value(id)})).ok());
    encodeRowKey(rows, {0}, 0, encoded);
  }
  types::ColumnBatch rows;
  std::string encoded;
};

std::string cachedRows(CachingLookupFunction& function, int64_t id, int64_t now_ms) {
  const KeyInput key(id);
  Result<const types::ColumnBatch*> rows = function.lookup(key.rows, {0}, 0, key.encoded, now_ms);
  if (!rows.ok()) return "ERROR: " + rows.status().message();
  std::string out;
  for (size_t r = 0; r < (*rows)->size(); ++r) out += (*rows)->getRow(r).toString() + "\n";
  return out;
}

TEST_P(JdbcLookupFunctionTest, AChangedRowIsSeenAfterExpireAfterWrite) {
  std::unique_ptr<LookupFunction> lookup =
      function({0}, {{"lookup.cache", "PARTIAL"}, {"lookup.partial-cache.expire-after-write", "10 s"}});
  ASSERT_NE(lookup, nullptr);
  ASSERT_TRUE(cache_options_.has_value());
  CachingLookupFunction cached(std::move(lookup), cache_options_, tableType());
  ASSERT_TRUE(cached.open().ok());
  EXPECT_EQ(cachedRows(cached, 1, 0), "+I[1, Alice, Berlin, 2024-01-02]\n");
  EXPECT_EQ(cachedRows(cached, 7, 0), "");
  execute("UPDATE lookup_customers SET city = 'Paris' WHERE id = 1");
  execute("INSERT INTO lookup_customers VALUES (7, 'Carol', 'Rome', NULL)");
  EXPECT_EQ(cachedRows(cached, 1, 9999), "+I[1, Alice, Berlin, 2024-01-02]\n");
  EXPECT_EQ(cachedRows(cached, 7, 9999), "");
  EXPECT_EQ(cachedRows(cached, 1, 10000), "+I[1, Alice, Paris, 2024-01-02]\n");
  EXPECT_EQ(cachedRows(cached, 7, 10000), "+I[7, Carol, Rome, null]\n");
  cached.close();
}

TEST_P(JdbcLookupFunctionTest, ReconnectsAfterALostSession) {
  std::unique_ptr<LookupFunction> lookup = function({0}, {{"lookup.max-retries", "2"}});
  ASSERT_NE(lookup, nullptr);
  ASSERT_TRUE(lookup->open().ok());
  EXPECT_EQ(rowsOf(*lookup, {Value(int64_t{4})}), "+I[4, Bob, Berlin, 2024-01-02]\n");
  killOtherSessions();
  EXPECT_EQ(rowsOf(*lookup, {Value(int64_t{4})}), "+I[4, Bob, Berlin, 2024-01-02]\n");
  lookup->close();
}

TEST_P(JdbcLookupFunctionTest, FailsAfterTheRetriesWithoutThePassword) {
  std::unique_ptr<LookupFunction> lookup = function({0}, {{"lookup.max-retries", "0"}});
  ASSERT_NE(lookup, nullptr);
  ASSERT_TRUE(lookup->open().ok());
  killOtherSessions();
  const std::string error = rowsOf(*lookup, {Value(int64_t{4})});
  EXPECT_EQ(error.rfind("ERROR: Execution of JDBC statement failed: ", 0), 0u) << error;
  EXPECT_EQ(error.find(endpoint().password), std::string::npos) << error;
}

TEST_P(JdbcLookupFunctionTest, AMissingTableFailsOpen) {
  execute("DROP TABLE lookup_customers");
  std::unique_ptr<LookupFunction> lookup = function({0}, {});
  ASSERT_NE(lookup, nullptr);
  const Status status = lookup->open();
  EXPECT_EQ(status.code(), StatusCode::kIOError);
  EXPECT_NE(status.message().find("lookup_customers"), std::string::npos) << status.message();
}

TEST_P(JdbcLookupFunctionTest, LookupJoinThroughSql) {
  ValuesData::clearAll();
  ValuesData::registerData("lookup_orders", {insertRow({"100", "1"}), insertRow({"101", "2"}), insertRow({"102", "1"}),
                                             insertRow({"103", "99"}), insertRow({"104", std::nullopt})});
  std::unique_ptr<table::TableEnvironment> env = table::TableEnvironment::create();
  ASSERT_EQ(runSql(*env, "CREATE TABLE orders (order_id BIGINT, customer_id BIGINT, proc_time AS PROCTIME()) WITH "
                         "('connector' = 'values', 'data-id' = 'lookup_orders')"),
            "[OK]\n");
  ASSERT_EQ(runSql(*env, "CREATE TABLE customers (id BIGINT, name STRING, city STRING, since DATE) WITH ("
                         "'connector' = 'jdbc', 'url' = '" + url() + "', 'table-name' = 'lookup_customers', "
                         "'username' = '" + endpoint().user + "', 'password' = '" + endpoint().password + "', "
                         "'lookup.cache' = 'PARTIAL', 'lookup.partial-cache.max-rows' = '100', "
                         "'lookup.partial-cache.expire-after-write' = '1 min')"),
            "[OK]\n");
  EXPECT_EQ(sortedRows(*env, "SELECT o.order_id, c.name, c.city FROM orders AS o JOIN customers FOR SYSTEM_TIME AS "
                             "OF o.proc_time AS c ON o.customer_id = c.id"),
            "+I[100, Alice, Berlin]\n+I[101, O'Brien, Dublin]\n+I[102, Alice, Berlin]\n");
  EXPECT_EQ(sortedRows(*env, "SELECT o.order_id, c.since FROM orders AS o LEFT JOIN customers FOR SYSTEM_TIME AS "
                             "OF o.proc_time AS c ON o.customer_id = c.id AND c.city <> 'Dublin'"),
            "+I[100, 2024-01-02]\n+I[101, NULL]\n+I[102, 2024-01-02]\n+I[103, NULL]\n+I[104, NULL]\n");
}

INSTANTIATE_TEST_SUITE_P(Servers, JdbcLookupFunctionTest, ::testing::Values("postgresql", "mariadb"));

}  // namespace
}  // namespace eddy::sql
