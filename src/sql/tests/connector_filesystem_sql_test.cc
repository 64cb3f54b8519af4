#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sql/connectors/datagen/datagen_table_factory.h"
#include "sql/connectors/factory_registry.h"
#include "sql/connectors/filesystem/filesystem_table_factory.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

namespace fs = std::filesystem;

// datagen and filesystem through SQL: CREATE TABLE ... WITH (...), SELECT, INSERT INTO.
class ConnectorSqlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The default registry gets these two from registerBuiltInFactories once
    // built_in_factories.cc calls their register functions; registering again replaces.
    auto& registry = const_cast<FactoryRegistry&>(defaultFactoryRegistry());
    registerDataGenFactories(registry);
    registerFileSystemFactories(registry);
    dir_ = fs::path(::testing::TempDir()) / "eddy_connector_sql";
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The visible files below the table directory `name`, relative path → content.
  std::map<std::string, std::string> files(const std::string& name) const {
    std::map<std::string, std::string> out;
    for (const auto& entry : fs::recursive_directory_iterator(dir_ / name)) {
      if (!entry.is_regular_file() || entry.path().filename().string().starts_with(".")) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      out[fs::relative(entry.path(), dir_ / name).parent_path().string()] += text.str();
    }
    return out;
  }

  fs::path dir_;
  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(ConnectorSqlTest, SelectsFromABoundedDataGenSequence) {
  ASSERT_EQ(runSql(*env_, "CREATE TABLE gen (id BIGINT, code STRING) WITH ('connector' = 'datagen', "
                          "'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '4', "
                          "'fields.code.kind' = 'sequence', 'fields.code.start' = '10', 'fields.code.end' = '99')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SELECT id * 2, code FROM gen WHERE id <> 3"), "+I[2, 10]\n+I[4, 11]\n+I[8, 13]\n");
  ASSERT_EQ(runSql(*env_, "CREATE TABLE bad (id INT) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SELECT * FROM bad"),
            "ERROR: Unable to create a source for reading table 'default_catalog.default_database.bad'.\n\n"
            "Table options are:\n\n'connector'='datagen'\n'fields.id.kind'='sequence'\n\n"
            "Could not find required property 'fields.id.start' for sequence generator.");
}

TEST_F(ConnectorSqlTest, InsertsIntoPartitionedCsvAndReadsItBack) {
  const std::string path = (dir_ / "sales").string();
  ASSERT_EQ(runSql(*env_, "CREATE TABLE gen (id INT, amount INT) WITH ('connector' = 'datagen', "
                          "'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '5', "
                          "'fields.amount.kind' = 'sequence', 'fields.amount.start' = '100', 'fields.amount.end' = '104')"),
            "[OK]\n");
  ASSERT_EQ(runSql(*env_, "CREATE TABLE sales (id INT, amount INT, parity STRING) PARTITIONED BY (parity) "
                          "WITH ('connector' = 'filesystem', 'path' = '" + path + "', 'format' = 'csv')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env_, "INSERT INTO sales SELECT id, amount, CASE WHEN id % 2 = 0 THEN 'even' ELSE 'odd' END "
                          "FROM gen"),
            "[-1]\n");
  EXPECT_EQ(files("sales"), (std::map<std::string, std::string>{{"parity=even", "2,101\n4,103\n"},
                                                                {"parity=odd", "1,100\n3,102\n5,104\n"}}));
  EXPECT_EQ(runSql(*env_, "SELECT parity, id, amount FROM sales WHERE amount > 101"),
            "+I[even, 4, 103]\n+I[odd, 3, 102]\n+I[odd, 5, 104]\n");
  // The sink takes inserts only.
  ASSERT_EQ(runSql(*env_, "CREATE TABLE totals (parity STRING, n BIGINT) WITH ('connector' = 'filesystem', "
                          "'path' = '" + (dir_ / "totals").string() + "', 'format' = 'csv')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env_, "INSERT INTO totals SELECT parity, COUNT(*) FROM sales GROUP BY parity"),
            "ERROR: Table sink 'default_catalog.default_database.totals' doesn't support consuming update changes "
            "which is produced by node GroupAggregate(groupBy=[parity], select=[parity, COUNT(*) AS EXPR$1])");
}

TEST_F(ConnectorSqlTest, JsonTablesRoundTrip) {
  const std::string path = (dir_ / "events").string();
  ASSERT_EQ(runSql(*env_, "CREATE TABLE events (id INT, name STRING) WITH ('connector' = 'filesystem', 'path' = '" +
                              path + "', 'format' = 'json')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env_, "INSERT INTO events VALUES (1, 'a'), (2, CAST(NULL AS STRING))"), "[-1]\n");
  EXPECT_EQ(files("events"), (std::map<std::string, std::string>{{"", "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":null}\n"}}));
  EXPECT_EQ(runSql(*env_, "SELECT * FROM events"), "+I[1, a]\n+I[2, NULL]\n");
}

}  // namespace
}  // namespace eddy::sql
