#include "sql/planner/plan_sort.h"

#include <fmt/format.h>

#include <utility>

#include "sql/expression/validation_error.h"
#include "sql/planner/plan_builder.h"
#include "sql/planner/plan_rank.h"

namespace eddy::sql {

namespace {

Result<int64_t> countOf(const Expr& expr, const char* what) {
  ExpressionBinder binder(types::DataTypes::ROW(std::vector<types::RowField>{}));
  EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.bind(expr));
  if (bound->kind != BoundExpr::Kind::kLiteral || bound->value.isNull()) {
    return validationError(expr.position, fmt::format("{} must be a non-negative integer literal", what));
  }
  EDDY_ASSIGN_OR_RETURN(types::Value value, evaluateConstant(*binder::castTo(std::move(bound), types::DataTypes::BIGINT())));
  if (value.getLong() < 0) return validationError(expr.position, fmt::format("{} must be a non-negative integer literal", what));
  return value.getLong();
}

}  // namespace

Result<Relation> planOrderByLimit(const Query& query, Relation relation) {
  std::vector<SortField> sort;
  for (const OrderItem& item : query.order_by) {
    if (item.expr->kind != ExprKind::kIdentifier) {
      return NotSupported(fmt::format("At line {}, column {}: ORDER BY an expression is not supported yet",
                                      item.expr->position.line, item.expr->position.column));
    }
    SortField field;
    EDDY_ASSIGN_OR_RETURN(field.field, resolveField(relation, *item.expr));
    field.ascending = item.direction != OrderItem::Direction::kDesc;
    field.nulls_first = item.null_order == OrderItem::NullOrder::kDefault ? field.ascending
                                                                           : item.null_order == OrderItem::NullOrder::kFirst;
    sort.push_back(field);
  }
  int64_t offset = 0;
  if (query.offset) {
    EDDY_ASSIGN_OR_RETURN(offset, countOf(*query.offset, "OFFSET"));
  }
  if (!query.fetch) {
    if (sort.empty() || !sort[0].ascending || !isTimeAttribute(*relation.node, sort[0].field)) {
      return InvalidArgument("Sort on a non-time-attribute field is not supported.");
    }
    if (offset != 0 || sort.size() > 1) {
      return NotSupported(fmt::format("At line {}, column {}: OFFSET or more ORDER BY fields after the time attribute "
                                      "are not supported yet",
                                      query.position.line, query.position.column));
    }
    if (sort[0].field != relation.node->rowtime_field) {
      return NotSupported(fmt::format("At line {}, column {}: ORDER BY processing time is not supported yet",
                                      query.position.line, query.position.column));
    }
    auto node = std::make_unique<PlanNode>(PlanNode::Kind::kTemporalSort);
    node->output_type = relation.node->output_type;
    node->rowtime_field = relation.node->rowtime_field;
    node->sort = std::move(sort);
    node->inputs.push_back(makeExchange(std::move(relation.node), {}));
    relation.node = std::move(node);
    return relation;
  }
  EDDY_ASSIGN_OR_RETURN(int64_t fetch, countOf(*query.fetch, "LIMIT"));
  if (offset != 0) {
    return NotSupported(fmt::format("At line {}, column {}: OFFSET is not supported yet", query.offset->position.line,
                                    query.offset->position.column));
  }
  auto node = std::make_unique<PlanNode>(PlanNode::Kind::kRank);
  node->output_type = relation.node->output_type;
  node->sort = std::move(sort);
  node->rank_end = fetch;
  node->output_rank_number = false;
  node->sort_limit = true;
  node->inputs.push_back(makeExchange(std::move(relation.node), {}));
  relation.node = std::move(node);
  return relation;
}

}  // namespace eddy::sql
