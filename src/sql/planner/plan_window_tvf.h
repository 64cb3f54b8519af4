#pragma once

#include <optional>
#include <string>

#include "sql/planner/plan_node.h"

namespace eddy::sql {

// Helpers for window table functions (TUMBLE/HOP/CUMULATE over TABLE t, DESCRIPTOR(ts)) that
// the aggregation planner shares. Stateless.

// Which window column of a WindowTableFunction (or of a window aggregation over one) output
// field `field` of `node` is, seen through Calcs that forward it: the node and the column,
// or nullopt.
struct WindowColumn {
  enum class Which { kStart, kEnd, kTime };
  const PlanNode* function = nullptr;
  Which which = Which::kStart;
};
std::optional<WindowColumn> windowColumnOf(const PlanNode& node, int field);

// "TUMBLE(time_col=[ts], size=[5 min])" as Flink prints a window TVF's windowing.
std::string windowTvfToString(const GroupWindow& window, const std::string& time_or_bounds);

// A duration as Flink's TimeUtils.formatWithHighestUnit prints it: "5 min", "90 s", "1 h".
std::string formatDuration(int64_t millis);

}  // namespace eddy::sql
