// UNION, INTERSECT and EXCEPT without ALL, as Flink plans them: UNION is a UNION ALL below a
// distinct GroupAggregate; INTERSECT a LeftSemiJoin and EXCEPT a LeftAntiJoin on every
// column (IS NOT DISTINCT FROM, so NULL equals NULL) below one (Flink's
// ReplaceIntersectWithSemiJoinRule and ReplaceMinusWithAntiJoinRule).
#include <fmt/format.h>

#include <utility>

#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/expression/validation_error.h"
#include "sql/planner/plan_builder.h"
#include "sql/planner/plan_join.h"
#include "sql/planner/query_planner.h"

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

}  // namespace

Result<Relation> QueryPlanner::planSetOperation(const Query& query) {
  EDDY_ASSIGN_OR_RETURN(Relation left, planQueryExpr(*query.left));
  EDDY_ASSIGN_OR_RETURN(Relation right, planQueryExpr(*query.right));
  const LogicalType lt = left.node->output_type;
  const LogicalType rt = right.node->output_type;
  if (lt.fieldCount() != rt.fieldCount()) {
    return validationError(query.position, fmt::format("Column count mismatch in {}", operatorName(query.set_operator)));
  }
  if (query.all) {
    return NotSupported(fmt::format("At line {}, column {}: {} ALL is not supported yet", query.position.line,
                                    query.position.column, operatorName(query.set_operator)));
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
    auto node = std::make_unique<PlanNode>(PlanNode::Kind::kUnion);
    std::vector<types::RowField> fields;
    for (size_t i = 0; i < common.size(); ++i) {
      fields.push_back(DataTypes::FIELD(names[i], common[i].copy(l->output_type.typeAt(i).isNullable() ||
                                                                 r->output_type.typeAt(i).isNullable())));
    }
    node->output_type = DataTypes::ROW(std::move(fields));
    node->inputs.push_back(std::move(l));
    node->inputs.push_back(std::move(r));
    return Relation{distinctRows(std::move(node)), std::vector<std::string>(common.size())};
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
