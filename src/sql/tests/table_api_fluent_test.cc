#include <gtest/gtest.h>

#include "eddy/table/expressions.h"
#include "eddy/table/statement_set.h"
#include "eddy/table/table.h"
#include "sql/tests/table_test_util.h"

namespace eddy::table {
namespace {

using sql::insertRow;
using sql::ValuesData;

// A query's rows as runSql prints them ("+I[a, 1]" one a line), or "ERROR: ...".
std::string rowsOf(const Table& table) {
  Result<sql::TableResult> result = table.execute();
  if (!result.ok()) return "ERROR: " + result.status().message();
  std::string out;
  for (size_t r = 0; r < result->rows.size(); ++r) {
    out += std::string(types::shortString(result->row_kinds[r])) + "[";
    for (size_t c = 0; c < result->rows[r].size(); ++c) out += (c > 0 ? ", " : "") + result->rows[r][c].value_or("NULL");
    out += "]\n";
  }
  return out;
}

class TableApiFluentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    ValuesData::registerData("fluent-orders", {insertRow({"1", "apple", "3"}), insertRow({"2", "pear", "5"}),
                                               insertRow({"3", "apple", "4"}), insertRow({"4", "fig", "7"})});
    ValuesData::registerData("fluent-prices", {insertRow({"apple", "10"}), insertRow({"pear", "20"})});
    ValuesData::registerData("fluent-clicks", {insertRow({"alice", "2024-01-01 10:00:01"}),
                                               insertRow({"bob", "2024-01-01 10:01:00"}),
                                               insertRow({"alice", "2024-01-01 10:04:59.999"}),
                                               insertRow({"alice", "2024-01-01 10:05:00"})});
    ASSERT_EQ(sql::runSql(*env_, "CREATE TABLE orders (id INT, product STRING, amount INT) "
                                 "WITH ('connector' = 'values', 'data-id' = 'fluent-orders')"),
              "[OK]\n");
    ASSERT_EQ(sql::runSql(*env_, "CREATE TABLE prices (name STRING, price INT) "
                                 "WITH ('connector' = 'values', 'data-id' = 'fluent-prices')"),
              "[OK]\n");
    ASSERT_EQ(sql::runSql(*env_, "CREATE TABLE clicks (user_name STRING, ts TIMESTAMP(3), "
                                 "WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) "
                                 "WITH ('connector' = 'values', 'data-id' = 'fluent-clicks')"),
              "[OK]\n");
  }

  Table table(const char* path) {
    Result<Table> table = env_->from(path);
    EXPECT_TRUE(table.ok()) << table.status().message();
    return table.value();
  }

  std::unique_ptr<TableEnvironment> env_ = TableEnvironment::create();
};

TEST_F(TableApiFluentTest, SelectAndFilterBuildTheirQueryFromExpressions) {
  Table result = table("orders")
                     .filter($("amount").isGreater(lit(3)).and_($("product").isNotEqual(lit("fig"))))
                     .select($("id"), $("amount").times(lit(2)).as("doubled"), $("product").upperCase());
  EXPECT_EQ(result.asSerializableString(),
            "SELECT `id`, (`amount` * 2) AS `doubled`, UPPER(`product`) FROM (SELECT * FROM (SELECT * FROM "
            "`default_catalog`.`default_database`.`orders`) AS `t` WHERE ((`amount` > 3) AND (`product` <> 'fig'))) "
            "AS `t`");
  EXPECT_EQ(rowsOf(result), "+I[2, 10, PEAR]\n+I[3, 8, APPLE]\n");
  EXPECT_EQ(rowsOf(table("orders").where("amount < 4").select("id, product")), "+I[1, apple]\n");
}

TEST_F(TableApiFluentTest, GroupByAggregatesIntoAChangelog) {
  Table totals = table("orders").groupBy($("product")).select($("product"), $("amount").sum().as("total"),
                                                               $("id").count().as("n"));
  EXPECT_EQ(rowsOf(totals),
            "+I[apple, 3, 1]\n+I[pear, 5, 1]\n-U[apple, 3, 1]\n+U[apple, 7, 2]\n+I[fig, 7, 1]\n");
  Result<ResolvedSchema> schema = totals.getResolvedSchema();
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  EXPECT_EQ(schema->toString(), "(\n  `product` STRING,\n  `total` INT,\n  `n` BIGINT NOT NULL\n)");
}

TEST_F(TableApiFluentTest, ATumbleWindowGroupsByItsAlias) {
  Table counts = table("clicks")
                     .window(Tumble::over(lit(5).minutes()).on($("ts")).as("w"))
                     .groupBy($("w"), $("user_name"))
                     .select($("user_name"), $("w").start().as("window_start"), $("w").end().as("window_end"),
                             lit(1).count().as("clicks"));
  EXPECT_EQ(rowsOf(counts),
            "+I[alice, 2024-01-01 10:00:00.000, 2024-01-01 10:05:00.000, 2]\n"
            "+I[bob, 2024-01-01 10:00:00.000, 2024-01-01 10:05:00.000, 1]\n"
            "+I[alice, 2024-01-01 10:05:00.000, 2024-01-01 10:10:00.000, 1]\n");
}

TEST_F(TableApiFluentTest, JoinRenameDistinctAndUnionAll) {
  Table joined = table("orders").join(table("prices")).where($("product").isEqual($("name"))).select(
      $("id"), $("amount").times($("price")).as("cost"));
  EXPECT_EQ(sql::finalRows(*env_, joined.asSerializableString()), "[1, 30]\n[2, 100]\n[3, 40]\n");
  Table left = table("orders").leftOuterJoin(table("prices"), $("product").isEqual($("name"))).select($("id"), $("price"));
  EXPECT_EQ(sql::finalRows(*env_, left.asSerializableString()), "[1, 10]\n[2, 20]\n[3, 10]\n[4, NULL]\n");

  Table renamed = table("prices").as("fruit", "cents");
  EXPECT_EQ(rowsOf(renamed.filter($("cents").isGreater(lit(15))).select($("fruit"))), "+I[pear]\n");
  EXPECT_EQ(rowsOf(table("prices").as("a", "b", "c")), "ERROR: Aliasing more fields than we actually have.");

  EXPECT_EQ(sql::sortedLines(rowsOf(table("orders").select($("product")).distinct())),
            "+I[apple]\n+I[fig]\n+I[pear]\n");
  Table fruits = table("prices").select($("name")).unionAll(table("orders").filter($("id").isEqual(lit(4))).select($("product")));
  EXPECT_EQ(sql::sortedLines(rowsOf(fruits)), "+I[apple]\n+I[fig]\n+I[pear]\n");
}

TEST_F(TableApiFluentTest, ExecuteInsertAndAStatementSetWriteIntoSinks) {
  ASSERT_EQ(sql::runSql(*env_, "CREATE TABLE cheap (id INT, product STRING) WITH ('connector' = 'values')"), "[OK]\n");
  ASSERT_EQ(sql::runSql(*env_, "CREATE TABLE dear (id INT, product STRING) WITH ('connector' = 'values')"), "[OK]\n");
  Result<sql::TableResult> inserted = table("orders").filter($("amount").isLess(lit(4))).select($("id"), $("product")).executeInsert("cheap");
  ASSERT_TRUE(inserted.ok()) << inserted.status().message();
  EXPECT_EQ(inserted->columns, std::vector<std::string>{"default_catalog.default_database.cheap"});
  EXPECT_EQ(ValuesData::rawResults("cheap"), std::vector<std::string>{"+I[1, apple]"});

  StatementSet set = env_->createStatementSet();
  set.addInsert("cheap", table("orders").filter($("amount").isLess(lit(5))).select($("id"), $("product")))
      .addInsertSql("INSERT INTO dear SELECT id, product FROM orders WHERE amount >= 5");
  Result<sql::TableResult> result = set.execute();
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->columns, (std::vector<std::string>{"default_catalog.default_database.cheap",
                                                       "default_catalog.default_database.dear"}));
  EXPECT_EQ(ValuesData::rawResults("cheap"), (std::vector<std::string>{"+I[1, apple]", "+I[1, apple]", "+I[3, apple]"}));
  EXPECT_EQ(ValuesData::rawResults("dear"), (std::vector<std::string>{"+I[2, pear]", "+I[4, fig]"}));
  EXPECT_EQ(set.execute().status().message(), "No operators defined in the statement set.");
}

TEST_F(TableApiFluentTest, MistakesSurfaceWhenTheTableIsPlanned) {
  Table bad = table("orders").select($("nope"));
  EXPECT_EQ(rowsOf(bad), "ERROR: From line 1, column 8 to line 1, column 13: Column 'nope' not found in any table");
  Result<Table> view_error = env_->sqlQuery("SELECT nope FROM orders");
  EXPECT_FALSE(view_error.ok());
  ASSERT_TRUE(env_->createTemporaryView("apples", table("orders").filter($("product").isEqual(lit("apple")))).ok());
  Result<Table> apples = env_->sqlQuery("SELECT SUM(amount) FROM apples");
  ASSERT_TRUE(apples.ok()) << apples.status().message();
  EXPECT_EQ(rowsOf(*apples), "+I[3]\n-U[3]\n+U[7]\n");
}

}  // namespace
}  // namespace eddy::table
