#pragma once

#include "sql/planner/plan_node.h"

namespace eddy::sql {

// The changelog mode of a Join node from its inputs' modes, as Flink's
// FlinkChangelogModeInferenceProgram infers it for StreamPhysicalJoin: an inner or semi join
// forwards the kinds of both inputs; any other join may produce every kind (its null-padded
// rows are retracted when a match arrives). An interval join is insert-only (its inputs must
// be: changelog_inference.cc refuses others with Flink's message).
ChangelogMode joinChangelogMode(const PlanNode& join);

}  // namespace eddy::sql
