#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "sql/catalog/statement_executor.h"
#include "sql/parser/sql_parser.h"

namespace eddy::sql {
namespace {

// Runs statements against one session and prints results in tableau form, or
// "ERROR: <message>", so that each case is one exact comparison.
class CatalogExecutorTest : public ::testing::Test {
 protected:
  std::string run(std::string_view sql) {
    Result<Statement> statement = SqlParser::parseStatement(sql);
    if (!statement.ok()) return "PARSE ERROR: " + statement.status().message();
    Result<TableResult> result = executor_.execute(*statement);
    if (!result.ok()) return "ERROR: " + result.status().message();
    return printTableau(*result);
  }

  // The single value of a one-cell result (SHOW CREATE TABLE).
  std::string value(std::string_view sql) {
    Result<Statement> statement = SqlParser::parseStatement(sql);
    if (!statement.ok()) return "PARSE ERROR: " + statement.status().message();
    Result<TableResult> result = executor_.execute(*statement);
    if (!result.ok()) return "ERROR: " + result.status().message();
    return *result->rows.at(0).at(0);
  }

  static constexpr const char* kOk = "+--------+\n| result |\n+--------+\n|     OK |\n+--------+\n1 row in set\n";

  CatalogManager catalogs_;
  Configuration session_;
  StatementExecutor executor_{catalogs_, session_};
};

TEST_F(CatalogExecutorTest, ShowCatalogs) {
  EXPECT_EQ(run("SHOW CATALOGS"),
            "+-----------------+\n"
            "|    catalog name |\n"
            "+-----------------+\n"
            "| default_catalog |\n"
            "+-----------------+\n"
            "1 row in set\n");
}

TEST_F(CatalogExecutorTest, ShowCurrentCatalogAndDatabase) {
  EXPECT_EQ(run("SHOW CURRENT CATALOG"),
            "+----------------------+\n"
            "| current catalog name |\n"
            "+----------------------+\n"
            "|      default_catalog |\n"
            "+----------------------+\n"
            "1 row in set\n");
  EXPECT_EQ(run("SHOW CURRENT DATABASE"),
            "+-----------------------+\n"
            "| current database name |\n"
            "+-----------------------+\n"
            "|      default_database |\n"
            "+-----------------------+\n"
            "1 row in set\n");
}

TEST_F(CatalogExecutorTest, ShowDatabases) {
  EXPECT_EQ(run("SHOW DATABASES"),
            "+------------------+\n"
            "|    database name |\n"
            "+------------------+\n"
            "| default_database |\n"
            "+------------------+\n"
            "1 row in set\n");
}

TEST_F(CatalogExecutorTest, ShowTablesEmpty) { EXPECT_EQ(run("SHOW TABLES"), "Empty set\n"); }

TEST_F(CatalogExecutorTest, CreateTableReturnsOk) {
  EXPECT_EQ(run("CREATE TABLE t (a INT) WITH ('connector' = 'datagen')"), kOk);
}

TEST_F(CatalogExecutorTest, ShowTablesSortedWithViewsAndTemporaries) {
  run("CREATE TABLE b (a INT)");
  run("CREATE TEMPORARY TABLE a (a INT)");
  run("CREATE VIEW c AS SELECT 1");
  EXPECT_EQ(run("SHOW TABLES"),
            "+------------+\n"
            "| table name |\n"
            "+------------+\n"
            "|          a |\n"
            "|          b |\n"
            "|          c |\n"
            "+------------+\n"
            "3 rows in set\n");
}

TEST_F(CatalogExecutorTest, ShowViews) {
  run("CREATE TABLE b (a INT)");
  run("CREATE TEMPORARY VIEW v2 AS SELECT 1");
  run("CREATE VIEW v1 AS SELECT 1");
  EXPECT_EQ(run("SHOW VIEWS"),
            "+-----------+\n"
            "| view name |\n"
            "+-----------+\n"
            "|        v1 |\n"
            "|        v2 |\n"
            "+-----------+\n"
            "2 rows in set\n");
}

TEST_F(CatalogExecutorTest, ShowTablesLike) {
  run("CREATE TABLE orders (a INT)");
  run("CREATE TABLE order_items (a INT)");
  run("CREATE TABLE users (a INT)");
  EXPECT_EQ(run("SHOW TABLES LIKE 'order%'"),
            "+-------------+\n"
            "|  table name |\n"
            "+-------------+\n"
            "| order_items |\n"
            "|      orders |\n"
            "+-------------+\n"
            "2 rows in set\n");
  EXPECT_EQ(run("SHOW TABLES NOT LIKE 'order%'"),
            "+------------+\n"
            "| table name |\n"
            "+------------+\n"
            "|      users |\n"
            "+------------+\n"
            "1 row in set\n");
}

TEST_F(CatalogExecutorTest, ShowTablesFromMissingDatabase) {
  EXPECT_EQ(run("SHOW TABLES FROM nodb"), "ERROR: Database nodb does not exist");
}

TEST_F(CatalogExecutorTest, CreatePermanentTableTwiceFails) {
  run("CREATE TABLE t (a INT)");
  EXPECT_EQ(run("CREATE TABLE t (a INT)"),
            "ERROR: Could not execute CreateTable in path `default_catalog`.`default_database`.`t`: "
            "Table (or view) default_database.t already exists in Catalog default_catalog.");
}

TEST_F(CatalogExecutorTest, CreateTableIfNotExistsKeepsFirst) {
  run("CREATE TABLE t (a INT)");
  EXPECT_EQ(run("CREATE TABLE IF NOT EXISTS t (b STRING)"), kOk);
  EXPECT_EQ(value("SHOW CREATE TABLE t"), "CREATE TABLE `default_catalog`.`default_database`.`t` (\n  `a` INT\n)\n");
}

TEST_F(CatalogExecutorTest, CreateTemporaryTableTwiceFails) {
  run("CREATE TEMPORARY TABLE t (a INT)");
  EXPECT_EQ(run("CREATE TEMPORARY TABLE t (a INT)"),
            "ERROR: Temporary table '`default_catalog`.`default_database`.`t`' already exists");
}

TEST_F(CatalogExecutorTest, CreateTableInMissingDatabaseFails) {
  EXPECT_EQ(run("CREATE TABLE nodb.t (a INT)"),
            "ERROR: Could not execute CreateTable in path `default_catalog`.`nodb`.`t`: "
            "Database nodb does not exist in Catalog default_catalog.");
}

TEST_F(CatalogExecutorTest, CreateTableInMissingCatalogFails) {
  EXPECT_EQ(run("CREATE TABLE cat.db.t (a INT)"), "ERROR: Catalog cat does not exist.");
}

TEST_F(CatalogExecutorTest, DropMissingTableFails) {
  EXPECT_EQ(run("DROP TABLE x"), "ERROR: Table with identifier 'default_catalog.default_database.x' does not exist.");
  EXPECT_EQ(run("DROP TABLE IF EXISTS x"), kOk);
}

TEST_F(CatalogExecutorTest, DropMissingViewFails) {
  EXPECT_EQ(run("DROP VIEW v"), "ERROR: View with identifier 'default_catalog.default_database.v' does not exist.");
}

TEST_F(CatalogExecutorTest, DropTableDoesNotDropView) {
  run("CREATE VIEW v AS SELECT 1");
  EXPECT_EQ(run("DROP TABLE v"), "ERROR: Table with identifier 'default_catalog.default_database.v' does not exist.");
  EXPECT_EQ(run("DROP VIEW v"), kOk);
  EXPECT_EQ(run("SHOW TABLES"), "Empty set\n");
}

TEST_F(CatalogExecutorTest, DropPermanentShadowedByTemporaryFails) {
  run("CREATE TABLE t (a INT)");
  run("CREATE TEMPORARY TABLE t (a INT)");
  EXPECT_EQ(run("DROP TABLE t"),
            "ERROR: Temporary table with identifier '`default_catalog`.`default_database`.`t`' exists. "
            "Drop it first before removing the permanent table.");
  EXPECT_EQ(run("DROP TEMPORARY TABLE t"), kOk);
  EXPECT_EQ(run("DROP TABLE t"), kOk);
}

TEST_F(CatalogExecutorTest, DropMissingTemporaryTableFails) {
  EXPECT_EQ(run("DROP TEMPORARY TABLE t"),
            "ERROR: Temporary table or view with identifier 'default_catalog.default_database.t' does not exist.");
}

TEST_F(CatalogExecutorTest, TemporaryTableShadowsPermanentInShowCreate) {
  run("CREATE TABLE t (a INT)");
  run("CREATE TEMPORARY TABLE t (b STRING)");
  EXPECT_EQ(value("SHOW CREATE TABLE t"),
            "CREATE TEMPORARY TABLE `default_catalog`.`default_database`.`t` (\n  `b` VARCHAR(2147483647)\n)\n");
}

TEST_F(CatalogExecutorTest, ShowCreateTableFullForm) {
  run("CREATE TABLE page_events (\n"
      "  user_id BIGINT,\n"
      "  url STRING COMMENT 'the page',\n"
      "  event_time TIMESTAMP(3),\n"
      "  part STRING,\n"
      "  next_id AS user_id + 1,\n"
      "  offs BIGINT METADATA FROM 'offset' VIRTUAL,\n"
      "  WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND,\n"
      "  PRIMARY KEY (user_id) NOT ENFORCED\n"
      ") COMMENT 'page events' PARTITIONED BY (part) WITH (\n"
      "  'connector' = 'datagen', 'rows-per-second' = '10', 'fields.url.length' = 'it''s'\n"
      ")");
  EXPECT_EQ(value("SHOW CREATE TABLE page_events"),
            "CREATE TABLE `default_catalog`.`default_database`.`page_events` (\n"
            "  `user_id` BIGINT NOT NULL,\n"
            "  `url` VARCHAR(2147483647) COMMENT 'the page',\n"
            "  `event_time` TIMESTAMP(3),\n"
            "  `part` VARCHAR(2147483647),\n"
            "  `next_id` AS `user_id` + 1,\n"
            "  `offs` BIGINT METADATA FROM 'offset' VIRTUAL,\n"
            "  WATERMARK FOR `event_time` AS `event_time` - INTERVAL '5' SECOND,\n"
            "  CONSTRAINT `PK_user_id` PRIMARY KEY (`user_id`) NOT ENFORCED\n"
            ")\n"
            "COMMENT 'page events'\n"
            "PARTITIONED BY (`part`)\n"
            "WITH (\n"
            "  'connector' = 'datagen',\n"
            "  'fields.url.length' = 'it''s',\n"
            "  'rows-per-second' = '10'\n"
            ")\n");
}

TEST_F(CatalogExecutorTest, ShowCreateTableNamedConstraint) {
  run("CREATE TABLE t (a INT, b INT, CONSTRAINT my_pk PRIMARY KEY (a, b) NOT ENFORCED)");
  EXPECT_EQ(value("SHOW CREATE TABLE t"),
            "CREATE TABLE `default_catalog`.`default_database`.`t` (\n"
            "  `a` INT NOT NULL,\n"
            "  `b` INT NOT NULL,\n"
            "  CONSTRAINT `my_pk` PRIMARY KEY (`a`, `b`) NOT ENFORCED\n"
            ")\n");
}

TEST_F(CatalogExecutorTest, ShowCreateTableMissing) {
  EXPECT_EQ(run("SHOW CREATE TABLE x"),
            "ERROR: Could not execute SHOW CREATE TABLE. Table with identifier "
            "`default_catalog`.`default_database`.`x` does not exist.");
}

TEST_F(CatalogExecutorTest, ShowCreateTableOnView) {
  run("CREATE VIEW v AS SELECT 1");
  EXPECT_EQ(run("SHOW CREATE TABLE v"),
            "ERROR: SHOW CREATE TABLE is only supported for tables, but `default_catalog`.`default_database`.`v` "
            "is a view. Please use SHOW CREATE VIEW instead.");
}

TEST_F(CatalogExecutorTest, DescribeTable) {
  run("CREATE TABLE Orders (\n"
      "  `user` BIGINT NOT NULL,\n"
      "  product VARCHAR(32),\n"
      "  amount INT,\n"
      "  ts TIMESTAMP(3),\n"
      "  ptime AS PROCTIME(),\n"
      "  PRIMARY KEY(`user`) NOT ENFORCED,\n"
      "  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND\n"
      ") WITH ('connector' = 'datagen')");
  EXPECT_EQ(run("DESCRIBE Orders"),
            "+---------+-----------------------------+-------+-----------+---------------+----------------------------+\n"
            "|    name |                        type |  null |       key |        extras |                  watermark |\n"
            "+---------+-----------------------------+-------+-----------+---------------+----------------------------+\n"
            "|    user |                      BIGINT | FALSE | PRI(user) |        <NULL> |                     <NULL> |\n"
            "| product |                 VARCHAR(32) |  TRUE |    <NULL> |        <NULL> |                     <NULL> |\n"
            "|  amount |                         INT |  TRUE |    <NULL> |        <NULL> |                     <NULL> |\n"
            "|      ts |      TIMESTAMP(3) *ROWTIME* |  TRUE |    <NULL> |        <NULL> | `ts` - INTERVAL '1' SECOND |\n"
            "|   ptime | TIMESTAMP_LTZ(3) *PROCTIME* | FALSE |    <NULL> | AS PROCTIME() |                     <NULL> |\n"
            "+---------+-----------------------------+-------+-----------+---------------+----------------------------+\n"
            "5 rows in set\n");
}

TEST_F(CatalogExecutorTest, DescribeMetadataColumn) {
  run("CREATE TABLE t (a INT, m TIMESTAMP_LTZ(3) METADATA)");
  EXPECT_EQ(run("DESC t"),
            "+------+------------------+------+--------+----------+-----------+\n"
            "| name |             type | null |    key |   extras | watermark |\n"
            "+------+------------------+------+--------+----------+-----------+\n"
            "|    a |              INT | TRUE | <NULL> |   <NULL> |    <NULL> |\n"
            "|    m | TIMESTAMP_LTZ(3) | TRUE | <NULL> | METADATA |    <NULL> |\n"
            "+------+------------------+------+--------+----------+-----------+\n"
            "2 rows in set\n");
}

TEST_F(CatalogExecutorTest, DescribeMissingTable) {
  EXPECT_EQ(run("DESCRIBE x"),
            "ERROR: Tables or views with the identifier 'default_catalog.default_database.x' doesn't exist.");
}

TEST_F(CatalogExecutorTest, DuplicateColumnFails) {
  EXPECT_EQ(run("CREATE TABLE t (a INT, a STRING)"),
            "ERROR: Schema must not contain duplicate column names. Found duplicates: [a]");
}

TEST_F(CatalogExecutorTest, PrimaryKeyOnMissingColumnFails) {
  EXPECT_EQ(run("CREATE TABLE t (a INT, PRIMARY KEY (b) NOT ENFORCED)"),
            "ERROR: Invalid primary key 'PK_b'. Column 'b' does not exist.");
}

TEST_F(CatalogExecutorTest, PrimaryKeyOnComputedColumnFails) {
  EXPECT_EQ(run("CREATE TABLE t (a INT, b AS a + 1, PRIMARY KEY (b) NOT ENFORCED)"),
            "ERROR: Invalid primary key 'PK_b'. Column 'b' is not a physical column.");
}

TEST_F(CatalogExecutorTest, WatermarkOnMissingColumnFails) {
  EXPECT_EQ(run("CREATE TABLE t (a INT, ts TIMESTAMP(3), WATERMARK FOR x AS ts)"),
            "ERROR: Invalid column name 'x' for rowtime attribute in watermark declaration. "
            "Available columns are: [a, ts]");
}

TEST_F(CatalogExecutorTest, WatermarkOnNonTimestampFails) {
  EXPECT_EQ(run("CREATE TABLE t (a INT, WATERMARK FOR a AS a)"),
            "ERROR: Invalid data type of time field for watermark definition. The field must be of type "
            "TIMESTAMP(p) or TIMESTAMP_LTZ(p), the supported precision 'p' is from 0 to 3, but the time field "
            "type is INT");
}

TEST_F(CatalogExecutorTest, PartitionOnMissingColumnFails) {
  EXPECT_EQ(run("CREATE TABLE t (a INT, b STRING) PARTITIONED BY (c)"),
            "ERROR: Partition column 'c' not defined in the table schema. Available columns: ['a', 'b']");
}

TEST_F(CatalogExecutorTest, UseDatabaseMissing) {
  EXPECT_EQ(run("USE nodb"),
            "ERROR: A database with name [nodb] does not exist in the catalog: [default_catalog].");
}

TEST_F(CatalogExecutorTest, UseCatalogMissing) {
  EXPECT_EQ(run("USE CATALOG nocat"), "ERROR: A catalog with name [nocat] does not exist.");
}

TEST_F(CatalogExecutorTest, UseOtherCatalogAndDatabase) {
  ASSERT_TRUE(catalogs_.registerCatalog(std::make_unique<GenericInMemoryCatalog>("my_cat", "my_db")).ok());
  ASSERT_TRUE(catalogs_.getCatalog("my_cat")->createDatabase("other", false).ok());
  EXPECT_EQ(run("USE CATALOG my_cat"), kOk);
  EXPECT_EQ(run("SHOW CURRENT DATABASE"),
            "+-----------------------+\n"
            "| current database name |\n"
            "+-----------------------+\n"
            "|                 my_db |\n"
            "+-----------------------+\n"
            "1 row in set\n");
  EXPECT_EQ(run("USE other"), kOk);
  run("CREATE TABLE t (a INT)");
  EXPECT_EQ(value("SHOW CREATE TABLE t"), "CREATE TABLE `my_cat`.`other`.`t` (\n  `a` INT\n)\n");
  EXPECT_EQ(run("SHOW TABLES FROM default_catalog.default_database"), "Empty set\n");
}

TEST_F(CatalogExecutorTest, BackquotedIdentifiers) {
  run("CREATE TABLE `default_catalog`.`default_database`.`my table` (`a``b` INT)");
  EXPECT_EQ(value("SHOW CREATE TABLE `my table`"),
            "CREATE TABLE `default_catalog`.`default_database`.`my table` (\n  `a``b` INT\n)\n");
}

TEST_F(CatalogExecutorTest, AlterTableSetAndResetOptions) {
  run("CREATE TABLE t (a INT) WITH ('connector' = 'datagen', 'rows-per-second' = '1')");
  EXPECT_EQ(run("ALTER TABLE t SET ('rows-per-second' = '5', 'number-of-rows' = '10')"), kOk);
  EXPECT_EQ(value("SHOW CREATE TABLE t"),
            "CREATE TABLE `default_catalog`.`default_database`.`t` (\n  `a` INT\n)\nWITH (\n"
            "  'connector' = 'datagen',\n  'number-of-rows' = '10',\n  'rows-per-second' = '5'\n)\n");
  EXPECT_EQ(run("ALTER TABLE t RESET ('number-of-rows')"), kOk);
  EXPECT_EQ(value("SHOW CREATE TABLE t"),
            "CREATE TABLE `default_catalog`.`default_database`.`t` (\n  `a` INT\n)\nWITH (\n"
            "  'connector' = 'datagen',\n  'rows-per-second' = '5'\n)\n");
  EXPECT_EQ(run("ALTER TABLE t RESET ('connector')"),
            "ERROR: ALTER TABLE RESET does not support changing 'connector'");
}

TEST_F(CatalogExecutorTest, AlterTableRename) {
  run("CREATE TABLE t (a INT)");
  run("CREATE TABLE u (a INT)");
  EXPECT_EQ(run("ALTER TABLE t RENAME TO u"),
            "ERROR: Could not execute RenameTable in path `default_catalog`.`default_database`.`t`: "
            "Table (or view) default_database.u already exists in Catalog default_catalog.");
  EXPECT_EQ(run("ALTER TABLE t RENAME TO v"), kOk);
  EXPECT_EQ(run("SHOW TABLES"),
            "+------------+\n| table name |\n+------------+\n|          u |\n|          v |\n+------------+\n"
            "2 rows in set\n");
}

TEST_F(CatalogExecutorTest, AlterMissingTable) {
  EXPECT_EQ(run("ALTER TABLE x SET ('a' = 'b')"),
            "ERROR: Table `default_catalog`.`default_database`.`x` doesn't exist or is a temporary table.");
  EXPECT_EQ(run("ALTER TABLE IF EXISTS x SET ('a' = 'b')"), kOk);
}

TEST_F(CatalogExecutorTest, SetListsSortedAndMasksSecrets) {
  EXPECT_EQ(run("SET 'table.local-time-zone' = 'UTC'"), kOk);
  EXPECT_EQ(run("SET 's3.secret-key' = 'hunter2'"), kOk);
  EXPECT_EQ(run("SET"),
            "+-----------------------+--------+\n"
            "|                   key |  value |\n"
            "+-----------------------+--------+\n"
            "|         s3.secret-key | ****** |\n"
            "| table.local-time-zone |    UTC |\n"
            "+-----------------------+--------+\n"
            "2 rows in set\n");
  EXPECT_EQ(session_.getString("s3.secret-key"), "hunter2");
}

TEST_F(CatalogExecutorTest, ResetKeyAndAll) {
  Configuration defaults;
  defaults.setString("parallelism.default", "2");
  session_ = defaults;
  StatementExecutor executor(catalogs_, session_, defaults);
  ASSERT_TRUE(executor.execute(*SqlParser::parseStatement("SET 'parallelism.default' = '4'")).ok());
  ASSERT_TRUE(executor.execute(*SqlParser::parseStatement("SET 'a.b' = 'c'")).ok());
  ASSERT_TRUE(executor.execute(*SqlParser::parseStatement("RESET 'parallelism.default'")).ok());
  EXPECT_EQ(session_.toString(), "{a.b=c, parallelism.default=2}");
  ASSERT_TRUE(executor.execute(*SqlParser::parseStatement("RESET")).ok());
  EXPECT_EQ(session_.toString(), "{parallelism.default=2}");
}

TEST_F(CatalogExecutorTest, UnsupportedStatementsSayWhat) {
  EXPECT_EQ(run("CREATE TABLE t2 (a INT) LIKE t"), "ERROR: CREATE TABLE ... LIKE");
  EXPECT_EQ(run("DESCRIBE v"),
            "ERROR: Tables or views with the identifier 'default_catalog.default_database.v' doesn't exist.");
}

}  // namespace
}  // namespace eddy::sql
