#include "sql/expression/evaluate_rows.h"

#include "eddy/types/column_batch.h"
#include "sql/expression/expression_binder.h"
#include "sql/parser/sql_parser.h"

namespace eddy::sql {

Result<std::vector<types::Value>> evaluateRows(std::string_view expression, const types::LogicalType& row_type,
                                               const std::vector<types::Row>& rows, const EvaluationContext& context) {
  EDDY_ASSIGN_OR_RETURN(ExprPtr parsed, SqlParser::parseExpression(expression));
  EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, ExpressionBinder(row_type).bind(*parsed));
  types::ColumnBatch batch(row_type);
  for (const types::Row& row : rows) EDDY_RETURN_IF_ERROR(batch.appendRow(row));
  const ExpressionEvaluator evaluator(std::move(bound), context);
  EDDY_ASSIGN_OR_RETURN(types::ColumnVector result, evaluator.evaluate(batch));
  std::vector<types::Value> values;
  values.reserve(result.size());
  for (size_t i = 0; i < result.size(); ++i) values.push_back(result.getValue(i));
  return values;
}

}  // namespace eddy::sql
