#pragma once

#include "sql/planner/plan_node.h"

namespace eddy::sql {

// Drops from each Calc the output fields that nothing above reads, as Flink's projection
// rules (ProjectRemove, CalcMerge and the pushdown of projections through
// WatermarkAssigner, WindowTableFunction, Exchange and Join) leave them out of the plan:
// for every Calc whose input is a chain of WatermarkAssigner, WindowTableFunction and
// Exchange nodes over another Calc, that lower Calc keeps only the fields the upper Calc and
// the chain read (the rowtime fields always), and the chain and the upper Calc are rewritten
// to the new field positions. A Calc over a Join prunes both of the join's input chains so,
// keeping the join keys and the fields of its condition and time bounds. Nested views over a
// wide source (Nexmark's bid and auction views over its event table) then stop copying,
// storing and joining columns no query uses.
void pruneCalcFields(PlanNode& root);

}  // namespace eddy::sql
