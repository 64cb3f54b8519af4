// ARRAY, MAP and ROW value constructors and collection access: Flink's result types and
// nullability, digests, and evaluation over batches with NULLs.
#include <gtest/gtest.h>

#include "eddy/types/data_types.h"
#include "eddy/types/row.h"
#include "sql/expression/expression_binder.h"
#include "sql/parser/sql_parser.h"
#include "sql/tests/expression_test_util.h"

namespace eddy::sql {
namespace {

using types::DataTypes;
using types::Row;
using types::Value;

types::LogicalType schema() {
  return DataTypes::ROW({DataTypes::FIELD("a", DataTypes::INT()), DataTypes::FIELD("b", DataTypes::BIGINT().notNull()),
                         DataTypes::FIELD("s", DataTypes::STRING()),
                         DataTypes::FIELD("arr", DataTypes::ARRAY(DataTypes::INT())),
                         DataTypes::FIELD("m", DataTypes::MAP(DataTypes::STRING(), DataTypes::INT()))});
}

std::vector<Row> rows() {
  return {Row::of(int32_t{1}, int64_t{10}, std::string("x"), Value::array({Value(int32_t{7}), Value(), Value(int32_t{9})}),
                  Value::map({{Value(std::string("k")), Value(int32_t{1})}})),
          Row::of(Value(), int64_t{20}, Value(), Value(), Value::map({}))};
}

std::string typeOf(std::string_view sql) {
  Result<ExprPtr> parsed = SqlParser::parseExpression(sql);
  if (!parsed.ok()) return "ERROR: " + parsed.status().message();
  Result<BoundExprPtr> bound = ExpressionBinder(schema()).bind(**parsed);
  if (!bound.ok()) return "ERROR: " + bound.status().message();
  return (*bound)->type.asSummaryString() + " " + (*bound)->toString();
}

std::string eval(std::string_view sql) { return testing::evaluateJoined(sql, schema(), rows()); }

TEST(ExpressionConstructorsTest, ArrayTakesTheLeastRestrictiveElementTypeAndIsNotNull) {
  EXPECT_EQ(typeOf("ARRAY[1, 2]"), "ARRAY<INT NOT NULL> NOT NULL ARRAY(1, 2)");
  EXPECT_EQ(typeOf("ARRAY[a, b]"), "ARRAY<BIGINT> NOT NULL ARRAY(CAST($0):BIGINT, $1)");
  EXPECT_EQ(typeOf("ARRAY[1, NULL]"), "ARRAY<INT> NOT NULL ARRAY(1, null:INT)");
  EXPECT_EQ(typeOf("ARRAY[1, 'a']"), "ERROR: From line 1, column 1 to line 1, column 13: Parameters must be of the same type");
}

TEST(ExpressionConstructorsTest, MapAndRowTypes) {
  EXPECT_EQ(typeOf("MAP[s, a]"), "MAP<STRING, INT> NOT NULL MAP($2, $0)");
  EXPECT_EQ(typeOf("ROW(a, s)"), "ROW<`EXPR$0` INT, `EXPR$1` STRING> NOT NULL ROW($0, $2)");
  EXPECT_EQ(typeOf("(b, 'x')"), "ROW<`EXPR$0` BIGINT NOT NULL, `EXPR$1` CHAR(1) NOT NULL> NOT NULL ROW($1, 'x')");
  EXPECT_EQ(typeOf("MAP['a']"), "ERROR: From line 1, column 1 to line 1, column 8: Map requires an even number of arguments");
}

TEST(ExpressionConstructorsTest, ItemAccessIsNullable) {
  EXPECT_EQ(typeOf("arr[1]"), "INT ITEM($3, 1)");
  EXPECT_EQ(typeOf("ARRAY[1][1]"), "INT ITEM(ARRAY(1), 1)");
  EXPECT_EQ(typeOf("m['k']"), "INT ITEM($4, CAST('k'):STRING NOT NULL)");
  EXPECT_EQ(typeOf("CARDINALITY(arr)"), "INT CARDINALITY($3)");
  EXPECT_EQ(typeOf("CARDINALITY(ARRAY[1])"), "INT NOT NULL CARDINALITY(ARRAY(1))");
  EXPECT_EQ(typeOf("ELEMENT(ARRAY[1])"), "INT ELEMENT(ARRAY(1))");
  EXPECT_EQ(typeOf("ARRAY_CONTAINS(arr, b)").substr(0, 14), "ERROR: From li");
}

TEST(ExpressionConstructorsTest, EvaluatesOverRowsWithNulls) {
  EXPECT_EQ(eval("ARRAY[a, 5]"), "[1, 5] | [null, 5]");
  EXPECT_EQ(eval("MAP[s, b]"), "{x=10} | {null=20}");
  EXPECT_EQ(eval("ROW(a, s)"), "+I[1, x] | +I[null, null]");
  EXPECT_EQ(eval("arr[1]"), "7 | null");
  EXPECT_EQ(eval("arr[2]"), "null | null");
  EXPECT_EQ(eval("arr[4]"), "null | null");
  EXPECT_EQ(eval("m['k']"), "1 | null");
  EXPECT_EQ(eval("m[s]"), "null | null");
  EXPECT_EQ(eval("CARDINALITY(arr)"), "3 | null");
  EXPECT_EQ(eval("CARDINALITY(m)"), "1 | 0");
  EXPECT_EQ(eval("ARRAY_CONTAINS(arr, 9)"), "true | null");
  EXPECT_EQ(eval("ARRAY_CONTAINS(arr, a)"), "false | null");
  EXPECT_EQ(eval("ARRAY_CONTAINS(arr, CAST(NULL AS INT))"), "true | null");
}

TEST(ExpressionConstructorsTest, CastsElementsAndPrintsAsFlink) {
  EXPECT_EQ(eval("CAST(arr AS ARRAY<BIGINT>)"), "[7, null, 9] | null");
  EXPECT_EQ(eval("CAST(arr AS STRING)"), "[7, NULL, 9] | null");
  EXPECT_EQ(eval("CAST(m AS STRING)"), "{k=1} | {}");
  EXPECT_EQ(eval("CAST(ROW(a, ARRAY[TRUE]) AS STRING)"), "(1, [TRUE]) | (NULL, [TRUE])");
  EXPECT_EQ(eval("TRY_CAST(ARRAY['1', 'x'] AS ARRAY<INT>)"), "[1, null] | [1, null]");
  EXPECT_EQ(eval("CAST(ARRAY['1', 'x'] AS ARRAY<INT>)"), "ERROR: java.lang.NumberFormatException: For input string: \"x\"");
}

TEST(ExpressionConstructorsTest, ElementFailsOnMoreThanOneElement) {
  EXPECT_EQ(eval("ELEMENT(ARRAY[a])"), "1 | null");
  EXPECT_EQ(eval("ELEMENT(arr)"), "ERROR: Array has more than one element.");
}

}  // namespace
}  // namespace eddy::sql
