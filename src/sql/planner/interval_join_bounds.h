#pragma once

#include <optional>
#include <vector>

#include "sql/planner/join_spec.h"

namespace eddy::sql {

// Finds the time bounds of an interval join among the AND-ed parts of a join condition, as
// Flink's IntervalJoinUtil.extractWindowBoundsFromPredicate: comparisons (>=, >, <=, <) of
// the left rowtime field with the right one, each optionally plus or minus an interval
// literal, e.g. `l.ts BETWEEN r.ts - INTERVAL '1' HOUR AND r.ts`. A strict bound is moved
// by one millisecond. `left_time` and `right_time` index the concatenated row. Both a lower
// and an upper bound are needed; otherwise nullopt.
std::optional<WindowBounds> extractWindowBounds(const std::vector<const BoundExpr*>& parts, int left_time,
                                                int right_time);

// True when `expr` reads field `field`.
bool readsField(const BoundExpr& expr, int field);

}  // namespace eddy::sql
