#include "sql/planner/expr_clone.h"

#include <fmt/format.h>

namespace eddy::sql {

namespace {

Result<ExprPtr> cloneOptional(const ExprPtr& expr) {
  if (!expr) return ExprPtr();
  return cloneExpr(*expr);
}

Result<std::unique_ptr<WindowSpec>> cloneWindow(const WindowSpec& spec) {
  auto copy = std::make_unique<WindowSpec>();
  copy->position = spec.position;
  copy->reference = spec.reference;
  for (const ExprPtr& key : spec.partition_by) {
    EDDY_ASSIGN_OR_RETURN(ExprPtr cloned, cloneExpr(*key));
    copy->partition_by.push_back(std::move(cloned));
  }
  for (const OrderItem& item : spec.order_by) {
    EDDY_ASSIGN_OR_RETURN(ExprPtr cloned, cloneExpr(*item.expr));
    copy->order_by.push_back(OrderItem{std::move(cloned), item.direction, item.null_order});
  }
  copy->has_frame = spec.has_frame;
  copy->rows = spec.rows;
  copy->between = spec.between;
  copy->lower.kind = spec.lower.kind;
  EDDY_ASSIGN_OR_RETURN(copy->lower.offset, cloneOptional(spec.lower.offset));
  copy->upper.kind = spec.upper.kind;
  EDDY_ASSIGN_OR_RETURN(copy->upper.offset, cloneOptional(spec.upper.offset));
  return copy;
}

}  // namespace

Result<ExprPtr> cloneExpr(const Expr& expr) {
  if (expr.query) {
    return NotSupported(fmt::format("At line {}, column {}: a subquery inside a correlated scalar subquery",
                                    expr.position.line, expr.position.column));
  }
  auto copy = std::make_unique<Expr>(expr.kind, expr.position);
  copy->op = expr.op;
  copy->literal_kind = expr.literal_kind;
  copy->text = expr.text;
  copy->names = expr.names;
  for (const ExprPtr& operand : expr.operands) {
    EDDY_ASSIGN_OR_RETURN(ExprPtr cloned, cloneOptional(operand));
    copy->operands.push_back(std::move(cloned));
  }
  if (expr.type) copy->type = std::make_unique<DataTypeSpec>(*expr.type);
  if (expr.interval) copy->interval = std::make_unique<IntervalQualifier>(*expr.interval);
  copy->unit = expr.unit;
  EDDY_ASSIGN_OR_RETURN(copy->filter, cloneOptional(expr.filter));
  if (expr.over) {
    EDDY_ASSIGN_OR_RETURN(copy->over, cloneWindow(*expr.over));
  }
  copy->negated = expr.negated;
  copy->symmetric = expr.symmetric;
  copy->distinct = expr.distinct;
  copy->try_cast = expr.try_cast;
  copy->explicit_row = expr.explicit_row;
  copy->quoted_name = expr.quoted_name;
  copy->niladic = expr.niladic;
  return copy;
}

}  // namespace eddy::sql
