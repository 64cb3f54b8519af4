#include "sql/planner/interval_join_bounds.h"

#include <algorithm>
#include <utility>

namespace eddy::sql {

namespace {

// A field, looking through a CAST that keeps its type root (the binder casts a time
// attribute to a plain timestamp to compare it).
const BoundExpr* fieldOf(const BoundExpr& expr) {
  if (expr.kind == BoundExpr::Kind::kInputRef) return &expr;
  if (expr.kind == BoundExpr::Kind::kCall && expr.function == BuiltInFunction::kCast &&
      expr.operands[0]->kind == BoundExpr::Kind::kInputRef && expr.operands[0]->type.root() == expr.type.root()) {
    return expr.operands[0].get();
  }
  return nullptr;
}

// `expr` as field [+|- interval literal]: the field and the offset in milliseconds.
bool timeWithOffset(const BoundExpr& outer, int& field, int64_t& offset) {
  const bool same_root_cast = outer.kind == BoundExpr::Kind::kCall && outer.function == BuiltInFunction::kCast &&
                              outer.operands[0]->type.root() == outer.type.root();
  const BoundExpr& expr = same_root_cast ? *outer.operands[0] : outer;
  if (const BoundExpr* ref = fieldOf(expr)) {
    field = ref->input_index;
    offset = 0;
    return true;
  }
  if (expr.kind != BoundExpr::Kind::kCall) return false;
  if (expr.function != BuiltInFunction::kPlus && expr.function != BuiltInFunction::kMinus) return false;
  const BoundExpr* base = fieldOf(*expr.operands[0]);
  const BoundExpr& interval = *expr.operands[1];
  if (!base || interval.kind != BoundExpr::Kind::kLiteral) return false;
  if (interval.type.root() != types::LogicalTypeRoot::INTERVAL_DAY_TIME || interval.value.isNull()) return false;
  field = base->input_index;
  offset = expr.function == BuiltInFunction::kPlus ? interval.value.getLong() : -interval.value.getLong();
  return true;
}

}  // namespace

bool readsField(const BoundExpr& expr, int field) {
  if (expr.kind == BoundExpr::Kind::kInputRef) return expr.input_index == field;
  return std::any_of(expr.operands.begin(), expr.operands.end(),
                     [field](const BoundExprPtr& operand) { return readsField(*operand, field); });
}

std::optional<WindowBounds> extractWindowBounds(const std::vector<const BoundExpr*>& parts, int left_time,
                                                int right_time) {
  std::optional<int64_t> lower;
  std::optional<int64_t> upper;
  for (const BoundExpr* part : parts) {
    if (part->kind != BoundExpr::Kind::kCall || part->operands.size() != 2) continue;
    BuiltInFunction function = part->function;
    if (function != BuiltInFunction::kGreaterThan && function != BuiltInFunction::kGreaterThanOrEqual &&
        function != BuiltInFunction::kLessThan && function != BuiltInFunction::kLessThanOrEqual) {
      continue;
    }
    int a_field = -1;
    int b_field = -1;
    int64_t a_offset = 0;
    int64_t b_offset = 0;
    if (!timeWithOffset(*part->operands[0], a_field, a_offset) || !timeWithOffset(*part->operands[1], b_field, b_offset)) {
      continue;
    }
    if (a_field == right_time && b_field == left_time) {
      // Mirror `r op l` into `l op' r`.
      std::swap(a_field, b_field);
      std::swap(a_offset, b_offset);
      switch (function) {
        case BuiltInFunction::kGreaterThan: function = BuiltInFunction::kLessThan; break;
        case BuiltInFunction::kGreaterThanOrEqual: function = BuiltInFunction::kLessThanOrEqual; break;
        case BuiltInFunction::kLessThan: function = BuiltInFunction::kGreaterThan; break;
        default: function = BuiltInFunction::kGreaterThanOrEqual; break;
      }
    }
    if (a_field != left_time || b_field != right_time) continue;
    // l + a op r + b  <=>  l - r op b - a
    const int64_t bound = b_offset - a_offset;
    switch (function) {
      case BuiltInFunction::kGreaterThan: lower = std::max(lower.value_or(bound + 1), bound + 1); break;
      case BuiltInFunction::kGreaterThanOrEqual: lower = std::max(lower.value_or(bound), bound); break;
      case BuiltInFunction::kLessThan: upper = std::min(upper.value_or(bound - 1), bound - 1); break;
      default: upper = std::min(upper.value_or(bound), bound); break;
    }
  }
  if (!lower || !upper) return std::nullopt;
  return WindowBounds{*lower, *upper, left_time, right_time};
}

}  // namespace eddy::sql
