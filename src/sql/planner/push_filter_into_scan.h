#pragma once

#include <vector>

#include "eddy/common/status.h"
#include "sql/expression/bound_expr.h"
#include "sql/planner/plan_node.h"

namespace eddy::sql {

// Pushes the condition of every Calc that sits right above a TableSourceScan into the
// source, as Flink's PushPartitionIntoTableSourceScanRule and PushFilterIntoTableSourceScanRule
// do. The condition is split into CNF conjuncts; those over physical fields only are
// offered:
//   - to a source with SupportsPartitionPushDown: the conjuncts over partition columns only
//     select the partitions to read from listPartitions() (evaluated on each partition's
//     values) and leave the Calc; the scan's digest shows "partitions=[{dt=1}, ...]";
//   - to a source with SupportsFilterPushDown: applyFilters decides; the accepted ones show
//     as "filter=[...]" in the scan's digest (Flink's FilterPushDownSpec: "filter=[]" when
//     the source took none), the remaining ones stay in the Calc. A Calc left with neither
//     condition nor a projection disappears.
// A Calc above a WatermarkAssigner or a ChangelogNormalize is not right above the scan and
// keeps its condition, as in Flink (the rows a watermark or a normalization sees stay the
// same). Runs once per planned statement, before the Calcs are pruned.
Status pushFiltersIntoTableSources(PlanNodePtr& root);

// The conjuncts of `condition` in conjunctive normal form (Calcite's RexUtil.toCnf followed
// by RelOptUtil.conjunctions): AND splits, OR distributes over AND. An OR whose expansion
// would exceed 64 conjuncts stays one conjunct. The expressions are copies.
std::vector<BoundExprPtr> conjunctiveNormalForm(const BoundExpr& condition);

}  // namespace eddy::sql
