#include <gtest/gtest.h>

#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

class TableQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    ValuesData::registerData("orders", {insertRow({"1", "apple", "3"}), insertRow({"2", "pear", "5"}),
                                        insertRow({"3", "apple", std::nullopt}), insertRow({"4", "fig", "7"})});
    ASSERT_EQ(runSql(*env_, "CREATE TABLE orders (id INT, product STRING, amount INT) "
                            "WITH ('connector' = 'values', 'data-id' = 'orders')"),
              "[OK]\n");
  }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(TableQueryTest, SelectsExpressionsWithAliasesWhereTheFilterHolds) {
  EXPECT_EQ(runSql(*env_, "SELECT id, amount * 2 AS doubled, UPPER(product) FROM orders WHERE amount > 3"),
            "+I[2, 10, PEAR]\n+I[4, 14, FIG]\n");
}

TEST_F(TableQueryTest, StarAndQualifiedColumns) {
  EXPECT_EQ(runSql(*env_, "SELECT o.*, o.id + 1 FROM orders AS o WHERE o.id = 3"), "+I[3, apple, NULL, 4]\n");
}

TEST_F(TableQueryTest, ValuesWithCteAndSubquery) {
  EXPECT_EQ(runSql(*env_, "WITH t AS (SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(x, y)) "
                          "SELECT y, x * 10 FROM (SELECT * FROM t WHERE x > 1)"),
            "+I[b, 20]\n");
  EXPECT_EQ(runSql(*env_, "SELECT 1 + 1, 'x'"), "+I[2, x]\n");
}

TEST_F(TableQueryTest, ViewsAreExpanded) {
  ASSERT_EQ(runSql(*env_, "CREATE VIEW apples AS SELECT id, amount FROM orders WHERE product = 'apple'"), "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SELECT id FROM apples"), "+I[1]\n+I[3]\n");
}

TEST_F(TableQueryTest, ComputedColumnsAreEvaluated) {
  ASSERT_EQ(runSql(*env_, "CREATE TABLE priced (id INT, product STRING, amount INT, total AS amount * 10) "
                          "WITH ('connector' = 'values', 'data-id' = 'orders')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SELECT id, total FROM priced WHERE id < 3"), "+I[1, 30]\n+I[2, 50]\n");
}

TEST_F(TableQueryTest, InsertIntoAValuesSinkReturnsMinusOne) {
  ASSERT_EQ(runSql(*env_, "CREATE TABLE big (id INT, product STRING) WITH ('connector' = 'values')"), "[OK]\n");
  EXPECT_EQ(runSql(*env_, "INSERT INTO big SELECT id, product FROM orders WHERE amount >= 5"), "[-1]\n");
  EXPECT_EQ(ValuesData::rawResults("big"), (std::vector<std::string>{"+I[2, pear]", "+I[4, fig]"}));
}

TEST_F(TableQueryTest, ErrorsNameTheObjectLineAndColumn) {
  EXPECT_EQ(runSql(*env_, "SELECT * FROM nope"),
            "ERROR: From line 1, column 15 to line 1, column 18: Object 'nope' not found within 'default_catalog.default_database'");
  EXPECT_EQ(runSql(*env_, "SELECT idx FROM orders"), "ERROR: From line 1, column 8 to line 1, column 10: Column 'idx' not found in any table");
  EXPECT_EQ(runSql(*env_, "SELECT product, COUNT(*) FROM orders GROUP BY id"),
            "ERROR: From line 1, column 8 to line 1, column 14: Expression 'product' is not being grouped");
  ASSERT_EQ(runSql(*env_, "CREATE TABLE narrow (id INT) WITH ('connector' = 'values')"), "[OK]\n");
  EXPECT_EQ(runSql(*env_, "INSERT INTO narrow SELECT id, product FROM orders"),
            "ERROR: Column types of query result and sink for 'default_catalog.default_database.narrow' do not "
            "match.\nCause: Different number of columns.\n\nQuery schema: [id: INT, product: STRING]\nSink schema:  "
            "[id: INT]");
}

TEST_F(TableQueryTest, UnknownConnectorListsTheAvailableFactories) {
  ASSERT_EQ(runSql(*env_, "CREATE TABLE k (id INT) WITH ('connector' = 'nope', 'password' = 'secret')"), "[OK]\n");
  const std::string error = runSql(*env_, "SELECT * FROM k");
  EXPECT_NE(error.find("Could not find any factory for identifier 'nope' that implements "
                       "'org.apache.flink.table.factories.DynamicTableFactory' in the classpath.\n\nAvailable "
                       "factory identifiers are:\n\n"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("'password'='******'"), std::string::npos) << error;
}

TEST_F(TableQueryTest, UnsupportedOptionsAreRejectedAsFlink) {
  ASSERT_EQ(runSql(*env_, "CREATE TABLE bad (id INT) WITH ('connector' = 'values', 'foo' = '1')"), "[OK]\n");
  const std::string error = runSql(*env_, "SELECT * FROM bad");
  EXPECT_NE(error.find("Unsupported options found for 'values'.\n\nUnsupported options:\n\nfoo\n\nSupported "
                       "options:\n\nbounded\nchangelog-mode\nconnector\ndata-id\n"),
            std::string::npos)
      << error;
}

}  // namespace
}  // namespace eddy::sql
