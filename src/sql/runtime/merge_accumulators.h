#pragma once

#include <vector>

#include "eddy/common/status.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/aggregate_accumulators.h"

namespace eddy::sql {

// Merges the accumulators of `source` into `target` (Flink's AggsHandleFunction#merge, which
// merging windows call when sessions join): counts and sums add, the multisets of MIN and
// MAX and the value counts of DISTINCT unite (a COUNT(DISTINCT) counts the values of the
// union), and the values of FIRST_VALUE, LAST_VALUE and LISTAGG of `source` follow those of
// `target`; a user-defined function merges with its own merge.
// REQUIRES: both hold the accumulators of `calls`, and checkMergeable(call) holds for each.
void mergeAccumulators(GroupAccumulators& target, const GroupAccumulators& source,
                       const std::vector<AggregateCall>& calls);

// OK when mergeAccumulators can merge `call`; NotSupported for the DISTINCT calls other than
// COUNT(DISTINCT), whose sums would need the values of both sides, and Flink's error for a
// user-defined function that does not implement merge.
Status checkMergeable(const AggregateCall& call);

}  // namespace eddy::sql
