// CROSS JOIN UNNEST and LEFT JOIN UNNEST ... ON TRUE over ARRAY, MAP and ARRAY<ROW> columns
// (read from a JSON file: the values connector's text cells cannot hold collections), WITH
// ORDINALITY, and the errors for what UNNEST cannot take.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

namespace fs = std::filesystem;

class SqlUnnestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const fs::path dir = fs::path(::testing::TempDir()) / "eddy_sql_unnest";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "t.json") << R"({"id":1,"tags":["a","b"],"m":{"x":1,"y":2},"rs":[{"a":1,"b":"one"},{"a":2,"b":"two"}],"ms":{"p":2,"q":1}})"
                                  << "\n"
                                  << R"({"id":2,"tags":null,"m":{"z":3},"rs":[]})"
                                  << "\n"
                                  << R"({"id":3,"tags":["c",null],"m":null,"rs":[null]})"
                                  << "\n";
    ASSERT_EQ(runSql(*env_, "CREATE TABLE t (id INT, tags ARRAY<STRING>, m MAP<STRING, INT>, "
                            "rs ARRAY<ROW<a INT, b STRING>>, ms MULTISET<STRING>) WITH ('connector' = 'filesystem', 'path' = '" +
                                (dir / "t.json").string() + "', 'format' = 'json')"),
              "[OK]\n");
  }

  std::string rows(std::string_view sql) { return sortedRows(*env_, sql); }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlUnnestTest, ArrayElementsBecomeRowsAndANullArrayNone) {
  EXPECT_EQ(rows("SELECT id, tag FROM t CROSS JOIN UNNEST(tags) AS u(tag)"),
            "+I[1, a]\n+I[1, b]\n+I[3, NULL]\n+I[3, c]\n");
  EXPECT_EQ(rows("SELECT id, tag FROM t, UNNEST(t.tags) AS u(tag) WHERE tag IS NOT NULL"),
            "+I[1, a]\n+I[1, b]\n+I[3, c]\n");
}

TEST_F(SqlUnnestTest, MapEntriesAreKeyAndValue) {
  EXPECT_EQ(rows("SELECT id, k, v FROM t CROSS JOIN UNNEST(m) AS u(k, v)"), "+I[1, x, 1]\n+I[1, y, 2]\n+I[2, z, 3]\n");
}

TEST_F(SqlUnnestTest, MultisetElementsRepeatByTheirCount) {
  EXPECT_EQ(rows("SELECT id, e, n FROM t CROSS JOIN UNNEST(ms) WITH ORDINALITY AS u(e, n)"),
            "+I[1, p, 1]\n+I[1, p, 2]\n+I[1, q, 3]\n");
}

TEST_F(SqlUnnestTest, RowElementsSpreadOverColumns) {
  EXPECT_EQ(rows("SELECT id, a, b FROM t CROSS JOIN UNNEST(rs) AS u(a, b)"),
            "+I[1, 1, one]\n+I[1, 2, two]\n+I[3, NULL, NULL]\n");
}

TEST_F(SqlUnnestTest, WithOrdinalityNumbersTheElements) {
  EXPECT_EQ(rows("SELECT id, tag, pos FROM t CROSS JOIN UNNEST(tags) WITH ORDINALITY AS u(tag, pos)"),
            "+I[1, a, 1]\n+I[1, b, 2]\n+I[3, NULL, 2]\n+I[3, c, 1]\n");
}

TEST_F(SqlUnnestTest, LeftJoinKeepsRowsWithoutElements) {
  EXPECT_EQ(rows("SELECT id, tag FROM t LEFT JOIN UNNEST(tags) AS u(tag) ON TRUE"),
            "+I[1, a]\n+I[1, b]\n+I[2, NULL]\n+I[3, NULL]\n+I[3, c]\n");
}

// As Flink's UnnestTest (testCrossWithUnnest): the Correlate keeps the function's column f0,
// a Calc names it as the alias says.
TEST_F(SqlUnnestTest, ExplainShowsTheCorrelate) {
  EXPECT_EQ(optimizedPhysicalPlan(*env_, "SELECT id, tag FROM t CROSS JOIN UNNEST(tags) AS u(tag)"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[id, f0 AS tag])\n"
            "+- Correlate(invocation=[$UNNEST_ROWS$1($cor0.tags)], correlate=[table($UNNEST_ROWS$1($cor0.tags))], "
            "select=[id,tags,m,rs,ms,f0], rowType=[RecordType(INTEGER id, ARRAY<VARCHAR(2147483647)> tags, "
            "MAP<VARCHAR(2147483647), INT> m, ARRAY<ROW<`a` INT, `b` VARCHAR(2147483647)>> rs, "
            "MULTISET<VARCHAR(2147483647)> ms, VARCHAR(2147483647) f0)], joinType=[INNER])\n"
            "   +- TableSourceScan(table=[[default_catalog, default_database, t]], fields=[id, tags, m, rs, ms])");
}

TEST_F(SqlUnnestTest, Errors) {
  EXPECT_EQ(runSql(*env_, "SELECT * FROM t CROSS JOIN UNNEST(id) AS u(x)"),
            "ERROR: From line 1, column 35 to line 1, column 36: Unsupported type for UNNEST: INT");
  EXPECT_EQ(runSql(*env_, "SELECT * FROM t CROSS JOIN UNNEST(tags, rs) AS u(x)"),
            "ERROR: At line 1, column 28: UNNEST of 2 collections is not supported yet");
  EXPECT_EQ(runSql(*env_, "SELECT * FROM t CROSS JOIN UNNEST(tags) AS u(x, y)"),
            "ERROR: From line 1, column 28 to line 1, column 39: List of column aliases must have same degree as table; "
            "table has 1 columns, "
            "whereas alias list has 2 columns");
}

}  // namespace
}  // namespace eddy::sql
