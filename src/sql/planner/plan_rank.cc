#include "sql/planner/plan_rank.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "eddy/types/data_types.h"
#include "sql/expression/validation_error.h"
#include "sql/planner/computed_key.h"
#include "sql/planner/interval_join_bounds.h"
#include "sql/planner/plan_builder.h"
#include "sql/planner/plan_window_tvf.h"
#include "sql/planner/query_planner.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;

std::string rankStrategyName(const PlanNode& rank) {
  if (rank.inputs[0]->changelog_mode.isInsertOnly()) return "AppendFastStrategy";
  if (rank.upsert_key.empty()) return "RetractStrategy";
  return fmt::format("UpdateFastStrategy[{}]", fmt::join(rank.upsert_key, ","));
}

namespace {

// The GroupAggregate (or, under two-phase mini-batch, GlobalGroupAggregate) whose output
// field `field` of `node` is, through Exchanges and Calcs that pass it on unchanged.
const PlanNode* aggregateField(const PlanNode& node, int field, int& aggregate_field) {
  if (node.kind == PlanNode::Kind::kGroupAggregate || node.kind == PlanNode::Kind::kGlobalGroupAggregate) {
    aggregate_field = field;
    return &node;
  }
  if (node.kind == PlanNode::Kind::kExchange) return aggregateField(*node.inputs[0], field, aggregate_field);
  if (node.kind != PlanNode::Kind::kCalc) return nullptr;
  const BoundExpr& projection = *node.projections[static_cast<size_t>(field)];
  if (projection.kind != BoundExpr::Kind::kInputRef) return nullptr;
  return aggregateField(*node.inputs[0], projection.input_index, aggregate_field);
}

// Whether sorting by aggregate output `field` keeps every update of a row at or above its
// rank: a grouping field never changes, COUNT and MAX only grow, MIN only shrinks.
bool movesOnlyUp(const PlanNode& aggregate, int field, const SortField& sort) {
  const int keys = static_cast<int>(aggregate.keys.size());
  if (field < keys) return true;
  switch (aggregate.aggregates[static_cast<size_t>(field - keys)].function) {
    case AggregateCall::Function::kCount:
    case AggregateCall::Function::kMax: return !sort.ascending;
    case AggregateCall::Function::kMin: return sort.ascending;
    default: return false;
  }
}

// The input whose changelog `aggregate` aggregates: a GlobalGroupAggregate's is below its
// Exchange and LocalGroupAggregate, which emit accumulators as inserts whatever they read.
const PlanNode& aggregatedInput(const PlanNode& aggregate) {
  const PlanNode& input = *aggregate.inputs[0];
  if (aggregate.kind != PlanNode::Kind::kGlobalGroupAggregate) return input;
  return *input.inputs[0]->inputs[0];
}

}  // namespace

std::vector<int> updateFastKey(const PlanNode& rank) {
  const PlanNode& input = *rank.inputs[0];
  if (rank.sort.empty()) return {};
  const int fields = static_cast<int>(input.output_type.fieldCount());
  const PlanNode* aggregate = nullptr;
  std::vector<int> traced(static_cast<size_t>(fields), -1);
  for (int f = 0; f < fields; ++f) {
    int aggregate_field = -1;
    if (const PlanNode* found = aggregateField(input, f, aggregate_field)) {
      aggregate = found;
      traced[static_cast<size_t>(f)] = aggregate_field;
    }
  }
  if (!aggregate || !aggregatedInput(*aggregate).changelog_mode.isInsertOnly()) return {};
  const int keys = static_cast<int>(aggregate->keys.size());
  std::vector<int> upsert_key;
  for (int k = 0; k < keys; ++k) {
    auto at = std::find(traced.begin(), traced.end(), k);
    if (at == traced.end()) return {};
    upsert_key.push_back(static_cast<int>(at - traced.begin()));
  }
  for (int key : rank.keys) {
    if (std::find(upsert_key.begin(), upsert_key.end(), key) == upsert_key.end()) return {};
  }
  for (const SortField& sort : rank.sort) {
    const int field = traced[static_cast<size_t>(sort.field)];
    if (field < 0 || !movesOnlyUp(*aggregate, field, sort)) return {};
  }
  std::sort(upsert_key.begin(), upsert_key.end());
  return upsert_key;
}

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

// The comparison with its operands swapped, which puts the row number on the left: `2 < rn` is `rn > 2`.
BuiltInFunction flipped(BuiltInFunction function) {
  switch (function) {
    case BuiltInFunction::kLessThan: return BuiltInFunction::kGreaterThan;
    case BuiltInFunction::kLessThanOrEqual: return BuiltInFunction::kGreaterThanOrEqual;
    case BuiltInFunction::kGreaterThan: return BuiltInFunction::kLessThan;
    case BuiltInFunction::kGreaterThanOrEqual: return BuiltInFunction::kLessThanOrEqual;
    default: return function;
  }
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
                             conjunct->function == BuiltInFunction::kGreaterThanOrEqual ||
                             conjunct->function == BuiltInFunction::kGreaterThan ||
                             conjunct->function == BuiltInFunction::kEquals);
    PlanNode* rank = nullptr;
    int rank_field = -1;
    int side = 0;
    if (comparison) {
      side = conjunct->operands[0]->kind == BoundExpr::Kind::kInputRef ? 0 : 1;
      const BoundExpr& ref = *conjunct->operands[static_cast<size_t>(side)];
      if (ref.kind == BoundExpr::Kind::kInputRef && !hasInputRef(*conjunct->operands[static_cast<size_t>(1 - side)])) {
        rank = rankBelow(input, ref.input_index, rank_field);
      }
    }
    if (!rank || rank_field != static_cast<int>(rank->output_type.fieldCount()) - 1) {
      remaining.push_back(std::move(conjunct));
      continue;
    }
    EDDY_ASSIGN_OR_RETURN(types::Value bound,
                          evaluateConstant(*binder::castTo(binder::copyOf(*conjunct->operands[static_cast<size_t>(1 - side)]),
                                                           DataTypes::BIGINT())));
    if (bound.isNull()) {
      remaining.push_back(std::move(conjunct));
      continue;
    }
    const int64_t n = bound.getLong();
    const BuiltInFunction function = side == 0 ? conjunct->function : flipped(conjunct->function);
    // Several bounds narrow the range, as Flink's RankUtil.extractRankRange.
    const auto bound_end = [&](int64_t end) { rank->rank_end = rank->rank_end < 0 ? end : std::min(rank->rank_end, end); };
    switch (function) {
      case BuiltInFunction::kEquals:
        rank->rank_start = std::max(rank->rank_start, n);
        bound_end(n);
        break;
      case BuiltInFunction::kLessThan: bound_end(n - 1); break;
      case BuiltInFunction::kLessThanOrEqual: bound_end(n); break;
      case BuiltInFunction::kGreaterThan: rank->rank_start = std::max(rank->rank_start, n + 1); break;
      default: rank->rank_start = std::max(rank->rank_start, n); break;
    }
    if (rank->rank_end >= 0 && rank->rank_end < 1) {
      return InvalidArgument(fmt::format("Rank end should not be less than 1, but got {}.", rank->rank_end));
    }
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
  if (rank.rank_start > 1) {
    return NotSupported("Rank end is not specified. Currently rank only support TopN, which means the rank end must be "
                        "specified.");
  }
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
  // PARTITION BY and ORDER BY expressions become fields of the input; * does not show them.
  const int visible = static_cast<int>(input.node->output_type.fieldCount());
  auto rank = std::make_unique<PlanNode>(PlanNode::Kind::kRank);
  std::vector<std::pair<int, WindowColumn>> window_keys;
  for (const ExprPtr& key : spec->partition_by) {
    EDDY_ASSIGN_OR_RETURN(int field, keyField(input, *key));
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
    SortField sort;
    EDDY_ASSIGN_OR_RETURN(sort.field, keyField(input, *item.expr));
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
      for (int f = 0; f < visible; ++f) {
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
