#include "sql/planner/reduce_expressions.h"

#include <utility>

#include "sql/planner/plan_builder.h"

namespace eddy::sql {

namespace {

using types::LogicalTypeRoot;

// Calls Flink does not evaluate at planning: non-deterministic ones, user code, and the JSON
// constructors whose result depends on their caller (ExpressionReducer's
// nonReducibleJsonFunctions).
bool reducibleFunction(const BoundExpr& call) {
  switch (call.function) {
    case BuiltInFunction::kProctime:
    case BuiltInFunction::kCurrentWatermark:
    case BuiltInFunction::kUserDefinedScalar:
    case BuiltInFunction::kSingleValue:
    case BuiltInFunction::kJsonObject:
    case BuiltInFunction::kJsonArray: return false;
    default: return true;
  }
}

// ExpressionReducer keeps expressions of object types as they are.
bool reducibleType(const types::LogicalType& type) {
  switch (type.root()) {
    case LogicalTypeRoot::ROW:
    case LogicalTypeRoot::ARRAY:
    case LogicalTypeRoot::MAP:
    case LogicalTypeRoot::MULTISET: return false;
    default: return true;
  }
}

bool isConstant(const BoundExpr& expr) {
  switch (expr.kind) {
    case BoundExpr::Kind::kLiteral: return true;
    case BoundExpr::Kind::kInputRef: return false;
    case BoundExpr::Kind::kCall: break;
  }
  if (!reducibleFunction(expr)) return false;
  for (const BoundExprPtr& operand : expr.operands) {
    if (!isConstant(*operand)) return false;
  }
  return true;
}

// Calcite's ReducibleExprLocator: the largest constant calls, below non-constant ones.
void collectConstantCalls(BoundExprPtr& expr, std::vector<BoundExprPtr*>& out) {
  if (expr->kind != BoundExpr::Kind::kCall) return;
  if (isConstant(*expr)) {
    if (reducibleType(expr->type)) out.push_back(&expr);
    return;
  }
  for (BoundExprPtr& operand : expr->operands) collectConstantCalls(operand, out);
}

}  // namespace

bool reduceExpressions(const std::vector<BoundExprPtr*>& exprs) {
  std::vector<BoundExprPtr*> calls;
  for (BoundExprPtr* expr : exprs) collectConstantCalls(*expr, calls);
  std::vector<types::Value> values;
  values.reserve(calls.size());
  for (const BoundExprPtr* call : calls) {
    Result<types::Value> value = evaluateConstant(**call);
    if (!value.ok()) return false;
    values.push_back(std::move(value).value());
  }
  for (size_t i = 0; i < calls.size(); ++i) {
    BoundExprPtr& call = *calls[i];
    // A NULL would change the nullability of the expression and of its callers.
    if (values[i].isNull() && !call->type.isNullable()) continue;
    call = BoundExpr::literal(std::move(values[i]), call->type, call->position);
  }
  return true;
}

void reduceExpressions(PlanNode& root) {
  for (PlanNodePtr& input : root.inputs) reduceExpressions(*input);
  if (root.kind != PlanNode::Kind::kCalc) return;
  std::vector<BoundExprPtr*> exprs;
  for (BoundExprPtr& projection : root.projections) exprs.push_back(&projection);
  if (root.condition) exprs.push_back(&root.condition);
  reduceExpressions(exprs);
}

}  // namespace eddy::sql
