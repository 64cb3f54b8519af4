#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sql/expression/bound_expr.h"

namespace eddy::sql {

// The kind of a Join node (Flink's FlinkJoinType). SEMI and ANTI come from IN / EXISTS
// subqueries and INTERSECT / EXCEPT and output the left input's fields only.
enum class FlinkJoinType { kInner, kLeft, kRight, kFull, kSemi, kAnti };

// "InnerJoin", "LeftOuterJoin", ... as Flink prints joinType=[...] in a plan.
const char* joinTypeName(FlinkJoinType type);

// The time bounds of an interval join (Flink's IntervalJoinSpec.WindowBounds) on event time:
// a left row with time lt joins a right row with time rt when
//   rt + left_lower_bound <= lt <= rt + left_upper_bound  (milliseconds).
// The time indexes are the rowtime fields of the left and of the right input.
struct WindowBounds {
  int64_t left_lower_bound = 0;
  int64_t left_upper_bound = 0;
  int left_time_index = -1;
  int right_time_index = -1;
};

// The times of an event-time temporal join (`FOR SYSTEM_TIME AS OF l.rowtime` on a versioned
// table): the left input's rowtime field and the versioned (right) table's rowtime field.
struct TemporalJoinTimes {
  int left_time_index = -1;
  int right_time_index = -1;
};

// The window columns of the inputs of a window join (Flink's WindowJoin): both inputs come
// from window table functions with one windowing, and the join condition equates their
// window_start and window_end (those pairs are not among the keys).
struct WindowJoinFields {
  int left_start = -1;
  int left_end = -1;
  int right_start = -1;
  int right_end = -1;
};

// What a regular join matches on (Flink's JoinSpec): pairs of equal key fields, left_keys[i]
// of the left input with right_keys[i] of the right input, and a residual condition over the
// concatenated row (left fields, then right fields), null for none. A key pair with
// filter_nulls[i] (`=`) never matches NULL; without it (IS NOT DISTINCT FROM, from
// INTERSECT / EXCEPT) NULL matches NULL.
struct JoinSpec {
  FlinkJoinType join_type = FlinkJoinType::kInner;
  std::vector<int> left_keys;
  std::vector<int> right_keys;
  std::vector<bool> filter_nulls;
  BoundExprPtr non_equi_condition;
  // Set for an interval join; its time predicates stay in non_equi_condition.
  std::optional<WindowBounds> window_bounds;
  // Set for an event-time temporal join.
  std::optional<TemporalJoinTimes> temporal;
  // Set for a window join; the windowing is the Join node's `window` (plan_window_join.h).
  std::optional<WindowJoinFields> window_join;

  bool isSemiOrAnti() const { return join_type == FlinkJoinType::kSemi || join_type == FlinkJoinType::kAnti; }
};

}  // namespace eddy::sql
