#pragma once

#include "sql/planner/plan_node.h"

namespace eddy::sql {

// Drops from each Calc the output fields that nothing above reads, as Flink's projection
// rules (ProjectRemove, CalcMerge and the pushdown of projections through
// WatermarkAssigner and WindowTableFunction) leave them out of the plan: for every Calc
// whose input is a chain of WatermarkAssigner and WindowTableFunction nodes over another
// Calc, that lower Calc keeps only the fields the upper Calc and the chain read (the
// rowtime fields always), and the chain and the upper Calc are rewritten to the new field
// positions. Nested views over a wide source (Nexmark's bid view over its event table) then
// stop copying columns no query uses.
void pruneCalcFields(PlanNode& root);

}  // namespace eddy::sql
