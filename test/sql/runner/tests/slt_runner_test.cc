#include <gtest/gtest.h>

#include "changelog_fold.h"
#include "eddy/types/data_types.h"
#include "slt_file_parser.h"
#include "slt_runner.h"

namespace eddy::slt {
namespace {

using types::RowKind;

TEST(SltFileParserTest, ReadsStatementsQueriesAndInputs) {
  Result<std::vector<Record>> records = parseTestFile(
      "# name: x\n"
      "statement ok\n"
      "CREATE TABLE t (a INT)\n"
      "WITH ('connector' = 'values')\n"
      "\n"
      "input src\n"
      "+I 1, 'a, b'\n"
      "-D NULL, ''\n"
      "2, x\n"
      "watermark 2024-01-01 00:00:05.5\n"
      "watermark 42\n"
      "\n"
      "query IT rowsort changelog\n"
      "SELECT a, b FROM t\n"
      "----\n"
      "+I\t1\tNULL\n"
      "\n"
      "statement error\n"
      "SELECT FROM\n"
      "----\n"
      "SQL parse failed.\n"
      "\n"
      "query error Object 'x' not found\n"
      "SELECT * FROM x\n");
  ASSERT_TRUE(records.ok()) << records.status().message();
  ASSERT_EQ(records->size(), 5u);

  const auto& create = std::get<StatementRecord>((*records)[0].body);
  EXPECT_EQ((*records)[0].line, 2);
  EXPECT_EQ(create.sql, "CREATE TABLE t (a INT)\nWITH ('connector' = 'values')");
  EXPECT_FALSE(create.expect_error);

  const auto& input = std::get<InputRecord>((*records)[1].body);
  EXPECT_EQ(input.data_id, "src");
  ASSERT_EQ(input.elements.size(), 5u);
  EXPECT_EQ(std::get<ChangelogRow>(input.elements[0]), (ChangelogRow{RowKind::INSERT, {"1", "a, b"}}));
  EXPECT_EQ(std::get<ChangelogRow>(input.elements[1]), (ChangelogRow{RowKind::DELETE, {std::nullopt, ""}}));
  EXPECT_EQ(std::get<ChangelogRow>(input.elements[2]), (ChangelogRow{RowKind::INSERT, {"2", "x"}}));
  EXPECT_EQ(std::get<InputWatermark>(input.elements[3]).epoch_millis, 1704067205500);
  EXPECT_EQ(std::get<InputWatermark>(input.elements[4]).epoch_millis, 42);

  const auto& query = std::get<QueryRecord>((*records)[2].body);
  EXPECT_EQ(query.column_types, "IT");
  EXPECT_TRUE(query.rowsort);
  EXPECT_TRUE(query.changelog);
  EXPECT_EQ(query.expected_lines, (std::vector<std::string>{"+I\t1\tNULL"}));

  const auto& error = std::get<StatementRecord>((*records)[3].body);
  EXPECT_TRUE(error.expect_error);
  EXPECT_EQ(error.expected_error, "SQL parse failed.");

  const auto& query_error = std::get<QueryRecord>((*records)[4].body);
  EXPECT_TRUE(query_error.expect_error);
  EXPECT_EQ(query_error.expected_error, "Object 'x' not found");
}

TEST(SltFileParserTest, ErrorsNameTheLine) {
  EXPECT_EQ(parseTestFile("\nquerry I\nSELECT 1\n").status().message(),
            "line 2: unknown record 'querry' (expected statement, query, input or sink)");
  EXPECT_EQ(parseTestFile("input a\n+X 1\n").status().message(),
            "line 1: line 2: unknown row kind '+X' (expected +I, -U, +U or -D)");
  EXPECT_EQ(parseTestFile("query I duckdb changelog\nSELECT 1\n").status().message(),
            "line 1: 'duckdb' compares final rows of an insert-only query; it does not go with 'changelog'");
}

TEST(SltFileParserTest, ResultLines) {
  EXPECT_EQ(parseResultLine("1\tNULL\t(empty)\ta b"), (CellRow{"1", std::nullopt, "", "a b"}));
  EXPECT_EQ(formatCell(std::nullopt), "NULL");
  EXPECT_EQ(formatCell(""), "(empty)");
}

TEST(ChangelogFoldTest, RetractionsRemoveOneEqualRow) {
  Result<std::vector<CellRow>> rows = foldChangelog({{RowKind::INSERT, {"a", "1"}},
                                                     {RowKind::INSERT, {"b", "1"}},
                                                     {RowKind::UPDATE_BEFORE, {"a", "1"}},
                                                     {RowKind::UPDATE_AFTER, {"a", "2"}},
                                                     {RowKind::DELETE, {"b", "1"}}});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (std::vector<CellRow>{{"a", "2"}}));
  EXPECT_EQ(foldChangelog({{RowKind::DELETE, {"a", std::nullopt}}}).status().message(),
            "changelog row 1 -D a\tNULL retracts a row that is not in the result");
}

TEST(DuckDbOracleTest, ValuesThatDifferInSpellingOnly) {
  EXPECT_TRUE(sameOracleValue("0.30000000000000004", "0.3"));
  EXPECT_TRUE(sameOracleValue("TRUE", "true"));
  EXPECT_TRUE(sameOracleValue("2024-01-01 00:00:05.000", "2024-01-01 00:00:05"));
  EXPECT_FALSE(sameOracleValue("2024-01-01 00:00:05.001", "2024-01-01 00:00:05"));
  EXPECT_FALSE(sameOracleValue("1", std::nullopt));
  EXPECT_FALSE(sameOracleValue("1", "2"));
}

TEST(DuckDbOracleTest, AnswersOverTablesOfFlinkTypes) {
  std::optional<DuckDbOracle> oracle = DuckDbOracle::find(EDDY_SOURCE_DIR, EDDY_SLT_ORACLE_SCRIPT);
  if (!oracle) GTEST_SKIP() << "no project venv: run scripts/setup.sh";
  OracleTable orders{"orders",
                     {{"product", types::DataTypes::STRING()}, {"amount", types::DataTypes::INT()}},
                     {{"apple", "3"}, {"banana", std::nullopt}, {"apple", "2"}}};
  Result<std::vector<CellRow>> rows =
      oracle->query({orders}, "SELECT `product`, SUM(amount) FROM orders GROUP BY product ORDER BY product");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  EXPECT_EQ(*rows, (std::vector<CellRow>{{"apple", "5"}, {"banana", std::nullopt}}));
  EXPECT_EQ(oracle->query({}, "SELECT nope").status().code(), StatusCode::kInternal);
}

// The runner must be able to fail: wrong rows, a wrong error and a missing error each
// produce a failure naming the file and line.
TEST(TestFileRunnerTest, MismatchesFailWithFileAndLine) {
  Result<std::vector<Record>> records = parseTestFile(
      "query T\n"
      "SHOW CURRENT CATALOG\n"
      "----\n"
      "default_catalog\n"
      "\n"
      "query T\n"
      "SHOW CURRENT DATABASE\n"
      "----\n"
      "other_database\n"
      "\n"
      "statement error no such text\n"
      "USE CATALOG missing\n"
      "\n"
      "statement error\n"
      "SHOW TABLES\n");
  ASSERT_TRUE(records.ok()) << records.status().message();
  std::vector<std::string> failures = TestFileRunner("f.test", std::nullopt).run(*records);
  ASSERT_EQ(failures.size(), 3u);
  EXPECT_EQ(failures[0],
            "f.test:6: result mismatch\nSHOW CURRENT DATABASE\nexpected:\n  other_database\nactual:\n  default_database\n");
  EXPECT_EQ(failures[1].rfind("f.test:11: wrong error\n", 0), 0u) << failures[1];
  EXPECT_EQ(failures[2].rfind("f.test:14: statement succeeded but an error", 0), 0u) << failures[2];
}

}  // namespace
}  // namespace eddy::slt
