#include <gtest/gtest.h>

#include <string>

#include "sql/tests/parser_test_util.h"

namespace eddy::sql {
namespace {

using testing::errorOf;

TEST(ParserErrorTest, MissingSelectItemOnSecondLine) {
  EXPECT_EQ(errorOf(R"sql(SELECT a,
FROM t)sql"),
            R"sql(SQL parse failed. Encountered "FROM" at line 2, column 1.
Was expecting one of:
    "*"
    "NOT"
    "-"
    "+"
    <IDENTIFIER>
    <LITERAL>
    "(")sql");
}

TEST(ParserErrorTest, UnexpectedEndOfInput) {
  EXPECT_EQ(errorOf(R"sql(SELECT *
FROM t
WHERE)sql"),
            R"sql(SQL parse failed. Encountered "<EOF>" at line 3, column 6.
Was expecting one of:
    "NOT"
    "-"
    "+"
    <IDENTIFIER>
    <LITERAL>
    "(")sql");
}

TEST(ParserErrorTest, MisspelledKeyword) {
  EXPECT_EQ(errorOf("SELEC 1"),
            R"sql(SQL parse failed. Encountered "SELEC" at line 1, column 1.
Was expecting one of:
    "CREATE"
    "DROP"
    "ALTER"
    "SET"
    "RESET"
    "SHOW"
    "DESCRIBE"
    "DESC"
    "USE"
    "EXPLAIN"
    "INSERT"
    "EXECUTE"
    ...)sql");
}

TEST(ParserErrorTest, MissingByAfterGroup) {
  EXPECT_EQ(errorOf(R"sql(SELECT a
FROM t
GROUP a)sql"),
            R"sql(SQL parse failed. Encountered "a" at line 3, column 7.
Was expecting one of:
    "BY")sql");
}

TEST(ParserErrorTest, InsertWithoutInto) {
  EXPECT_EQ(errorOf("INSERT t SELECT 1"),
            R"sql(SQL parse failed. Encountered "t" at line 1, column 8.
Was expecting one of:
    "OVERWRITE"
    "INTO")sql");
}

TEST(ParserErrorTest, TrailingTokens) {
  EXPECT_EQ(errorOf("SELECT 1 FROM t u v"),
            R"sql(SQL parse failed. Encountered "v" at line 1, column 19.
Was expecting one of:
    "("
    ","
    "NATURAL"
    "LEFT"
    "RIGHT"
    "FULL"
    "CROSS"
    "INNER"
    "JOIN"
    "WHERE"
    "GROUP"
    "HAVING"
    ...)sql");
}

TEST(ParserErrorTest, MissingJoinCondition) {
  EXPECT_EQ(errorOf(R"sql(SELECT *
FROM a
JOIN b
WHERE TRUE)sql"),
            R"sql(SQL parse failed. Encountered "WHERE" at line 4, column 1.
Was expecting one of:
    "."
    "FOR"
    "AS"
    <IDENTIFIER>
    "ON"
    "USING")sql");
}

TEST(ParserErrorTest, UnclosedParenthesis) {
  EXPECT_EQ(errorOf(R"sql(SELECT (a + b
FROM t)sql"),
            R"sql(SQL parse failed. Encountered "FROM" at line 2, column 1.
Was expecting one of:
    "."
    "("
    "["
    "*"
    "/"
    "%"
    "||"
    "+"
    "-"
    "BETWEEN"
    "LIKE"
    "SIMILAR"
    ...)sql");
}

TEST(ParserErrorTest, ReservedWordAsIdentifier) {
  EXPECT_EQ(errorOf("SELECT a FROM select"),
            R"sql(SQL parse failed. Encountered "select" at line 1, column 15.
Was expecting one of:
    "LATERAL"
    "TABLE"
    "UNNEST"
    "("
    <IDENTIFIER>)sql");
}

TEST(ParserErrorTest, InvalidIntervalRange) {
  EXPECT_EQ(errorOf("SELECT INTERVAL '1' YEAR TO SECOND"),
            R"sql(SQL parse failed. Encountered "SECOND" at line 1, column 29.
Was expecting one of:
    "MONTH")sql");
}

TEST(ParserErrorTest, MissingTypeInCast) {
  EXPECT_EQ(errorOf("SELECT CAST(a AS) FROM t"),
            R"sql(SQL parse failed. Encountered ")" at line 1, column 17.
Was expecting one of:
    <DATA_TYPE>)sql");
}

TEST(ParserErrorTest, InvalidTypeParameter) {
  EXPECT_EQ(errorOf(R"sql(CREATE TABLE t (
  a INT,
  b VARCHAR(0)
))sql"),
            "SQL parse failed. Invalid type 'VARCHAR(0)' at line 3, column 5: Variable character string length must be between 1 and 2147483647 (both inclusive).");
}

TEST(ParserErrorTest, UnsupportedType) {
  EXPECT_EQ(errorOf(R"sql(CREATE TABLE t (
  a RAW('class', 'snapshot')
))sql"),
            "SQL parse failed. Invalid type 'RAW('class', 'snapshot')' at line 2, column 5: Type 'RAW' is not supported.");
}

TEST(ParserErrorTest, PrimaryKeyMustBeNotEnforced) {
  EXPECT_EQ(errorOf(R"sql(CREATE TABLE t (
  a INT,
  PRIMARY KEY (a)
))sql"),
            "SQL parse failed. Flink doesn't support ENFORCED mode for PRIMARY KEY constraint. ENFORCED/NOT ENFORCED controls if the constraint checks are performed on the incoming/outgoing data. Flink does not own the data therefore the only supported mode is the NOT ENFORCED mode at line 3, column 3.");
}

TEST(ParserErrorTest, DuplicatePrimaryKey) {
  EXPECT_EQ(errorOf(R"sql(CREATE TABLE t (
  a INT PRIMARY KEY NOT ENFORCED,
  PRIMARY KEY (a) NOT ENFORCED
))sql"),
            "SQL parse failed. Duplicate primary key definition at line 3, column 3.");
}

TEST(ParserErrorTest, MultipleWatermarks) {
  EXPECT_EQ(errorOf(R"sql(CREATE TABLE t (
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts,
  WATERMARK FOR ts AS ts
))sql"),
            "SQL parse failed. Multiple WATERMARK statements is not supported yet at line 4, column 3.");
}

TEST(ParserErrorTest, OptionKeyMustBeQuoted) {
  EXPECT_EQ(errorOf("CREATE TABLE t (a INT) WITH (connector = 'print')"),
            R"sql(SQL parse failed. Encountered "connector" at line 1, column 30.
Was expecting one of:
    ")"
    <QUOTED_STRING>)sql");
}

TEST(ParserErrorTest, SetValueMustBeQuoted) {
  EXPECT_EQ(errorOf("SET 'a' = b"),
            R"sql(SQL parse failed. Encountered "b" at line 1, column 11.
Was expecting one of:
    <QUOTED_STRING>)sql");
}

TEST(ParserErrorTest, UnterminatedString) {
  EXPECT_EQ(errorOf(R"sql(SELECT 'abc
FROM t)sql"),
            "SQL parse failed. Lexical error at line 1, column 8: unterminated string literal.");
}

TEST(ParserErrorTest, UnterminatedQuotedIdentifier) {
  EXPECT_EQ(errorOf("SELECT `abc FROM t"),
            "SQL parse failed. Lexical error at line 1, column 8: unterminated quoted identifier.");
}

TEST(ParserErrorTest, UnterminatedComment) {
  EXPECT_EQ(errorOf(R"sql(SELECT 1 /* never closed
)sql"),
            "SQL parse failed. Lexical error at line 1, column 10: unterminated comment.");
}

TEST(ParserErrorTest, MalformedNumber) {
  EXPECT_EQ(errorOf(R"sql(SELECT
  1e+ FROM t)sql"),
            "SQL parse failed. Lexical error at line 2, column 3: malformed number '1e+'.");
}

TEST(ParserErrorTest, UnexpectedCharacter) {
  EXPECT_EQ(errorOf("SELECT a # b FROM t"),
            "SQL parse failed. Lexical error at line 1, column 10: unexpected character '#' (35).");
}

TEST(ParserErrorTest, ColumnsCountCharactersNotBytes) {
  EXPECT_EQ(errorOf("SELECT 'ü', # FROM t"),
            "SQL parse failed. Lexical error at line 1, column 13: unexpected character '#' (35).");
}

TEST(ParserErrorTest, MatchRecognizeNotSupported) {
  EXPECT_EQ(errorOf(R"sql(SELECT *
FROM t MATCH_RECOGNIZE (PATTERN (A)))sql"),
            "SQL parse failed. MATCH_RECOGNIZE is not supported at line 2, column 8.");
}

TEST(ParserErrorTest, TooDeeplyNested) {
  const std::string sql = "SELECT " + std::string(300, '(') + "1" + std::string(300, ')');
  EXPECT_EQ(errorOf(sql), "SQL parse failed. Statement is nested too deeply at line 1, column 107.");
}

TEST(ParserErrorTest, LongOperatorChainIsBounded) {
  std::string sql = "SELECT 1";
  for (int i = 0; i < 5000; ++i) sql += " + 1";
  EXPECT_EQ(errorOf(sql), "SQL parse failed. Statement is nested too deeply at line 1, column 7892.");
}

TEST(ParserErrorTest, StatementSetNeedsInserts) {
  EXPECT_EQ(errorOf("EXECUTE STATEMENT SET BEGIN SELECT 1; END"),
            R"sql(SQL parse failed. Encountered "SELECT" at line 1, column 29.
Was expecting one of:
    "INSERT")sql");
}

TEST(ParserErrorTest, ExplainDetailListNeedsDetail) {
  EXPECT_EQ(errorOf("EXPLAIN CHANGELOG_MODE, SELECT 1"),
            R"sql(SQL parse failed. Encountered "SELECT" at line 1, column 25.
Was expecting one of:
    "ESTIMATED_COST"
    "CHANGELOG_MODE"
    "PLAN_ADVICE"
    "JSON_EXECUTION_PLAN")sql");
}

}  // namespace
}  // namespace eddy::sql
