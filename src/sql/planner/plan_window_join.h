#pragma once

#include <string>

#include "eddy/common/status.h"
#include "sql/planner/plan_node.h"

namespace eddy::sql {

// Window joins (Flink's StreamPhysicalWindowJoin, WindowJoinUtil). Stateless.

// For a Join node being built over `left` and `right` with its key pairs extracted: when
// key pairs equate the window_start columns and the window_end columns of window table
// functions (or window aggregations) below both inputs, the join becomes a window join:
// those pairs leave the keys, join.window_join records the four fields and `window` the
// windowing. Flink's errors for different windowings of the inputs and for a condition
// equating only the starts or only the ends. A Join left alone otherwise.
Status extractWindowJoin(PlanNode& join, const PlanNode& left, const PlanNode& right);

// WindowJoin(leftWindow=[TUMBLE(win_start=[window_start], win_end=[window_end], size=[5 min])],
// rightWindow=[...], joinType=[InnerJoin], where=[=(id, id0)], select=[...]) as Flink prints
// it; `where` is the condition without the window equalities.
std::string describeWindowJoin(const PlanNode& join, const std::string& where);

}  // namespace eddy::sql
