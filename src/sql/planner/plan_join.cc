#include "sql/planner/plan_join.h"

#include <fmt/format.h>

#include <utility>

#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/planner/interval_join_bounds.h"
#include "sql/planner/plan_builder.h"
#include "sql/planner/plan_window_join.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;

const char* joinTypeName(FlinkJoinType type) {
  switch (type) {
    case FlinkJoinType::kInner: return "InnerJoin";
    case FlinkJoinType::kLeft: return "LeftOuterJoin";
    case FlinkJoinType::kRight: return "RightOuterJoin";
    case FlinkJoinType::kFull: return "FullOuterJoin";
    case FlinkJoinType::kSemi: return "LeftSemiJoin";
    case FlinkJoinType::kAnti: return "LeftAntiJoin";
  }
  return "?";
}

std::vector<BoundExprPtr> splitConjunction(BoundExprPtr condition) {
  std::vector<BoundExprPtr> parts;
  if (!condition) return parts;
  if (condition->kind == BoundExpr::Kind::kCall && condition->function == BuiltInFunction::kAnd) {
    for (BoundExprPtr& operand : condition->operands) {
      for (BoundExprPtr& part : splitConjunction(std::move(operand))) parts.push_back(std::move(part));
    }
    return parts;
  }
  parts.push_back(std::move(condition));
  return parts;
}

BoundExprPtr makeConjunction(std::vector<BoundExprPtr> parts) {
  if (parts.empty()) return nullptr;
  if (parts.size() == 1) return std::move(parts[0]);
  const bool nullable = binder::anyNullable(parts);
  return BoundExpr::call(BuiltInFunction::kAnd, DataTypes::BOOLEAN().copy(nullable), std::move(parts), {});
}

namespace {

// The lowest and highest input field an expression reads (-1, -1 for none).
void fieldRange(const BoundExpr& expr, int& low, int& high) {
  if (expr.kind == BoundExpr::Kind::kInputRef) {
    if (low < 0 || expr.input_index < low) low = expr.input_index;
    if (expr.input_index > high) high = expr.input_index;
  }
  for (const BoundExprPtr& operand : expr.operands) fieldRange(*operand, low, high);
}

void shiftRefs(BoundExpr& expr, int delta) {
  if (expr.kind == BoundExpr::Kind::kInputRef) expr.input_index += delta;
  for (BoundExprPtr& operand : expr.operands) shiftRefs(*operand, delta);
}

PlanNodePtr filterInput(PlanNodePtr input, std::vector<BoundExprPtr> parts) {
  if (parts.empty()) return input;
  const LogicalType& type = input->output_type;
  std::vector<BoundExprPtr> refs;
  for (size_t i = 0; i < type.fieldCount(); ++i) refs.push_back(BoundExpr::inputRef(static_cast<int>(i), type.typeAt(i), {}));
  const std::vector<std::string> names = type.fieldNames();
  return makeCalc(std::move(input), std::move(refs), makeConjunction(std::move(parts)), names);
}

// `left = right` (or IS NOT DISTINCT FROM) of an input field of each side with one type.
bool isKeyPair(const BoundExpr& part, int left_count, int& left_key, int& right_key, bool& filter_nulls) {
  if (part.kind != BoundExpr::Kind::kCall) return false;
  if (part.function != BuiltInFunction::kEquals && part.function != BuiltInFunction::kIsNotDistinctFrom) return false;
  const BoundExpr& a = *part.operands[0];
  const BoundExpr& b = *part.operands[1];
  if (a.kind != BoundExpr::Kind::kInputRef || b.kind != BoundExpr::Kind::kInputRef) return false;
  if (a.type.copy(true) != b.type.copy(true)) return false;
  const BoundExpr* l = &a;
  const BoundExpr* r = &b;
  if (l->input_index >= left_count) std::swap(l, r);
  if (l->input_index >= left_count || r->input_index < left_count) return false;
  left_key = l->input_index;
  right_key = r->input_index - left_count;
  filter_nulls = part.function == BuiltInFunction::kEquals;
  return true;
}

}  // namespace

Result<PlanNodePtr> makeJoin(FlinkJoinType type, PlanNodePtr left, PlanNodePtr right, BoundExprPtr condition,
                             const std::vector<std::string>& names, std::optional<TemporalJoinTimes> temporal) {
  auto join = std::make_unique<PlanNode>(PlanNode::Kind::kJoin);
  join->join.join_type = type;
  join->join.temporal = temporal;
  const int left_count = static_cast<int>(left->output_type.fieldCount());
  std::vector<BoundExprPtr> left_filters;
  std::vector<BoundExprPtr> right_filters;
  std::vector<BoundExprPtr> residual;
  for (BoundExprPtr& part : splitConjunction(std::move(condition))) {
    int left_key = -1;
    int right_key = -1;
    bool filter_nulls = true;
    if (isKeyPair(*part, left_count, left_key, right_key, filter_nulls)) {
      join->join.left_keys.push_back(left_key);
      join->join.right_keys.push_back(right_key);
      join->join.filter_nulls.push_back(filter_nulls);
      continue;
    }
    int low = -1;
    int high = -1;
    fieldRange(*part, low, high);
    if (type == FlinkJoinType::kInner && low >= 0 && high < left_count) {
      left_filters.push_back(std::move(part));
    } else if ((type == FlinkJoinType::kInner || type == FlinkJoinType::kLeft || type == FlinkJoinType::kSemi ||
                type == FlinkJoinType::kAnti) &&
               low >= left_count) {
      // A part on the right input alone only decides which right rows can match.
      shiftRefs(*part, -left_count);
      right_filters.push_back(std::move(part));
    } else {
      residual.push_back(std::move(part));
    }
  }
  EDDY_RETURN_IF_ERROR(extractWindowJoin(*join, *left, *right));
  const bool timed = !temporal && !join->join.window_join && !join->join.isSemiOrAnti() && left->rowtime_field >= 0 &&
                     right->rowtime_field >= 0;
  const int left_time = left->rowtime_field;
  const int right_time = left_count + right->rowtime_field;
  if (timed) {
    std::vector<const BoundExpr*> parts;
    for (const BoundExprPtr& part : residual) parts.push_back(part.get());
    join->join.window_bounds = extractWindowBounds(parts, left_time, right_time);
    if (join->join.window_bounds) join->join.window_bounds->right_time_index = right->rowtime_field;
  }
  join->join.non_equi_condition = makeConjunction(std::move(residual));
  left = filterInput(std::move(left), std::move(left_filters));
  right = filterInput(std::move(right), std::move(right_filters));

  // A regular join materializes time attributes into plain timestamps.
  const bool keeps_time = join->join.window_bounds || join->join.isSemiOrAnti();
  const int kept_left_time = temporal ? left->rowtime_field : -1;
  auto outputType = [keeps_time](const LogicalType& t, bool nullable, bool kept) {
    LogicalType out = nullable ? t.copy(true) : t;
    if (!keeps_time && !kept && out.timestampKind() != types::TimestampKind::REGULAR) {
      out = out.withTimestampKind(types::TimestampKind::REGULAR);
    }
    return out;
  };
  std::vector<types::RowField> fields;
  const bool left_nullable = type == FlinkJoinType::kRight || type == FlinkJoinType::kFull;
  const bool right_nullable = type == FlinkJoinType::kLeft || type == FlinkJoinType::kFull;
  size_t n = 0;
  for (size_t i = 0; i < left->output_type.fieldCount(); ++i, ++n) {
    fields.push_back(DataTypes::FIELD(names[n], outputType(left->output_type.typeAt(i), left_nullable, static_cast<int>(i) == kept_left_time)));
  }
  if (!join->join.isSemiOrAnti()) {
    for (size_t i = 0; i < right->output_type.fieldCount(); ++i, ++n) {
      fields.push_back(DataTypes::FIELD(names[n], outputType(right->output_type.typeAt(i), right_nullable, false)));
    }
  }
  join->output_type = DataTypes::ROW(std::move(fields));
  // A semi or anti join passes the left rows through unchanged, time attribute included; an
  // interval join keeps the rowtime of its outer (else left) side; a regular join
  // materializes time attributes.
  join->rowtime_field = -1;
  if (join->join.isSemiOrAnti()) join->rowtime_field = left->rowtime_field;
  if (join->join.window_bounds) join->rowtime_field = type == FlinkJoinType::kRight ? right_time : left_time;
  if (temporal) join->rowtime_field = left_time;
  join->inputs.push_back(makeExchange(std::move(left), join->join.left_keys));
  join->inputs.push_back(makeExchange(std::move(right), join->join.right_keys));
  return join;
}

namespace {

// The whole condition of `join` over its inputs' concatenated row; a window join's window
// equalities only when `window_equalities` (its plan leaves them out).
BoundExprPtr fullCondition(const PlanNode& join, bool window_equalities) {
  const LogicalType& left = join.inputs[0]->output_type;
  const LogicalType& right = join.inputs[1]->output_type;
  const int left_count = static_cast<int>(left.fieldCount());
  std::vector<BoundExprPtr> parts;
  const auto add_pair = [&](int l, int r, bool filter_nulls) {
    std::vector<BoundExprPtr> operands;
    operands.push_back(BoundExpr::inputRef(l, left.typeAt(static_cast<size_t>(l)), {}));
    operands.push_back(BoundExpr::inputRef(left_count + r, right.typeAt(static_cast<size_t>(r)), {}));
    const bool nullable = filter_nulls && binder::anyNullable(operands);
    parts.push_back(BoundExpr::call(filter_nulls ? BuiltInFunction::kEquals : BuiltInFunction::kIsNotDistinctFrom,
                                    DataTypes::BOOLEAN().copy(nullable), std::move(operands), {}));
  };
  if (const std::optional<WindowJoinFields>& window = join.join.window_join; window && window_equalities) {
    add_pair(window->left_start, window->right_start, true);
    add_pair(window->left_end, window->right_end, true);
  }
  for (size_t k = 0; k < join.join.left_keys.size(); ++k) {
    add_pair(join.join.left_keys[k], join.join.right_keys[k], join.join.filter_nulls[k]);
  }
  if (join.join.non_equi_condition) parts.push_back(binder::copyOf(*join.join.non_equi_condition));
  return makeConjunction(std::move(parts));
}

std::vector<std::string> concatenatedNames(const PlanNode& join) {
  std::vector<std::string> names = join.inputs[0]->fieldNames();
  for (const std::string& name : join.inputs[1]->fieldNames()) names.push_back(name);
  uniquifyNames(names);
  return names;
}

}  // namespace

Result<PlanNodePtr> pushFilterIntoJoin(PlanNodePtr node) {
  if (node->kind != PlanNode::Kind::kCalc || !node->condition) return node;
  PlanNode& join = *node->inputs[0];
  if (join.kind != PlanNode::Kind::kJoin || join.join.join_type != FlinkJoinType::kInner) return node;
  // Only a filter that keeps every field as it is (a WHERE before the SELECT list).
  if (node->projections.size() != join.output_type.fieldCount()) return node;
  for (size_t i = 0; i < node->projections.size(); ++i) {
    const BoundExpr& p = *node->projections[i];
    if (p.kind != BoundExpr::Kind::kInputRef || p.input_index != static_cast<int>(i)) return node;
  }
  std::vector<BoundExprPtr> parts = splitConjunction(fullCondition(join, true));
  for (BoundExprPtr& part : splitConjunction(std::move(node->condition))) parts.push_back(std::move(part));
  const std::vector<std::string> names = join.fieldNames();
  PlanNodePtr left = std::move(join.inputs[0]->inputs[0]);
  PlanNodePtr right = std::move(join.inputs[1]->inputs[0]);
  return makeJoin(FlinkJoinType::kInner, std::move(left), std::move(right), makeConjunction(std::move(parts)), names);
}

std::string describeJoin(const PlanNode& join) {
  BoundExprPtr condition = fullCondition(join, false);
  const std::string where = condition ? exprToString(*condition, concatenatedNames(join)) : "true";
  if (const std::optional<TemporalJoinTimes>& times = join.join.temporal) {
    const std::vector<std::string> names = concatenatedNames(join);
    const int right_time = static_cast<int>(join.inputs[0]->output_type.fieldCount()) + times->right_time_index;
    return fmt::format("TemporalJoin(joinType=[{}], where=[{}], timeAttributes=[{}, {}], select=[{}])",
                       joinTypeName(join.join.join_type), where, names[static_cast<size_t>(times->left_time_index)],
                       names[static_cast<size_t>(right_time)], fmt::join(join.fieldNames(), ", "));
  }
  if (join.join.window_join) return describeWindowJoin(join, where);
  if (const std::optional<WindowBounds>& bounds = join.join.window_bounds) {
    return fmt::format("IntervalJoin(joinType=[{}], windowBounds=[isRowTime=true, leftLowerBound={}, leftUpperBound={}, "
                       "leftTimeIndex={}, rightTimeIndex={}], where=[{}], select=[{}])",
                       joinTypeName(join.join.join_type), bounds->left_lower_bound, bounds->left_upper_bound,
                       bounds->left_time_index, bounds->right_time_index, where, fmt::join(join.fieldNames(), ", "));
  }
  return fmt::format("Join(joinType=[{}], where=[{}], select=[{}], leftInputSpec=[NoUniqueKey], "
                     "rightInputSpec=[NoUniqueKey])",
                     joinTypeName(join.join.join_type), where, fmt::join(join.fieldNames(), ", "));
}

}  // namespace eddy::sql
