#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "eddy/types/logical_type_parser.h"
#include "sql/parser/sql_parser.h"
#include "sql/parser/unparse.h"

namespace eddy::sql {
namespace {

// The seed's job: two tables and the group-window insert, as one script.
constexpr std::string_view kSeedScript = R"sql(CREATE TABLE page_events (
    user_id STRING,
    page   STRING,
    event_time TIMESTAMP(3),
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic'     = 'page-events',
    'properties.bootstrap.servers' = 'kafka:9092',
    'format'    = 'json'
);

CREATE TABLE page_counts (
    user_id      STRING,
    window_start TIMESTAMP(3),
    window_end   TIMESTAMP(3),
    page_count   BIGINT
) WITH (
    'connector'  = 'jdbc',
    'url'        = 'jdbc:postgresql://localhost:5432/analytics',
    'table-name' = 'page_counts'
);

INSERT INTO page_counts
SELECT
    user_id,
    TUMBLE_START(event_time, INTERVAL '5' MINUTE),
    TUMBLE_END(event_time,   INTERVAL '5' MINUTE),
    COUNT(*) AS page_count
FROM page_events
GROUP BY user_id, TUMBLE(event_time, INTERVAL '5' MINUTE);
)sql";

TEST(ParserScriptTest, SeedScriptParsesIntoThreeStatementsWithPositions) {
  Result<std::vector<Statement>> script = SqlParser::parseScript(kSeedScript);
  ASSERT_TRUE(script.ok()) << script.status().toString();
  ASSERT_EQ(script->size(), 3u);
  EXPECT_EQ((*script)[0].position, (SourcePosition{1, 1}));
  EXPECT_EQ((*script)[1].position, (SourcePosition{13, 1}));
  EXPECT_EQ((*script)[2].position, (SourcePosition{24, 1}));
  EXPECT_TRUE(std::holds_alternative<CreateTable>((*script)[0].node));
  EXPECT_TRUE(std::holds_alternative<CreateTable>((*script)[1].node));
  EXPECT_TRUE(std::holds_alternative<Insert>((*script)[2].node));
}

TEST(ParserScriptTest, SeedTableKeepsTypesWatermarkAndOptions) {
  Result<std::vector<Statement>> script = SqlParser::parseScript(kSeedScript);
  ASSERT_TRUE(script.ok());
  const auto& table = std::get<CreateTable>((*script)[0].node);
  ASSERT_EQ(table.columns.size(), 3u);
  const TableColumn& event_time = table.columns[2];
  EXPECT_EQ(event_time.name, "event_time");
  EXPECT_EQ(event_time.position, (SourcePosition{4, 5}));
  EXPECT_EQ(event_time.type->text, "TIMESTAMP(3)");
  EXPECT_EQ(event_time.type->position, (SourcePosition{4, 16}));
  EXPECT_EQ(event_time.type->type, *types::LogicalTypeParser::parse("TIMESTAMP(3)"));
  ASSERT_TRUE(table.watermark.has_value());
  EXPECT_EQ(table.watermark->column, std::vector<std::string>{"event_time"});
  EXPECT_EQ(table.watermark->position, (SourcePosition{5, 5}));
  EXPECT_EQ(table.watermark->strategy->kind, ExprKind::kBinary);
  EXPECT_EQ(table.watermark->strategy->op, Operator::kMinus);
  EXPECT_EQ(table.watermark->strategy->position.start(), (SourcePosition{5, 33}));
  ASSERT_EQ(table.options.size(), 4u);
  EXPECT_EQ(table.options[2].key, "properties.bootstrap.servers");
  EXPECT_EQ(table.options[2].value, "kafka:9092");
  EXPECT_EQ(table.options[2].position, (SourcePosition{9, 5}));
}

TEST(ParserScriptTest, SeedInsertHasGroupWindowCall) {
  Result<std::vector<Statement>> script = SqlParser::parseScript(kSeedScript);
  ASSERT_TRUE(script.ok());
  const auto& insert = std::get<Insert>((*script)[2].node);
  EXPECT_EQ(insert.table, std::vector<std::string>{"page_counts"});
  const Select& select = *insert.query->select;
  ASSERT_EQ(select.group_by.size(), 2u);
  const Expr& tumble = *select.group_by[1];
  EXPECT_EQ(tumble.kind, ExprKind::kFunctionCall);
  EXPECT_EQ(tumble.names, std::vector<std::string>{"TUMBLE"});
  EXPECT_EQ(tumble.position.start(), (SourcePosition{31, 19}));
  ASSERT_EQ(tumble.operands.size(), 2u);
  EXPECT_EQ(tumble.operands[1]->literal_kind, LiteralKind::kInterval);
  EXPECT_EQ(tumble.operands[1]->text, "5");
  EXPECT_EQ(tumble.operands[1]->interval->start_unit, "MINUTE");
  EXPECT_EQ(select.items[3].alias, "page_count");
}

TEST(ParserScriptTest, EmptyScriptAndStraySemicolons) {
  Result<std::vector<Statement>> empty = SqlParser::parseScript("  -- nothing here\n ; ;");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  Result<std::vector<Statement>> two = SqlParser::parseScript(";SHOW TABLES;;\n  SHOW VIEWS");
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ((*two)[1].position, (SourcePosition{2, 3}));
}

TEST(ParserScriptTest, StatementsNeedSeparators) {
  Result<std::vector<Statement>> script = SqlParser::parseScript("SHOW TABLES\nSHOW VIEWS");
  ASSERT_FALSE(script.ok());
  EXPECT_EQ(script.status().message(),
            "SQL parse failed. Encountered \"SHOW\" at line 2, column 1.\nWas expecting one of:\n"
            "    \"FROM\"\n    \"IN\"\n    \"LIKE\"\n    \";\"\n    <EOF>");
}

TEST(ParserScriptTest, ClientStatementSetBecomesOneStatement) {
  Result<std::vector<Statement>> script = SqlParser::parseScript(
      "SET 'a' = 'b';\nBEGIN STATEMENT SET;\nINSERT INTO x SELECT 1;\nINSERT INTO y SELECT 2;\nEND;\nSHOW TABLES;");
  ASSERT_TRUE(script.ok()) << script.status().toString();
  ASSERT_EQ(script->size(), 3u);
  EXPECT_EQ((*script)[1].position, (SourcePosition{2, 1}));
  const auto& set = std::get<StatementSet>((*script)[1].node);
  ASSERT_EQ(set.inserts.size(), 2u);
  EXPECT_EQ(set.inserts[1].position, (SourcePosition{4, 1}));
  EXPECT_EQ(unparse((*script)[1]),
            "EXECUTE STATEMENT SET\nBEGIN\nINSERT INTO `x`\nSELECT 1;\nINSERT INTO `y`\nSELECT 2;\nEND");
}

TEST(ParserScriptTest, CreateFunctionStoresClassName) {
  Result<Statement> statement = SqlParser::parseStatement("CREATE FUNCTION f AS 'com.acme.Split' LANGUAGE JAVA");
  ASSERT_TRUE(statement.ok());
  const auto& function = std::get<CreateFunction>(statement->node);
  EXPECT_EQ(function.class_name, "com.acme.Split");
  EXPECT_EQ(function.language, "JAVA");
}

TEST(ParserScriptTest, ExpressionPositionsCountLinesAndCharacters) {
  Result<ExprPtr> expr = SqlParser::parseExpression("'ä' ||\n  b");
  ASSERT_TRUE(expr.ok());
  // A node spans from its first character to its last one, as Calcite's SqlParserPos: a
  // binary call from its left operand's start.
  EXPECT_EQ((*expr)->position, (SourcePosition{1, 1, 2, 3}));
  EXPECT_EQ((*expr)->operands[0]->position, (SourcePosition{1, 1, 1, 3}));
  EXPECT_EQ((*expr)->operands[1]->position, (SourcePosition{2, 3, 2, 3}));
}

TEST(ParserScriptTest, UnparsedFormParsesBackToItself) {
  Result<std::vector<Statement>> script = SqlParser::parseScript(kSeedScript);
  ASSERT_TRUE(script.ok());
  for (const Statement& statement : *script) {
    const std::string printed = unparse(statement);
    Result<Statement> again = SqlParser::parseStatement(printed);
    ASSERT_TRUE(again.ok()) << again.status().toString();
    EXPECT_EQ(unparse(*again), printed);
  }
}

// Found by the fuzzer: `2 .f` printed as `2.`f`` read back as the number 2. with an alias.
TEST(ParserScriptTest, FieldOfLiteralPrintsParenthesized) {
  Result<Statement> statement = SqlParser::parseStatement("SELECT + 2 .f");
  ASSERT_TRUE(statement.ok());
  EXPECT_EQ(unparse(*statement), "SELECT (+(2).`f`)");
  Result<Statement> again = SqlParser::parseStatement(unparse(*statement));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(unparse(*again), "SELECT (+(2).`f`)");
}

// Found by the fuzzer: a bare VALUES expression printed in parentheses read back as a row.
TEST(ParserScriptTest, ValuesOfExpressionsAreRows) {
  Result<Statement> statement = SqlParser::parseStatement("VALUES 1 + 2, (3)");
  ASSERT_TRUE(statement.ok());
  EXPECT_EQ(unparse(*statement), "VALUES ((1 + 2)),\n(3)");
  Result<Statement> again = SqlParser::parseStatement(unparse(*statement));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(unparse(*again), "VALUES ((1 + 2)),\n(3)");
}

}  // namespace
}  // namespace eddy::sql
