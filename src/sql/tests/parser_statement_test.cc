#include <gtest/gtest.h>

#include "sql/tests/parser_test_util.h"

namespace eddy::sql {
namespace {

using testing::roundTrip;

TEST(ParserStatementTest, SeedTumbleInsertVerbatim) {
  EXPECT_EQ(roundTrip(R"sql(INSERT INTO page_counts
SELECT
    user_id,
    TUMBLE_START(event_time, INTERVAL '5' MINUTE),
    TUMBLE_END(event_time,   INTERVAL '5' MINUTE),
    COUNT(*) AS page_count
FROM page_events
GROUP BY user_id, TUMBLE(event_time, INTERVAL '5' MINUTE);)sql"),
            R"sql(INSERT INTO `page_counts`
SELECT `user_id`, TUMBLE_START(`event_time`, INTERVAL '5' MINUTE), TUMBLE_END(`event_time`, INTERVAL '5' MINUTE), COUNT(*) AS `page_count`
FROM `page_events`
GROUP BY `user_id`, TUMBLE(`event_time`, INTERVAL '5' MINUTE))sql");
}

TEST(ParserStatementTest, SetWithoutKeyListsConfiguration) {
  EXPECT_EQ(roundTrip("SET"),
            "SET");
}

TEST(ParserStatementTest, SetQuotedKeyAndValue) {
  EXPECT_EQ(roundTrip("SET 'table.local-time-zone' = 'Europe/Berlin';"),
            "SET 'table.local-time-zone' = 'Europe/Berlin'");
}

TEST(ParserStatementTest, SetResultMode) {
  EXPECT_EQ(roundTrip("set 'sql-client.execution.result-mode' = 'tableau'"),
            "SET 'sql-client.execution.result-mode' = 'tableau'");
}

TEST(ParserStatementTest, ResetAll) {
  EXPECT_EQ(roundTrip("RESET"),
            "RESET");
}

TEST(ParserStatementTest, ResetKey) {
  EXPECT_EQ(roundTrip("RESET 'table.exec.state.ttl'"),
            "RESET 'table.exec.state.ttl'");
}

TEST(ParserStatementTest, ShowTables) {
  EXPECT_EQ(roundTrip("SHOW TABLES"),
            "SHOW TABLES");
}

TEST(ParserStatementTest, ShowTablesFromDatabaseLike) {
  EXPECT_EQ(roundTrip("SHOW TABLES FROM cat.db LIKE 'ord%'"),
            "SHOW TABLES FROM `cat`.`db` LIKE 'ord%'");
}

TEST(ParserStatementTest, ShowViewsInNotLike) {
  EXPECT_EQ(roundTrip("SHOW VIEWS IN db NOT LIKE 'tmp%'"),
            "SHOW VIEWS IN `db` NOT LIKE 'tmp%'");
}

TEST(ParserStatementTest, ShowFunctions) {
  EXPECT_EQ(roundTrip("SHOW FUNCTIONS"),
            "SHOW FUNCTIONS");
}

TEST(ParserStatementTest, ShowUserFunctions) {
  EXPECT_EQ(roundTrip("SHOW USER FUNCTIONS"),
            "SHOW USER FUNCTIONS");
}

TEST(ParserStatementTest, ShowDatabases) {
  EXPECT_EQ(roundTrip("SHOW DATABASES"),
            "SHOW DATABASES");
}

TEST(ParserStatementTest, ShowCatalogs) {
  EXPECT_EQ(roundTrip("SHOW CATALOGS"),
            "SHOW CATALOGS");
}

TEST(ParserStatementTest, ShowCurrentCatalog) {
  EXPECT_EQ(roundTrip("SHOW CURRENT CATALOG"),
            "SHOW CURRENT CATALOG");
}

TEST(ParserStatementTest, ShowCurrentDatabase) {
  EXPECT_EQ(roundTrip("SHOW CURRENT DATABASE"),
            "SHOW CURRENT DATABASE");
}

TEST(ParserStatementTest, ShowCreateTable) {
  EXPECT_EQ(roundTrip("SHOW CREATE TABLE cat.db.orders"),
            "SHOW CREATE TABLE `cat`.`db`.`orders`");
}

TEST(ParserStatementTest, ShowCreateView) {
  EXPECT_EQ(roundTrip("SHOW CREATE VIEW v"),
            "SHOW CREATE VIEW `v`");
}

TEST(ParserStatementTest, ShowColumnsFrom) {
  EXPECT_EQ(roundTrip("SHOW COLUMNS FROM orders NOT LIKE '%_id'"),
            "SHOW COLUMNS FROM `orders` NOT LIKE '%_id'");
}

TEST(ParserStatementTest, ShowModulesAndJars) {
  EXPECT_EQ(roundTrip("SHOW FULL MODULES"),
            "SHOW FULL MODULES");
}

TEST(ParserStatementTest, Describe) {
  EXPECT_EQ(roundTrip("DESCRIBE orders"),
            "DESCRIBE `orders`");
}

TEST(ParserStatementTest, DescExtended) {
  EXPECT_EQ(roundTrip("DESC EXTENDED cat.db.orders"),
            "DESCRIBE EXTENDED `cat`.`db`.`orders`");
}

TEST(ParserStatementTest, UseCatalog) {
  EXPECT_EQ(roundTrip("USE CATALOG my_catalog"),
            "USE CATALOG `my_catalog`");
}

TEST(ParserStatementTest, UseDatabase) {
  EXPECT_EQ(roundTrip("USE cat.db"),
            "USE `cat`.`db`");
}

TEST(ParserStatementTest, ExplainQuery) {
  EXPECT_EQ(roundTrip("EXPLAIN SELECT a FROM t"),
            R"sql(EXPLAIN
SELECT `a`
FROM `t`)sql");
}

TEST(ParserStatementTest, ExplainPlanFor) {
  EXPECT_EQ(roundTrip("EXPLAIN PLAN FOR SELECT a FROM t"),
            R"sql(EXPLAIN PLAN FOR
SELECT `a`
FROM `t`)sql");
}

TEST(ParserStatementTest, ExplainDetails) {
  EXPECT_EQ(roundTrip("EXPLAIN CHANGELOG_MODE, ESTIMATED_COST, JSON_EXECUTION_PLAN, PLAN_ADVICE INSERT INTO s SELECT * FROM t"),
            R"sql(EXPLAIN CHANGELOG_MODE, ESTIMATED_COST, JSON_EXECUTION_PLAN, PLAN_ADVICE
INSERT INTO `s`
SELECT *
FROM `t`)sql");
}

TEST(ParserStatementTest, ExplainStatementSet) {
  EXPECT_EQ(roundTrip("EXPLAIN STATEMENT SET BEGIN INSERT INTO s SELECT * FROM t; END"),
            R"sql(EXPLAIN
EXECUTE STATEMENT SET
BEGIN
INSERT INTO `s`
SELECT *
FROM `t`;
END)sql");
}

TEST(ParserStatementTest, InsertIntoSelect) {
  EXPECT_EQ(roundTrip("INSERT INTO sink SELECT * FROM src"),
            R"sql(INSERT INTO `sink`
SELECT *
FROM `src`)sql");
}

TEST(ParserStatementTest, InsertOverwriteWithPartitionAndColumns) {
  EXPECT_EQ(roundTrip("INSERT OVERWRITE cat.db.sink PARTITION (dt = '2024-01-01', hr = 10) (a, b) SELECT x, y FROM src"),
            R"sql(INSERT OVERWRITE `cat`.`db`.`sink` PARTITION (`dt` = '2024-01-01', `hr` = 10) (`a`, `b`)
SELECT `x`, `y`
FROM `src`)sql");
}

TEST(ParserStatementTest, InsertValues) {
  EXPECT_EQ(roundTrip("INSERT INTO t VALUES (1, 'a'), (2, 'b')"),
            R"sql(INSERT INTO `t`
VALUES (1, 'a'),
(2, 'b'))sql");
}

TEST(ParserStatementTest, InsertParenthesizedQuery) {
  EXPECT_EQ(roundTrip("INSERT INTO t (SELECT a FROM s)"),
            R"sql(INSERT INTO `t`
SELECT `a`
FROM `s`)sql");
}

TEST(ParserStatementTest, ExecuteStatementSet) {
  EXPECT_EQ(roundTrip(R"sql(EXECUTE STATEMENT SET BEGIN
  INSERT INTO a SELECT * FROM x;
  INSERT INTO b SELECT * FROM y;
END;)sql"),
            R"sql(EXECUTE STATEMENT SET
BEGIN
INSERT INTO `a`
SELECT *
FROM `x`;
INSERT INTO `b`
SELECT *
FROM `y`;
END)sql");
}

}  // namespace
}  // namespace eddy::sql
