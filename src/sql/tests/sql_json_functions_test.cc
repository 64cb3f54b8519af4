#include <gtest/gtest.h>

#include <string>

#include "sql/expression/json_functions.h"
#include "sql/parser/sql_parser.h"
#include "sql/parser/unparse.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

// SqlJson: the SQL/JSON path queries with Flink's strict (default) and lax modes.
class SqlJsonTest : public ::testing::Test {
 protected:
  std::string value(std::string_view json, std::string_view path) {
    std::string out;
    std::string error;
    switch (json_.value(json, path, out, error)) {
      case SqlJson::Outcome::kValue: return out;
      case SqlJson::Outcome::kEmpty: return "<empty>";
      case SqlJson::Outcome::kError: return "<error: " + error + ">";
    }
    return "";
  }
  std::string query(std::string_view json, std::string_view path, JsonQueryWrapper wrapper) {
    std::string out;
    std::string error;
    switch (json_.query(json, path, wrapper, out, error)) {
      case SqlJson::Outcome::kValue: return out;
      case SqlJson::Outcome::kEmpty: return "<empty>";
      case SqlJson::Outcome::kError: return "<error: " + error + ">";
    }
    return "";
  }

  SqlJson json_;
};

TEST_F(SqlJsonTest, ValueReadsScalarsAsJavaPrintsThem) {
  EXPECT_EQ(value(R"({"a": 1})", "$.a"), "1");
  EXPECT_EQ(value(R"({"a": 1.0})", "$.a"), "1.0");
  EXPECT_EQ(value(R"({"a": 1e7})", "$.a"), "1.0E7");
  EXPECT_EQ(value(R"({"a": "x\ny"})", "$.a"), "x\ny");
  EXPECT_EQ(value(R"({"a": false})", "$.a"), "false");
  EXPECT_EQ(value(R"({"a": [1, {"b": [7, 8]}]})", "$.a[1].b[-1]"), "8");
  EXPECT_EQ(value(R"({"a b": 1})", "$['a b']"), "1");
}

TEST_F(SqlJsonTest, StrictIsTheDefaultModeAndMissesAreErrors) {
  EXPECT_EQ(value(R"({"a": 1})", "$.b"), "<error: No results for path: $['b']>");
  EXPECT_EQ(value(R"({"a": 1})", "strict $.b"), "<error: No results for path: $['b']>");
  EXPECT_EQ(value(R"({"a": 1})", "LAX $.b"), "<empty>");
  EXPECT_EQ(value(R"({"a": [1]})", "$.a[3]"), "<error: No results for path: $['a'][3]>");
  EXPECT_EQ(value(R"({"a": [1]})", "lax $.a[3]"), "<empty>");
  EXPECT_EQ(value(R"({"a": null})", "$.a"), "<empty>");
}

TEST_F(SqlJsonTest, ValueOfAnArrayOrObject) {
  EXPECT_EQ(value(R"({"a": [1]})", "$.a"),
            "<error: Strict jsonpath mode requires scalar value, and the actual value is: '[1]'>");
  EXPECT_EQ(value(R"({"a": [1]})", "lax $.a"), "<empty>");
}

TEST_F(SqlJsonTest, MalformedJsonAndPaths) {
  EXPECT_EQ(value("{", "lax $.a"), "<empty>");
  EXPECT_EQ(value("{", "$.a").substr(0, 24), "<error: Cannot parse JSO");
  EXPECT_EQ(value("{}", "a"), "<error: Illegal jsonpath spec: a, a path must start with '$'>");
}

TEST_F(SqlJsonTest, QueryWrappers) {
  EXPECT_EQ(query(R"({"a": {"b": [1, "x", null]}})", "$.a", JsonQueryWrapper::kWithoutArray), R"({"b":[1,"x",null]})");
  EXPECT_EQ(query("1", "$", JsonQueryWrapper::kWithoutArray),
            "<error: Strict jsonpath mode requires array or object value, and the actual value is: '1'>");
  EXPECT_EQ(query("1", "lax $", JsonQueryWrapper::kWithoutArray), "<empty>");
  EXPECT_EQ(query("1", "$", JsonQueryWrapper::kWithConditionalArray), "[1]");
  EXPECT_EQ(query("[1]", "$", JsonQueryWrapper::kWithConditionalArray), "[1]");
  EXPECT_EQ(query("[1]", "$", JsonQueryWrapper::kWithUnconditionalArray), "[[1]]");
  EXPECT_EQ(query(R"({"a": [{"c": 1}, {"d": 2}, {"c": 3}]})", "$.a[*].c", JsonQueryWrapper::kWithoutArray), "[1,3]");
  EXPECT_EQ(query(R"({"a": {"x": 1, "y": 2}})", "$.a.*", JsonQueryWrapper::kWithoutArray), "[1,2]");
}

TEST_F(SqlJsonTest, ExistsAndIsJson) {
  std::string error;
  EXPECT_EQ(json_.exists(R"({"a": 1})", "$.a", error), SqlJson::Outcome::kValue);
  EXPECT_EQ(json_.exists(R"({"a": 1})", "lax $.b", error), SqlJson::Outcome::kEmpty);
  EXPECT_EQ(json_.exists(R"({"a": 1})", "$.b", error), SqlJson::Outcome::kError);
  EXPECT_TRUE(json_.isJson("[1, 2]", JsonType::kArray));
  EXPECT_FALSE(json_.isJson("[1, 2]", JsonType::kObject));
  EXPECT_TRUE(json_.isJson("\"s\"", JsonType::kScalar));
  EXPECT_FALSE(json_.isJson("", JsonType::kValue));
  EXPECT_FALSE(json_.isJson("{'a': 1}", JsonType::kValue));
}

TEST(JsonStringTest, EscapesAsJackson) {
  std::string out;
  appendJsonString("a\"b\\c\n\x01/é", out);
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\u0001/é\"");
}

// The JSON functions' own syntax parses and prints back, with the clauses that are not
// the defaults.
TEST(JsonSyntaxTest, UnparseKeepsTheClausesThatAreNotDefaults) {
  auto roundTrip = [](const std::string& sql) -> std::string {
    Result<ExprPtr> expr = SqlParser::parseExpression(sql);
    if (!expr.ok()) return "ERROR: " + expr.status().message();
    const std::string text = unparse(**expr);
    Result<ExprPtr> again = SqlParser::parseExpression(text);
    if (!again.ok() || unparse(**again) != text) return "NOT A ROUND TRIP: " + text;
    return text;
  };
  EXPECT_EQ(roundTrip("JSON_VALUE(j, '$.a' RETURNING INT DEFAULT 0 ON EMPTY NULL ON ERROR)"),
            "JSON_VALUE(`j`, '$.a' RETURNING INT DEFAULT 0 ON EMPTY)");
  EXPECT_EQ(roundTrip("JSON_VALUE(j, '$.a' DEFAULT 'x' ON ERROR)"), "JSON_VALUE(`j`, '$.a' DEFAULT 'x' ON ERROR)");
  EXPECT_EQ(roundTrip("JSON_QUERY(j, '$' WITH ARRAY WRAPPER EMPTY OBJECT ON ERROR)"),
            "JSON_QUERY(`j`, '$' WITH UNCONDITIONAL ARRAY WRAPPER EMPTY OBJECT ON ERROR)");
  EXPECT_EQ(roundTrip("JSON_QUERY(j, '$' WITHOUT WRAPPER ERROR ON EMPTY)"), "JSON_QUERY(`j`, '$' ERROR ON EMPTY)");
  EXPECT_EQ(roundTrip("JSON_EXISTS(j, '$.a' UNKNOWN ON ERROR)"), "JSON_EXISTS(`j`, '$.a' UNKNOWN ON ERROR)");
  EXPECT_EQ(roundTrip("JSON_OBJECT('k' VALUE 1, KEY 'l' VALUE j ABSENT ON NULL)"),
            "JSON_OBJECT(KEY 'k' VALUE 1, KEY 'l' VALUE `j` ABSENT ON NULL)");
  EXPECT_EQ(roundTrip("JSON_ARRAY(NULL ON NULL)"), "JSON_ARRAY(NULL ON NULL)");
  EXPECT_EQ(roundTrip("JSON_ARRAY(1, 2 ABSENT ON NULL)"), "JSON_ARRAY(1, 2)");
  EXPECT_EQ(roundTrip("j IS NOT JSON OBJECT"), "(`j` IS NOT JSON OBJECT)");
}

TEST(JsonSyntaxTest, AQuotedNameIsAnUnknownFunction) {
  auto env = table::TableEnvironment::create();
  EXPECT_EQ(runSql(*env, "SELECT `JSON_VALUE`('{}', '$')"),
            "ERROR: From line 1, column 8 to line 1, column 30: No match found for function signature JSON_VALUE");
}

}  // namespace
}  // namespace eddy::sql
