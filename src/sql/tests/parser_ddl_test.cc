#include <gtest/gtest.h>

#include "sql/tests/parser_test_util.h"

namespace eddy::sql {
namespace {

using testing::roundTrip;

TEST(ParserDdlTest, SeedPageEventsTableVerbatim) {
  EXPECT_EQ(roundTrip(R"sql(CREATE TABLE page_events (
    user_id STRING,
    page   STRING,
    event_time TIMESTAMP(3),
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic'     = 'page-events',
    'properties.bootstrap.servers' = 'kafka:9092',
    'format'    = 'json'
);)sql"),
            R"sql(CREATE TABLE `page_events` (
  `user_id` VARCHAR(2147483647),
  `page` VARCHAR(2147483647),
  `event_time` TIMESTAMP(3),
  WATERMARK FOR `event_time` AS (`event_time` - INTERVAL '5' SECOND)
)
WITH (
  'connector' = 'kafka',
  'topic' = 'page-events',
  'properties.bootstrap.servers' = 'kafka:9092',
  'format' = 'json'
))sql");
}

TEST(ParserDdlTest, PhysicalColumnsWithTypes) {
  EXPECT_EQ(roundTrip("CREATE TABLE t (a INT, b STRING NOT NULL, c DECIMAL(10, 2), d TIMESTAMP_LTZ(3), e BYTES)"),
            R"sql(CREATE TABLE `t` (
  `a` INT,
  `b` VARCHAR(2147483647) NOT NULL,
  `c` DECIMAL(10, 2),
  `d` TIMESTAMP(3) WITH LOCAL TIME ZONE,
  `e` VARBINARY(2147483647)
))sql");
}

TEST(ParserDdlTest, NestedTypes) {
  EXPECT_EQ(roundTrip("CREATE TABLE t (a ARRAY<INT>, m MAP<STRING, ARRAY<BIGINT>>, r ROW<x INT, y STRING>, s INT ARRAY NOT NULL)"),
            R"sql(CREATE TABLE `t` (
  `a` ARRAY<INT>,
  `m` MAP<VARCHAR(2147483647), ARRAY<BIGINT>>,
  `r` ROW<`x` INT, `y` VARCHAR(2147483647)>,
  `s` ARRAY<INT> NOT NULL
))sql");
}

TEST(ParserDdlTest, TimeZoneAndIntervalTypes) {
  EXPECT_EQ(roundTrip("CREATE TABLE t (a TIMESTAMP(3) WITH LOCAL TIME ZONE, b TIME(0) WITHOUT TIME ZONE, c INTERVAL DAY TO SECOND(3), d DOUBLE PRECISION)"),
            R"sql(CREATE TABLE `t` (
  `a` TIMESTAMP(3) WITH LOCAL TIME ZONE,
  `b` TIME(0),
  `c` INTERVAL DAY(2) TO SECOND(3),
  `d` DOUBLE
))sql");
}

TEST(ParserDdlTest, ComputedColumnWithComment) {
  EXPECT_EQ(roundTrip("CREATE TABLE t (price INT, qty INT, cost AS price * qty COMMENT 'total', ts AS PROCTIME())"),
            R"sql(CREATE TABLE `t` (
  `price` INT,
  `qty` INT,
  `cost` AS (`price` * `qty`) COMMENT 'total',
  `ts` AS PROCTIME()
))sql");
}

TEST(ParserDdlTest, MetadataColumns) {
  EXPECT_EQ(roundTrip("CREATE TABLE t (ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL, part INT METADATA VIRTUAL, headers MAP<STRING, BYTES> METADATA)"),
            R"sql(CREATE TABLE `t` (
  `ts` TIMESTAMP(3) WITH LOCAL TIME ZONE METADATA FROM 'timestamp' VIRTUAL,
  `part` INT METADATA VIRTUAL,
  `headers` MAP<VARCHAR(2147483647), VARBINARY(2147483647)> METADATA
))sql");
}

TEST(ParserDdlTest, WatermarkOnNestedColumn) {
  EXPECT_EQ(roundTrip("CREATE TABLE t (r ROW<ts TIMESTAMP(3)>, WATERMARK FOR r.ts AS r.ts - INTERVAL '1' SECOND)"),
            R"sql(CREATE TABLE `t` (
  `r` ROW<`ts` TIMESTAMP(3)>,
  WATERMARK FOR `r`.`ts` AS (`r`.`ts` - INTERVAL '1' SECOND)
))sql");
}

TEST(ParserDdlTest, PrimaryKeyColumnForm) {
  EXPECT_EQ(roundTrip("CREATE TABLE t (id BIGINT PRIMARY KEY NOT ENFORCED, name STRING COMMENT 'the name')"),
            R"sql(CREATE TABLE `t` (
  `id` BIGINT PRIMARY KEY NOT ENFORCED,
  `name` VARCHAR(2147483647) COMMENT 'the name'
))sql");
}

TEST(ParserDdlTest, PrimaryKeyTableFormWithName) {
  EXPECT_EQ(roundTrip("CREATE TABLE t (a INT, b INT, CONSTRAINT pk_ab PRIMARY KEY (a, b) NOT ENFORCED)"),
            R"sql(CREATE TABLE `t` (
  `a` INT,
  `b` INT,
  CONSTRAINT `pk_ab` PRIMARY KEY (`a`, `b`) NOT ENFORCED
))sql");
}

TEST(ParserDdlTest, TemporaryIfNotExistsQualifiedName) {
  EXPECT_EQ(roundTrip("create temporary table if not exists cat.db.`My Table` (a int)"),
            R"sql(CREATE TEMPORARY TABLE IF NOT EXISTS `cat`.`db`.`My Table` (
  `a` INT
))sql");
}

TEST(ParserDdlTest, CommentPartitionedByWithOptions) {
  EXPECT_EQ(roundTrip("CREATE TABLE t (a INT, dt STRING) COMMENT 'daily' PARTITIONED BY (dt) WITH ('connector' = 'filesystem', 'path' = 'file:///tmp/t', 'format' = 'csv')"),
            R"sql(CREATE TABLE `t` (
  `a` INT,
  `dt` VARCHAR(2147483647)
)
COMMENT 'daily'
PARTITIONED BY (`dt`)
WITH (
  'connector' = 'filesystem',
  'path' = 'file:///tmp/t',
  'format' = 'csv'
))sql");
}

TEST(ParserDdlTest, LikeWithOptions) {
  EXPECT_EQ(roundTrip("CREATE TABLE t (b INT) WITH ('connector' = 'print') LIKE src (EXCLUDING ALL INCLUDING GENERATED OVERWRITING OPTIONS)"),
            R"sql(CREATE TABLE `t` (
  `b` INT
)
WITH (
  'connector' = 'print'
)
LIKE `src` (
  EXCLUDING ALL
  INCLUDING GENERATED
  OVERWRITING OPTIONS
))sql");
}

TEST(ParserDdlTest, LikeWithoutOptionsAndNoColumns) {
  EXPECT_EQ(roundTrip("CREATE TABLE t WITH ('a' = 'b') LIKE cat.db.src"),
            R"sql(CREATE TABLE `t`
WITH (
  'a' = 'b'
)
LIKE `cat`.`db`.`src`)sql");
}

TEST(ParserDdlTest, CreateTableAsSelect) {
  EXPECT_EQ(roundTrip("CREATE TABLE t WITH ('connector' = 'blackhole') AS SELECT a, b FROM s"),
            R"sql(CREATE TABLE `t`
WITH (
  'connector' = 'blackhole'
)
AS
SELECT `a`, `b`
FROM `s`)sql");
}

TEST(ParserDdlTest, OptionValueEscapes) {
  EXPECT_EQ(roundTrip("CREATE TABLE t (a INT) WITH ('fields.a.kind' = 'sequence', 'csv.quote-character' = '''')"),
            R"sql(CREATE TABLE `t` (
  `a` INT
)
WITH (
  'fields.a.kind' = 'sequence',
  'csv.quote-character' = ''''
))sql");
}

TEST(ParserDdlTest, CreateView) {
  EXPECT_EQ(roundTrip("CREATE VIEW v AS SELECT a FROM t"),
            R"sql(CREATE VIEW `v`
AS
SELECT `a`
FROM `t`)sql");
}

TEST(ParserDdlTest, CreateTemporaryViewWithColumnsAndComment) {
  EXPECT_EQ(roundTrip("CREATE TEMPORARY VIEW IF NOT EXISTS v (x, y) COMMENT 'a view' AS SELECT a, b FROM t WHERE a > 0"),
            R"sql(CREATE TEMPORARY VIEW IF NOT EXISTS `v` (`x`, `y`)
COMMENT 'a view'
AS
SELECT `a`, `b`
FROM `t`
WHERE (`a` > 0))sql");
}

TEST(ParserDdlTest, CreateFunction) {
  EXPECT_EQ(roundTrip("CREATE FUNCTION my_udf AS 'com.example.MyUdf'"),
            "CREATE FUNCTION `my_udf` AS 'com.example.MyUdf'");
}

TEST(ParserDdlTest, CreateTemporarySystemFunctionWithLanguage) {
  EXPECT_EQ(roundTrip("CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS cat.db.f AS 'com.example.F' LANGUAGE SCALA"),
            "CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS `cat`.`db`.`f` AS 'com.example.F' LANGUAGE SCALA");
}

TEST(ParserDdlTest, DropTable) {
  EXPECT_EQ(roundTrip("DROP TABLE IF EXISTS cat.db.t"),
            "DROP TABLE IF EXISTS `cat`.`db`.`t`");
}

TEST(ParserDdlTest, DropTemporaryView) {
  EXPECT_EQ(roundTrip("DROP TEMPORARY VIEW v"),
            "DROP TEMPORARY VIEW `v`");
}

TEST(ParserDdlTest, DropTemporarySystemFunction) {
  EXPECT_EQ(roundTrip("DROP TEMPORARY SYSTEM FUNCTION IF EXISTS f"),
            "DROP TEMPORARY SYSTEM FUNCTION IF EXISTS `f`");
}

TEST(ParserDdlTest, AlterTableRename) {
  EXPECT_EQ(roundTrip("ALTER TABLE t RENAME TO cat.db.u"),
            "ALTER TABLE `t` RENAME TO `cat`.`db`.`u`");
}

TEST(ParserDdlTest, AlterTableSetOptions) {
  EXPECT_EQ(roundTrip("ALTER TABLE IF EXISTS t SET ('scan.startup.mode' = 'earliest-offset', 'format' = 'json')"),
            R"sql(ALTER TABLE IF EXISTS `t` SET (
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json'
))sql");
}

TEST(ParserDdlTest, AlterTableResetOptions) {
  EXPECT_EQ(roundTrip("ALTER TABLE t RESET ('scan.startup.mode', 'format')"),
            R"sql(ALTER TABLE `t` RESET (
  'scan.startup.mode',
  'format'
))sql");
}

}  // namespace
}  // namespace eddy::sql
