// ExpressionEvaluator on batches: selection vectors, batches wider than one validity word,
// appending to an existing vector, and columns of every storage width.
#include <gtest/gtest.h>

#include "eddy/types/column_batch.h"
#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/expression/expression_evaluator.h"
#include "sql/parser/sql_parser.h"

namespace eddy::sql {
namespace {

using types::ColumnBatch;
using types::ColumnVector;
using types::DataTypes;
using types::Row;
using types::Value;

types::LogicalType schema() {
  return DataTypes::ROW({DataTypes::FIELD("id", DataTypes::BIGINT()), DataTypes::FIELD("name", DataTypes::STRING()),
                         DataTypes::FIELD("micros", DataTypes::TIMESTAMP(6))});
}

ExpressionEvaluator compile(std::string_view sql) {
  Result<ExprPtr> parsed = SqlParser::parseExpression(sql);
  EXPECT_TRUE(parsed.ok()) << parsed.status().toString();
  Result<BoundExprPtr> bound = ExpressionBinder(schema()).bind(**parsed);
  EXPECT_TRUE(bound.ok()) << bound.status().toString();
  return ExpressionEvaluator(std::move(*bound));
}

// Rows id = 0..n-1; every third name NULL; micros = id microseconds after the epoch.
ColumnBatch batchOf(int64_t n) {
  ColumnBatch batch(schema());
  for (int64_t id = 0; id < n; ++id) {
    Value name = id % 3 == 2 ? Value() : Value("n" + std::to_string(id));
    Value micros = Value::timestamp(types::TimestampData::fromEpochMillis(id / 1000, static_cast<int32_t>(id % 1000) * 1000));
    EXPECT_TRUE(batch.appendRow(Row::of(id, name, micros)).ok());
  }
  return batch;
}

std::string join(const ColumnVector& vector) {
  std::string out;
  for (size_t i = 0; i < vector.size(); ++i) {
    if (i > 0) out += ", ";
    out += vector.getValue(i).toString();
  }
  return out;
}

TEST(ExpressionEvaluatorTest, EvaluatesEveryRow) {
  const ExpressionEvaluator evaluator = compile("id * 10 + 1");
  Result<ColumnVector> result = evaluator.evaluate(batchOf(4));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(join(*result), "1, 11, 21, 31");
  EXPECT_EQ(result->type().asSummaryString(), "BIGINT");
}

TEST(ExpressionEvaluatorTest, SelectionPicksRowsInItsOrder) {
  const ExpressionEvaluator evaluator = compile("name || '!'");
  ColumnVector out(evaluator.expr().type);
  const std::vector<int32_t> selection = {4, 0, 2};
  ASSERT_TRUE(evaluator.evaluate(batchOf(6), selection, out).ok());
  EXPECT_EQ(join(out), "n4!, n0!, null");
}

TEST(ExpressionEvaluatorTest, SelectionWithCaseAndShortCircuit) {
  const ExpressionEvaluator evaluator = compile("CASE WHEN name IS NULL THEN -1 WHEN id > 3 AND 12 / (id - 3) > 0 THEN 1 ELSE 0 END");
  ColumnVector out(evaluator.expr().type);
  const std::vector<int32_t> selection = {5, 4, 3, 2};
  ASSERT_TRUE(evaluator.evaluate(batchOf(6), selection, out).ok());
  // Row 3 never divides: id > 3 is false there.
  EXPECT_EQ(join(out), "-1, 1, 0, -1");
}

TEST(ExpressionEvaluatorTest, NullsAcrossValidityWords) {
  const ExpressionEvaluator evaluator = compile("CHAR_LENGTH(name) + id");
  Result<ColumnVector> result = evaluator.evaluate(batchOf(200));
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->size(), 200u);
  int nulls = 0;
  for (size_t i = 0; i < result->size(); ++i) {
    if (result->isNull(i)) {
      ++nulls;
      EXPECT_EQ(i % 3, 2u);
    } else {
      EXPECT_EQ(result->getValue(i).getLong(), static_cast<int64_t>(1 + std::to_string(i).size() + i));
    }
  }
  EXPECT_EQ(nulls, 66);
}

TEST(ExpressionEvaluatorTest, AppendsToAnExistingVector) {
  const ExpressionEvaluator evaluator = compile("id = 1");
  ColumnVector out(evaluator.expr().type);
  ASSERT_TRUE(evaluator.evaluate(batchOf(2), out).ok());
  ASSERT_TRUE(evaluator.evaluate(batchOf(3), out).ok());
  EXPECT_EQ(join(out), "false, true, false, true, false");
}

TEST(ExpressionEvaluatorTest, MicrosecondTimestamps) {
  const ExpressionEvaluator evaluator = compile("CAST(micros + INTERVAL '1' SECOND AS STRING)");
  ColumnVector out(evaluator.expr().type);
  const std::vector<int32_t> selection = {1, 1500};
  ASSERT_TRUE(evaluator.evaluate(batchOf(1501), selection, out).ok());
  EXPECT_EQ(join(out), "1970-01-01 00:00:01.000001, 1970-01-01 00:00:01.001500");
}

TEST(ExpressionEvaluatorTest, ErrorStopsTheBatch) {
  const ExpressionEvaluator evaluator = compile("10 / (id - 1)");
  Result<ColumnVector> result = evaluator.evaluate(batchOf(3));
  EXPECT_EQ(result.status().toString(), "InvalidArgument: java.lang.ArithmeticException: / by zero");
}

TEST(ExpressionEvaluatorTest, EmptyBatch) {
  const ExpressionEvaluator evaluator = compile("UPPER(name)");
  Result<ColumnVector> result = evaluator.evaluate(batchOf(0));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->size(), 0u);
}

}  // namespace
}  // namespace eddy::sql
