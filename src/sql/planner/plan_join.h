#pragma once

#include <optional>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "sql/planner/plan_node.h"
#include "sql/planner/relation.h"

namespace eddy::sql {

// Building regular joins (Flink's StreamPhysicalJoin) out of a join condition, as Flink's
// logical rules do before the physical join rule: the condition is split into its AND-ed
// parts; `left.a = right.b` (same type) becomes a key pair, a part that reads one input of an
// inner join is pushed into that input as a filter, and the rest stays as the residual
// (non-equi) condition. Both inputs get a hash Exchange on their keys (single without keys).
// Time attributes of the inputs are materialized: the output has no rowtime field.

// A Join node of `type` over `left` and `right` matching `condition` (bound over the
// concatenated row; null for a cross join). `names` are the output field names.
// Rowtime fields of both inputs make it an interval join when the condition bounds one by the
// other (interval_join_bounds.h); a condition that reads them otherwise is Flink's error.
// With `temporal` it is an event-time temporal join instead, which keeps the left rowtime.
Result<PlanNodePtr> makeJoin(FlinkJoinType type, PlanNodePtr left, PlanNodePtr right, BoundExprPtr condition,
                             const std::vector<std::string>& names,
                             std::optional<TemporalJoinTimes> temporal = std::nullopt);

// A WHERE over an inner join (a Calc with a condition directly on a Join node, as the
// planner builds `FROM a, b WHERE a.id = b.id`): moves the condition's parts into the join
// as makeJoin would have (Flink's FilterIntoJoinRule). Returns other nodes unchanged.
Result<PlanNodePtr> pushFilterIntoJoin(PlanNodePtr node);

// The names identifiers resolve against in `relation` (Relation::names when set).
std::vector<std::string> effectiveNames(const Relation& relation);

// The parts of a condition joined by AND (one part when it is no AND), and back.
std::vector<BoundExprPtr> splitConjunction(BoundExprPtr condition);
BoundExprPtr makeConjunction(std::vector<BoundExprPtr> parts);

// Join(joinType=[InnerJoin], where=[=(a, c)], select=[a, b, c, d], leftInputSpec=[NoUniqueKey],
// rightInputSpec=[NoUniqueKey]) as Flink prints a StreamPhysicalJoin.
std::string describeJoin(const PlanNode& join);

}  // namespace eddy::sql
