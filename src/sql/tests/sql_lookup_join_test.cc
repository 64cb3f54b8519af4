// Processing-time temporal joins (`FOR SYSTEM_TIME AS OF l.proctime`) as lookup joins against
// the legacy csv table, the lookup cache, and Flink's refusal for tables it cannot look up.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "eddy/types/data_types.h"
#include "sql/runtime/lookup_full_cache.h"
#include "sql/runtime/row_selector.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

namespace fs = std::filesystem;
using types::DataTypes;
using types::RowKind;
using types::Value;

std::string positions(std::span<const int32_t> rows) {
  std::string out;
  for (int32_t row : rows) out += std::to_string(row) + " ";
  return out;
}

std::string encodedLong(int64_t value) {
  types::ColumnBatch batch(DataTypes::ROW({DataTypes::FIELD("k", DataTypes::BIGINT())}));
  EXPECT_TRUE(batch.appendRow(types::Row(RowKind::INSERT, {Value(value)})).ok());
  std::string key;
  encodeRowKey(batch, {0}, 0, key);
  return key;
}

TEST(LookupFullCacheTest, IndexesRowsByKeyInFileOrderAndSkipsNullKeys) {
  types::ColumnBatch rows(DataTypes::ROW({DataTypes::FIELD("k", DataTypes::BIGINT()),
                                          DataTypes::FIELD("v", DataTypes::STRING().notNull())}));
  ASSERT_TRUE(rows.appendRow(types::Row(RowKind::INSERT, {Value(int64_t{1}), Value(std::string("a"))})).ok());
  ASSERT_TRUE(rows.appendRow(types::Row(RowKind::INSERT, {Value(int64_t{2}), Value(std::string("b"))})).ok());
  ASSERT_TRUE(rows.appendRow(types::Row(RowKind::INSERT, {Value(), Value(std::string("c"))})).ok());
  ASSERT_TRUE(rows.appendRow(types::Row(RowKind::INSERT, {Value(int64_t{1}), Value(std::string("d"))})).ok());
  const LookupFullCache cache(std::move(rows), {0});
  EXPECT_EQ(cache.size(), 4u);
  EXPECT_EQ(positions(cache.lookup(encodedLong(1))), "0 3 ");
  EXPECT_EQ(positions(cache.lookup(encodedLong(2))), "1 ");
  EXPECT_EQ(positions(cache.lookup(encodedLong(3))), "");
  // The padding row: every field NULL, the column types made nullable for it.
  EXPECT_EQ(cache.nullRow(), 4);
  EXPECT_EQ(cache.rows().getRow(4).toString(), "+I[null, null]");
  EXPECT_TRUE(cache.rows().schema().typeAt(1).isNullable());
}

class SqlLookupJoinTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / "eddy_sql_lookup_join";
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    writeFile("side.csv", "1,one\n2,two\n2,deux\n3,three\n10,ten\n");
    ValuesData::clearAll();
    ValuesData::registerData("bids", {insertRow({"100", "1"}), insertRow({"101", "2"}), insertRow({"102", "4"}),
                                      insertRow({"103", std::nullopt}), insertRow({"104", "12"})});
    ASSERT_EQ(runSql(*env_, "CREATE TABLE bids (id BIGINT, k BIGINT, p AS PROCTIME()) WITH ('connector' = 'values', "
                            "'data-id' = 'bids')"),
              "[OK]\n");
    ASSERT_EQ(runSql(*env_, "CREATE TABLE side (key BIGINT, v VARCHAR) WITH ('connector.type' = 'filesystem', "
                            "'connector.path' = 'file://" + (dir_ / "side.csv").string() + "', 'format.type' = 'csv')"),
              "[OK]\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void writeFile(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  std::string sortedRows(const std::string& sql) { return eddy::sql::sortedRows(*env_, sql); }

  fs::path dir_;
  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlLookupJoinTest, InnerJoinEmitsEveryMatchingRow) {
  EXPECT_EQ(sortedRows("SELECT b.id, s.key, s.v FROM bids b JOIN side FOR SYSTEM_TIME AS OF b.p AS s ON b.k = s.key"),
            "+I[100, 1, one]\n+I[101, 2, deux]\n+I[101, 2, two]\n");
}

TEST_F(SqlLookupJoinTest, LeftJoinPadsMissingAndNullKeys) {
  EXPECT_EQ(sortedRows("SELECT b.id, s.v FROM bids b LEFT JOIN side FOR SYSTEM_TIME AS OF b.p AS s ON b.k = s.key"),
            "+I[100, one]\n+I[101, deux]\n+I[101, two]\n+I[102, NULL]\n+I[103, NULL]\n+I[104, NULL]\n");
}

TEST_F(SqlLookupJoinTest, KeyComputedFromTheLeftRow) {
  // q13's shape: mod(B.auction, 10000) = S.key; an INT expression against a BIGINT column.
  EXPECT_EQ(sortedRows("SELECT b.id, s.v FROM (SELECT *, PROCTIME() AS pt FROM bids) b JOIN side FOR SYSTEM_TIME AS "
                       "OF b.pt AS s ON mod(b.k, 10) = s.key"),
            "+I[100, one]\n+I[101, deux]\n+I[101, two]\n+I[104, deux]\n+I[104, two]\n");
  EXPECT_EQ(sortedRows("SELECT b.id, s.v FROM bids b JOIN side FOR SYSTEM_TIME AS OF b.p AS s "
                       "ON CAST(b.k AS INT) + 8 = s.key"),
            "+I[101, ten]\n");
}

TEST_F(SqlLookupJoinTest, ResidualConditionFiltersMatchesBeforePadding) {
  EXPECT_EQ(sortedRows("SELECT b.id, s.v FROM bids b JOIN side FOR SYSTEM_TIME AS OF b.p AS s "
                       "ON b.k = s.key AND s.v <> 'two' AND b.id > 100"),
            "+I[101, deux]\n");
  EXPECT_EQ(sortedRows("SELECT b.id, s.v FROM bids b LEFT JOIN side FOR SYSTEM_TIME AS OF b.p AS s "
                       "ON b.k = s.key AND s.v LIKE 't%'"),
            "+I[100, NULL]\n+I[101, two]\n+I[102, NULL]\n+I[103, NULL]\n+I[104, NULL]\n");
}

TEST_F(SqlLookupJoinTest, ChangelogRowsKeepTheirKind) {
  ValuesData::registerData("changes", {changeRow(RowKind::INSERT, {"1", "1"}), changeRow(RowKind::UPDATE_BEFORE, {"1", "1"}),
                                       changeRow(RowKind::UPDATE_AFTER, {"1", "3"}), changeRow(RowKind::DELETE, {"1", "3"})});
  ASSERT_EQ(runSql(*env_, "CREATE TABLE changes (id BIGINT, k BIGINT, p AS PROCTIME()) WITH ('connector' = 'values', "
                          "'data-id' = 'changes', 'changelog-mode' = 'I,UB,UA,D')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SELECT c.id, s.v FROM changes c JOIN side FOR SYSTEM_TIME AS OF c.p AS s ON c.k = s.key"),
            "+I[1, one]\n-U[1, one]\n+U[1, three]\n-D[1, three]\n");
}

TEST_F(SqlLookupJoinTest, ExplainPrintsTheLookupJoin) {
  EXPECT_EQ(optimizedPhysicalPlan(*env_,
                                  "SELECT b.id, s.v FROM bids b JOIN side FOR SYSTEM_TIME AS OF b.p AS s ON "
                                  "mod(b.k, 10) = s.key AND s.v <> 'x'"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[id, v])\n"
            "+- LookupJoin(table=[default_catalog.default_database.side], joinType=[InnerJoin], lookup=[key=$f3], "
            "joinCondition=[<>(v, 'x')], select=[id, k, p, key, v])\n"
            "   +- Calc(select=[id, k, PROCTIME() AS p, CAST(CAST(MOD(k, 10)):INT):BIGINT AS $f3])\n"
            "      +- TableSourceScan(table=[[default_catalog, default_database, bids]], fields=[id, k])");
}

TEST_F(SqlLookupJoinTest, ALegacyTableIsAlsoScanned) {
  EXPECT_EQ(sortedRows("SELECT key, v FROM side WHERE key > 1"),
            "+I[10, ten]\n+I[2, deux]\n+I[2, two]\n+I[3, three]\n");
}

TEST_F(SqlLookupJoinTest, LegacyCsvOptions) {
  writeFile("tabbed.csv", "key\tv\n# a comment\n5\t'five'\nbad\tline\n");
  ASSERT_EQ(runSql(*env_, "CREATE TABLE tabbed (key BIGINT, v VARCHAR) WITH ('connector.type' = 'filesystem', "
                          "'connector.path' = '" + (dir_ / "tabbed.csv").string() + "', 'format.type' = 'csv', "
                          "'format.field-delimiter' = '\t', 'format.ignore-first-line' = 'true', "
                          "'format.comment-prefix' = '#', 'format.quote-character' = '''', "
                          "'format.ignore-parse-errors' = 'true')"),
            "[OK]\n");
  EXPECT_EQ(sortedRows("SELECT b.id, s.v FROM (SELECT id, k + 3 AS k, p FROM bids) b JOIN tabbed FOR SYSTEM_TIME AS OF "
                       "b.p AS s ON b.k = s.key"),
            "+I[101, five]\n");
  ASSERT_EQ(runSql(*env_, "CREATE TABLE odd (key BIGINT, v VARCHAR) WITH ('connector.type' = 'filesystem', "
                          "'connector.path' = '/tmp/x', 'format.type' = 'csv', 'format.foo' = '1')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SELECT b.id FROM bids b JOIN odd FOR SYSTEM_TIME AS OF b.p AS s ON b.k = s.key"),
            "ERROR: Unable to create a source for reading table 'default_catalog.default_database.odd'.\n\n"
            "Table options are:\n\n'connector.path'='/tmp/x'\n'connector.type'='filesystem'\n'format.foo'='1'\n"
            "'format.type'='csv'\n\n"
            "Could not find a suitable table factory for 'org.apache.flink.table.factories.TableSourceFactory' in\n"
            "the classpath.\n\nReason: No factory supports all properties.\n\nThe matching candidates:\n"
            "org.apache.flink.table.sources.CsvAppendTableSourceFactory\nUnsupported property keys:\nformat.foo");
}

TEST_F(SqlLookupJoinTest, FlinkRefusals) {
  // Flink's FileSystemTableSource and the values source are no LookupTableSource.
  writeFile("plain.csv", "1,one\n");
  ASSERT_EQ(runSql(*env_, "CREATE TABLE plain (key BIGINT, v VARCHAR) WITH ('connector' = 'filesystem', 'path' = '" +
                              (dir_ / "plain.csv").string() + "', 'format' = 'csv')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SELECT b.id FROM bids b JOIN plain FOR SYSTEM_TIME AS OF b.p AS s ON b.k = s.key"),
            "ERROR: Processing-time temporal join is not supported yet.");
  EXPECT_EQ(runSql(*env_, "SELECT b.id FROM bids b JOIN bids FOR SYSTEM_TIME AS OF b.p AS s ON b.k = s.k"),
            "ERROR: Processing-time temporal join is not supported yet.");
  EXPECT_EQ(runSql(*env_, "SELECT b.id FROM bids b JOIN side FOR SYSTEM_TIME AS OF b.p AS s ON b.k > s.key"),
            "ERROR: Temporal table join requires an equality condition on fields of table "
            "[default_catalog.default_database.side].");
  EXPECT_EQ(runSql(*env_, "SELECT b.id FROM bids b FULL JOIN side FOR SYSTEM_TIME AS OF b.p AS s ON b.k = s.key"),
            "ERROR: Temporal table join currently only support INNER JOIN and LEFT JOIN, but was FullOuterJoin");
}

}  // namespace
}  // namespace eddy::sql
