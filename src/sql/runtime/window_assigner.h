#pragma once

#include <cstdint>
#include <vector>

#include "eddy/windowing/time_window.h"
#include "sql/planner/plan_node.h"

namespace eddy::sql {

// The windows a timestamp falls in for a TUMBLE, HOP or CUMULATE window (Flink's table
// runtime assigners with an offset), appended to `out` in Flink's order: HOP from the latest
// start back, CUMULATE from the first end on; for SESSION the window [t, t + gap) the
// timestamp opens, before merging. Stateless.
void assignWindows(const GroupWindow& window, int64_t timestamp, std::vector<windowing::TimeWindow>& out);

}  // namespace eddy::sql
