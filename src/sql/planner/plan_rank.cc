#include "sql/planner/plan_rank.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "eddy/types/data_types.h"
#include "sql/expression/validation_error.h"
#include "sql/planner/interval_join_bounds.h"
#include "sql/planner/plan_builder.h"
#include "sql/planner/plan_window_tvf.h"
#include "sql/planner/query_planner.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;

bool isTimeAttribute(const PlanNode& node, int field) {
  if (field == node.rowtime_field) return true;
  const LogicalType& type = node.output_type.typeAt(static_cast<size_t>(field));
  return type.root() == types::LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE &&
         type.timestampKind() == types::TimestampKind::PROCTIME;
}

namespace {

// The Rank below `node` through Calcs, and the Rank's field that `field` of `node` is.
PlanNode* rankBelow(PlanNode& node, int field, int& rank_field) {
  if (node.kind == PlanNode::Kind::kRank) {
    rank_field = field;
    return &node;
  }
  if (node.kind != PlanNode::Kind::kCalc) return nullptr;
  const BoundExpr& projection = *node.projections[static_cast<size_t>(field)];
  if (projection.kind != BoundExpr::Kind::kInputRef) return nullptr;
  return rankBelow(*node.inputs[0], projection.input_index, rank_field);
}

bool hasInputRef(const BoundExpr& expr) {
  if (expr.kind == BoundExpr::Kind::kInputRef) return true;
  for (const BoundExprPtr& operand : expr.operands) {
    if (hasInputRef(*operand)) return true;
  }
  return false;
}

void splitConjuncts(BoundExprPtr expr, std::vector<BoundExprPtr>& out) {
  if (expr->kind == BoundExpr::Kind::kCall && expr->function == BuiltInFunction::kAnd) {
    for (BoundExprPtr& operand : expr->operands) splitConjuncts(std::move(operand), out);
    return;
  }
  out.push_back(std::move(expr));
}

}  // namespace

Result<BoundExprPtr> applyRankFilter(PlanNode& input, BoundExprPtr condition) {
  std::vector<BoundExprPtr> conjuncts;
  splitConjuncts(std::move(condition), conjuncts);
  std::vector<BoundExprPtr> remaining;
  for (BoundExprPtr& conjunct : conjuncts) {
    const bool comparison = conjunct->kind == BoundExpr::Kind::kCall &&
                            (conjunct->function == BuiltInFunction::kLessThanOrEqual ||
                             conjunct->function == BuiltInFunction::kLessThan ||
                             conjunct->function == BuiltInFunction::kEquals);
    PlanNode* rank = nullptr;
    int rank_field = -1;
    if (comparison && conjunct->operands[0]->kind == BoundExpr::Kind::kInputRef &&
        !hasInputRef(*conjunct->operands[1])) {
      rank = rankBelow(input, conjunct->operands[0]->input_index, rank_field);
    }
    if (!rank || rank_field != static_cast<int>(rank->output_type.fieldCount()) - 1 || rank->rank_end >= 0) {
      remaining.push_back(std::move(conjunct));
      continue;
    }
    EDDY_ASSIGN_OR_RETURN(types::Value bound, evaluateConstant(*binder::castTo(binder::copyOf(*conjunct->operands[1]),
                                                                               DataTypes::BIGINT())));
    if (bound.isNull()) {
      remaining.push_back(std::move(conjunct));
      continue;
    }
    const int64_t n = bound.getLong();
    if (conjunct->function == BuiltInFunction::kEquals) {
      if (n != 1) {
        return NotSupported(fmt::format("At line {}, column {}: a Top-N with a rank range not starting at 1 is not "
                                        "supported yet",
                                        conjunct->position.line, conjunct->position.column));
      }
      rank->rank_end = 1;
    } else {
      rank->rank_end = conjunct->function == BuiltInFunction::kLessThan ? n - 1 : n;
    }
    if (rank->rank_end < 1) return InvalidArgument(fmt::format("Rank end should not be less than 1, but got {}.", rank->rank_end));
  }
  if (remaining.empty()) return BoundExprPtr();
  BoundExprPtr result = std::move(remaining[0]);
  for (size_t i = 1; i < remaining.size(); ++i) {
    std::vector<BoundExprPtr> operands;
    operands.push_back(std::move(result));
    operands.push_back(std::move(remaining[i]));
    const bool nullable = binder::anyNullable(operands);
    result = BoundExpr::call(BuiltInFunction::kAnd, DataTypes::BOOLEAN().copy(nullable), std::move(operands), {});
  }
  return result;
}

void pruneUnusedRankNumber(PlanNode& calc) {
  if (calc.kind != PlanNode::Kind::kCalc || calc.inputs[0]->kind != PlanNode::Kind::kRank) return;
  PlanNode& rank = *calc.inputs[0];
  if (!rank.output_rank_number) return;
  const int number = static_cast<int>(rank.output_type.fieldCount()) - 1;
  for (const BoundExprPtr& projection : calc.projections) {
    if (readsField(*projection, number)) return;
  }
  if (calc.condition && readsField(*calc.condition, number)) return;
  rank.output_rank_number = false;
  std::vector<types::RowField> fields = rank.output_type.fields();
  fields.pop_back();
  rank.output_type = DataTypes::ROW(std::move(fields));
  const PlanNode& input = *rank.inputs[0];
  if (rank.window.start_field < 0 && rank.rank_start == 1 && rank.rank_end == 1 && rank.sort.size() == 1 &&
      isTimeAttribute(input, rank.sort[0].field)) {
    rank.kind = PlanNode::Kind::kDeduplicate;
    rank.keep_last_row = !rank.sort[0].ascending;
    rank.rowtime_field = input.rowtime_field;
  }
}

Status checkRankBounded(const PlanNode& rank) {
  if (rank.rank_end >= 0) return Status::OK();
  const PlanNode& input = *rank.inputs[0];
  if (rank.sort.empty() || !isTimeAttribute(input, rank.sort[0].field)) {
    return InvalidArgument("OVER windows' ordering in stream mode must be defined on a time attribute.");
  }
  return NotSupported("ROW_NUMBER() without a filter on the row number (an OVER aggregation) is not supported yet");
}

Result<Relation> planRowNumber(const Select& select, Relation input, const Expr& call, const WindowSpec& spec_ref) {
  const WindowSpec* spec = &spec_ref;
  if (!call.operands.empty()) {
    return validationError(call.position, "Invalid number of arguments to function 'ROW_NUMBER'. Was expecting 0 arguments");
  }
  if (spec->order_by.empty()) {
    return validationError(call.position, "ROW_NUMBER() requires an ORDER BY in its OVER clause");
  }
  if (spec->has_frame) {
    return validationError(spec->position, "ROW/RANGE not allowed with RANK, DENSE_RANK or ROW_NUMBER functions");
  }
  auto rank = std::make_unique<PlanNode>(PlanNode::Kind::kRank);
  std::vector<std::pair<int, WindowColumn>> window_keys;
  for (const ExprPtr& key : spec->partition_by) {
    if (key->kind != ExprKind::kIdentifier) {
      return NotSupported(fmt::format("At line {}, column {}: PARTITION BY an expression is not supported yet",
                                      key->position.line, key->position.column));
    }
    EDDY_ASSIGN_OR_RETURN(int field, resolveField(input, *key));
    if (std::optional<WindowColumn> column = windowColumnOf(*input.node, field)) {
      window_keys.emplace_back(field, *column);
      continue;
    }
    rank->keys.push_back(field);
  }
  // PARTITION BY window_start, window_end of one window TVF: a window Top-N (Flink's
  // WindowRank), which ranks the rows of each window once the watermark closes it.
  for (const auto& [field, column] : window_keys) {
    if (column.which == WindowColumn::Which::kStart) rank->window.start_field = field;
    if (column.which == WindowColumn::Which::kEnd) rank->window.end_field = field;
  }
  const bool same_function = !window_keys.empty() && std::all_of(window_keys.begin(), window_keys.end(), [&](const auto& key) {
    return key.second.function == window_keys[0].second.function;
  });
  if (rank->window.start_field >= 0 && rank->window.end_field >= 0 && same_function) {
    const int start = rank->window.start_field;
    const int end = rank->window.end_field;
    rank->window = window_keys[0].second.function->window;
    rank->window.start_field = start;
    rank->window.end_field = end;
  } else {
    rank->window = GroupWindow{};
    for (const auto& [field, column] : window_keys) rank->keys.push_back(field);
  }
  for (const OrderItem& item : spec->order_by) {
    if (item.expr->kind != ExprKind::kIdentifier) {
      return NotSupported(fmt::format("At line {}, column {}: ORDER BY an expression in OVER is not supported yet",
                                      item.expr->position.line, item.expr->position.column));
    }
    SortField sort;
    EDDY_ASSIGN_OR_RETURN(sort.field, resolveField(input, *item.expr));
    sort.ascending = item.direction != OrderItem::Direction::kDesc;
    sort.nulls_first = item.null_order == OrderItem::NullOrder::kDefault ? sort.ascending
                                                                          : item.null_order == OrderItem::NullOrder::kFirst;
    rank->sort.push_back(sort);
  }
  std::vector<types::RowField> fields = input.node->output_type.fields();
  fields.push_back(DataTypes::FIELD("w0$o0", DataTypes::BIGINT().notNull()));
  rank->output_type = DataTypes::ROW(std::move(fields));
  rank->inputs.push_back(makeExchange(std::move(input.node), rank->keys));
  Relation ranked{std::move(rank), std::move(input.qualifiers), std::move(input.names)};
  ranked.qualifiers.push_back("");
  if (!ranked.names.empty()) ranked.names.push_back("w0$o0");

  const int number = static_cast<int>(ranked.node->output_type.fieldCount()) - 1;
  const LogicalType number_type = ranked.node->output_type.typeAt(static_cast<size_t>(number));
  ExpressionBinder binder = relationBinder(ranked, [&](const Expr& expr) -> std::optional<Result<BoundExprPtr>> {
    if (&expr != &call) return std::nullopt;
    return Result<BoundExprPtr>(BoundExpr::inputRef(number, number_type, expr.position));
  });
  std::vector<BoundExprPtr> projections;
  std::vector<std::string> names;
  const LogicalType& type = ranked.node->output_type;
  for (size_t i = 0; i < select.items.size(); ++i) {
    const SelectItem& item = select.items[i];
    if (item.expr->kind == ExprKind::kStar) {
      for (int f = 0; f < number; ++f) {
        if (!item.expr->names.empty() && ranked.qualifiers[f] != item.expr->names.back()) continue;
        projections.push_back(BoundExpr::inputRef(f, type.typeAt(static_cast<size_t>(f)), item.position));
        names.push_back(type.fields()[f].name);
      }
      continue;
    }
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.bind(*item.expr));
    projections.push_back(std::move(bound));
    names.push_back(item.alias ? *item.alias : defaultAlias(*item.expr, projections.size() - 1));
  }
  uniquifyNames(names);
  ranked.node = makeCalc(std::move(ranked.node), std::move(projections), nullptr, names);
  ranked.qualifiers.assign(names.size(), "");
  ranked.names.clear();
  return ranked;
}

}  // namespace eddy::sql
