// UNION, INTERSECT and EXCEPT, as Flink plans them. Without ALL: UNION is a UNION ALL below a
// distinct GroupAggregate; INTERSECT a LeftSemiJoin and EXCEPT a LeftAntiJoin on every
// column (IS NOT DISTINCT FROM, so NULL equals NULL) below one (Flink's
// ReplaceIntersectWithSemiJoinRule and ReplaceMinusWithAntiJoinRule). INTERSECT ALL and
// EXCEPT ALL count each row's copies on both sides with a GroupAggregate over a UNION ALL of
// marked rows and repeat the row as often as it is kept with the ReplicateRows table function
// (Flink's RewriteIntersectAllRule and RewriteMinusAllRule).
#include <fmt/format.h>

#include <utility>

#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/expression/validation_error.h"
#include "sql/planner/correlate_call.h"
#include "sql/planner/plan_builder.h"
#include "sql/planner/plan_join.h"
#include "sql/planner/query_planner.h"
#include "sql/planner/replicate_rows_function.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;

namespace {

const char* operatorName(SetOperator op) {
  switch (op) {
    case SetOperator::kUnion: return "UNION";
    case SetOperator::kIntersect: return "INTERSECT";
    case SetOperator::kExcept: return "EXCEPT";
  }
  return "?";
}

// `node` with every column cast to `types` (names kept).
PlanNodePtr castColumns(PlanNodePtr node, const std::vector<LogicalType>& types) {
  const LogicalType type = node->output_type;
  std::vector<BoundExprPtr> projections;
  for (size_t i = 0; i < type.fieldCount(); ++i) {
    BoundExprPtr ref = BoundExpr::inputRef(static_cast<int>(i), type.typeAt(i), {});
    const LogicalType target = types[i].copy(type.typeAt(i).isNullable());
    projections.push_back(type.typeAt(i).copy(true) == types[i].copy(true) ? std::move(ref)
                                                                           : binder::castTo(std::move(ref), target));
  }
  return makeCalc(std::move(node), std::move(projections), nullptr, type.fieldNames());
}

// SELECT DISTINCT * FROM node: a GroupAggregate on every column without aggregates.
PlanNodePtr distinctRows(PlanNodePtr node) {
  std::vector<int> keys;
  for (size_t i = 0; i < node->output_type.fieldCount(); ++i) keys.push_back(static_cast<int>(i));
  auto aggregate = std::make_unique<PlanNode>(PlanNode::Kind::kGroupAggregate);
  aggregate->output_type = node->output_type;
  aggregate->keys = keys;
  aggregate->inputs.push_back(makeExchange(std::move(node), std::move(keys)));
  return aggregate;
}

// `node`'s columns followed by `markers` (named `marker_names`).
PlanNodePtr withMarkers(PlanNodePtr node, std::vector<BoundExprPtr> markers, const std::vector<std::string>& marker_names) {
  const LogicalType type = node->output_type;
  std::vector<BoundExprPtr> projections;
  std::vector<std::string> names = type.fieldNames();
  for (size_t i = 0; i < type.fieldCount(); ++i) {
    projections.push_back(BoundExpr::inputRef(static_cast<int>(i), type.typeAt(i), {}));
  }
  for (BoundExprPtr& marker : markers) projections.push_back(std::move(marker));
  names.insert(names.end(), marker_names.begin(), marker_names.end());
  return makeCalc(std::move(node), std::move(projections), nullptr, names);
}

// UNION ALL of two inputs of the same type.
PlanNodePtr unionAll(PlanNodePtr l, PlanNodePtr r) {
  std::vector<types::RowField> fields;
  for (size_t i = 0; i < l->output_type.fieldCount(); ++i) {
    fields.push_back(DataTypes::FIELD(l->output_type.fieldNames()[i],
                                      l->output_type.typeAt(i).copy(l->output_type.typeAt(i).isNullable() ||
                                                                    r->output_type.typeAt(i).isNullable())));
  }
  auto node = std::make_unique<PlanNode>(PlanNode::Kind::kUnion);
  node->output_type = DataTypes::ROW(std::move(fields));
  node->inputs.push_back(std::move(l));
  node->inputs.push_back(std::move(r));
  return node;
}

// GROUP BY the first `keys` columns of `node` with `aggregates` over its other columns.
PlanNodePtr groupBy(PlanNodePtr node, size_t keys, std::vector<AggregateCall> aggregates) {
  std::vector<int> key_fields;
  std::vector<types::RowField> fields;
  for (size_t i = 0; i < keys; ++i) {
    key_fields.push_back(static_cast<int>(i));
    fields.push_back(DataTypes::FIELD(node->output_type.fieldNames()[i], node->output_type.typeAt(i)));
  }
  for (const AggregateCall& call : aggregates) fields.push_back(DataTypes::FIELD(call.name, call.result_type));
  auto aggregate = std::make_unique<PlanNode>(PlanNode::Kind::kGroupAggregate);
  aggregate->output_type = DataTypes::ROW(std::move(fields));
  aggregate->keys = key_fields;
  aggregate->aggregates = std::move(aggregates);
  aggregate->inputs.push_back(makeExchange(std::move(node), std::move(key_fields)));
  return aggregate;
}

AggregateCall aggregateOf(AggregateCall::Function function, int argument, LogicalType argument_type,
                          LogicalType result_type, std::string name) {
  AggregateCall call;
  call.function = function;
  call.argument = argument;
  call.argument_type = std::move(argument_type);
  call.result_type = std::move(result_type);
  call.name = std::move(name);
  return call;
}

BoundExprPtr bigint(int64_t value) {
  return BoundExpr::literal(types::Value(value), DataTypes::BIGINT().notNull(), {});
}

// Each row of `node` (the set's `count` columns, then how many copies to keep, named
// `$f<count>`) repeated that many times, without the count: a Correlate with ReplicateRows.
PlanNodePtr replicateRows(PlanNodePtr node, size_t count) {
  static const auto kReplicateRows = std::make_shared<const ReplicateRowsFunction>();
  auto correlate = std::make_shared<CorrelateCall>();
  correlate->name = ReplicateRowsFunction::kName;
  correlate->function = kReplicateRows;
  correlate->arguments.push_back(BoundExpr::inputRef(static_cast<int>(count), node->output_type.typeAt(count), {}));
  std::vector<types::RowField> fields = node->output_type.fields();
  fields.push_back(DataTypes::FIELD("f0", DataTypes::INT().notNull()));
  auto replicated = std::make_unique<PlanNode>(PlanNode::Kind::kCorrelate);
  replicated->output_type = DataTypes::ROW(std::move(fields));
  replicated->correlate = std::move(correlate);
  replicated->inputs.push_back(std::move(node));
  std::vector<BoundExprPtr> projections;
  std::vector<std::string> names;
  for (size_t i = 0; i < count; ++i) {
    projections.push_back(BoundExpr::inputRef(static_cast<int>(i), replicated->output_type.typeAt(i), {}));
    names.push_back(replicated->output_type.fieldNames()[i]);
  }
  return makeCalc(std::move(replicated), std::move(projections), nullptr, names);
}

// INTERSECT ALL (Flink's RewriteIntersectAllRule): per distinct row, the copies of each side
// counted, and the row kept min(left, right) times where both have it.
PlanNodePtr intersectAll(PlanNodePtr l, PlanNodePtr r) {
  const size_t count = l->output_type.fieldCount();
  auto marker = [](bool set) {
    return set ? BoundExpr::literal(types::Value(true), DataTypes::BOOLEAN().notNull(), {})
               : BoundExpr::literal(types::Value(), DataTypes::BOOLEAN(), {});
  };
  std::vector<BoundExprPtr> left_markers, right_markers;
  left_markers.push_back(marker(true));
  left_markers.push_back(marker(false));
  right_markers.push_back(marker(false));
  right_markers.push_back(marker(true));
  const std::vector<std::string> markers = {"vcol_left_marker", "vcol_right_marker"};
  PlanNodePtr marked = unionAll(withMarkers(std::move(l), std::move(left_markers), markers),
                                withMarkers(std::move(r), std::move(right_markers), markers));
  std::vector<AggregateCall> counts;
  counts.push_back(aggregateOf(AggregateCall::Function::kCount, static_cast<int>(count), DataTypes::BOOLEAN(),
                               DataTypes::BIGINT().notNull(), "vcol_left_cnt"));
  counts.push_back(aggregateOf(AggregateCall::Function::kCount, static_cast<int>(count + 1), DataTypes::BOOLEAN(),
                               DataTypes::BIGINT().notNull(), "vcol_right_cnt"));
  PlanNodePtr grouped = groupBy(std::move(marked), count, std::move(counts));
  const LogicalType cnt = DataTypes::BIGINT().notNull();
  auto ref = [&](size_t i) { return BoundExpr::inputRef(static_cast<int>(i), grouped->output_type.typeAt(i), {}); };
  std::vector<BoundExprPtr> projections;
  std::vector<std::string> names;
  for (size_t i = 0; i < count; ++i) {
    projections.push_back(ref(i));
    names.push_back(grouped->output_type.fieldNames()[i]);
  }
  std::vector<BoundExprPtr> greater, when;
  greater.push_back(ref(count));
  greater.push_back(ref(count + 1));
  when.push_back(BoundExpr::call(BuiltInFunction::kGreaterThan, DataTypes::BOOLEAN().notNull(), std::move(greater), {}));
  when.push_back(ref(count + 1));
  when.push_back(ref(count));
  projections.push_back(BoundExpr::call(BuiltInFunction::kCase, cnt, std::move(when), {}));
  names.push_back(fmt::format("$f{}", count));
  std::vector<BoundExprPtr> both;
  for (size_t side : {count, count + 1}) {
    std::vector<BoundExprPtr> operands;
    operands.push_back(ref(side));
    operands.push_back(bigint(1));
    both.push_back(
        BoundExpr::call(BuiltInFunction::kGreaterThanOrEqual, DataTypes::BOOLEAN().notNull(), std::move(operands), {}));
  }
  PlanNodePtr kept = makeCalc(std::move(grouped), std::move(projections), makeConjunction(std::move(both)), names);
  return replicateRows(std::move(kept), count);
}

// EXCEPT ALL (Flink's RewriteMinusAllRule): per distinct row, its left copies minus its right
// copies, kept that many times when positive.
PlanNodePtr exceptAll(PlanNodePtr l, PlanNodePtr r) {
  const size_t count = l->output_type.fieldCount();
  std::vector<BoundExprPtr> plus, minus;
  plus.push_back(bigint(1));
  minus.push_back(bigint(-1));
  PlanNodePtr marked = unionAll(withMarkers(std::move(l), std::move(plus), {"vcol_marker"}),
                                withMarkers(std::move(r), std::move(minus), {"vcol_marker"}));
  std::vector<AggregateCall> sums;
  sums.push_back(aggregateOf(AggregateCall::Function::kSum, static_cast<int>(count), DataTypes::BIGINT().notNull(),
                             DataTypes::BIGINT(), "sum_vcol_marker"));
  PlanNodePtr grouped = groupBy(std::move(marked), count, std::move(sums));
  std::vector<BoundExprPtr> projections;
  std::vector<std::string> names = grouped->output_type.fieldNames();
  for (size_t i = 0; i <= count; ++i) {
    projections.push_back(BoundExpr::inputRef(static_cast<int>(i), grouped->output_type.typeAt(i), {}));
  }
  std::vector<BoundExprPtr> operands;
  operands.push_back(BoundExpr::inputRef(static_cast<int>(count), grouped->output_type.typeAt(count), {}));
  operands.push_back(bigint(0));
  BoundExprPtr positive =
      BoundExpr::call(BuiltInFunction::kGreaterThan, DataTypes::BOOLEAN(), std::move(operands), {});
  PlanNodePtr kept = makeCalc(std::move(grouped), std::move(projections), std::move(positive), names);
  return replicateRows(std::move(kept), count);
}

}  // namespace

Result<Relation> QueryPlanner::planSetOperation(const Query& query) {
  EDDY_ASSIGN_OR_RETURN(Relation left, planQueryExpr(*query.left));
  EDDY_ASSIGN_OR_RETURN(Relation right, planQueryExpr(*query.right));
  const LogicalType lt = left.node->output_type;
  const LogicalType rt = right.node->output_type;
  if (lt.fieldCount() != rt.fieldCount()) {
    return validationError(query.position, fmt::format("Column count mismatch in {}", operatorName(query.set_operator)));
  }
  std::vector<LogicalType> common;
  for (size_t i = 0; i < lt.fieldCount(); ++i) {
    EDDY_ASSIGN_OR_RETURN(LogicalType type, commonTypeOf({lt.typeAt(i), rt.typeAt(i)}, query.position));
    common.push_back(type);
  }
  PlanNodePtr l = castColumns(std::move(left.node), common);
  PlanNodePtr r = castColumns(std::move(right.node), common);
  const std::vector<std::string> names = l->fieldNames();
  if (query.set_operator == SetOperator::kUnion) {
    return Relation{distinctRows(unionAll(std::move(l), std::move(r))), std::vector<std::string>(common.size())};
  }
  if (query.all && query.set_operator != SetOperator::kUnion) {
    PlanNodePtr node = query.set_operator == SetOperator::kIntersect ? intersectAll(std::move(l), std::move(r))
                                                                     : exceptAll(std::move(l), std::move(r));
    return Relation{std::move(node), std::vector<std::string>(common.size())};
  }
  std::vector<BoundExprPtr> parts;
  const int count = static_cast<int>(common.size());
  for (int i = 0; i < count; ++i) {
    std::vector<BoundExprPtr> operands;
    operands.push_back(BoundExpr::inputRef(i, l->output_type.typeAt(static_cast<size_t>(i)), {}));
    operands.push_back(BoundExpr::inputRef(count + i, r->output_type.typeAt(static_cast<size_t>(i)), {}));
    parts.push_back(BoundExpr::call(BuiltInFunction::kIsNotDistinctFrom, DataTypes::BOOLEAN().notNull(),
                                    std::move(operands), {}));
  }
  const FlinkJoinType type = query.set_operator == SetOperator::kIntersect ? FlinkJoinType::kSemi : FlinkJoinType::kAnti;
  EDDY_ASSIGN_OR_RETURN(PlanNodePtr join, makeJoin(type, std::move(l), std::move(r), makeConjunction(std::move(parts)), names));
  return Relation{distinctRows(std::move(join)), std::vector<std::string>(common.size())};
}

}  // namespace eddy::sql
