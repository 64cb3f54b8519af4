#pragma once

#include <optional>

#include "eddy/common/status.h"
#include "sql/planner/plan_node.h"

namespace eddy::sql {

// Infers the changelog mode of every node bottom-up, as Flink's
// FlinkChangelogModeInferenceProgram:
//   TableSourceScan  the source's mode
//   Values           [I]
//   Calc, WatermarkAssigner, Exchange   the input's mode
//   GroupAggregate   [I,UB,UA] over an insert-only input, [I,UB,UA,D] over updates
//                    (without UB when the consumer does not need it: an upsert sink)
//   GroupWindowAggregate  [I]; refuses updating input with Flink's message
//   Union            the union of the inputs' modes
//   Join             join_changelog_mode.h; needs UB from its inputs, as an aggregate
//   Rank             [I,UB,UA,D]; over updates it needs UB from its input unless it takes
//                    Flink's UpdateFastStrategy (plan_rank.h updateFastKey)
//   Deduplicate      refuses updating input with Flink's message
//   Sink             the input's mode, which the sink must accept: otherwise Flink's "Table
//                    sink 'x' doesn't support consuming update changes which is produced by
//                    node GroupAggregate(...)" (or "update and delete changes").
Status inferChangelogModes(PlanNode& root, std::optional<ChangelogMode> required);

}  // namespace eddy::sql
