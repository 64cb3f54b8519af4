#include "sql/planner/join_changelog_mode.h"

namespace eddy::sql {

ChangelogMode joinChangelogMode(const PlanNode& join) {
  // An interval join emits a padded row only once the row expired: it never retracts.
  if (join.join.window_bounds) return ChangelogMode::insertOnly();
  // A window join emits each window's rows once, when the watermark passes its end.
  if (join.join.window_join) return ChangelogMode::insertOnly();
  // A temporal join emits each left row once, with the left row's kind.
  if (join.join.temporal) return join.inputs[0]->changelog_mode;
  const FlinkJoinType type = join.join.join_type;
  if (type == FlinkJoinType::kInner || type == FlinkJoinType::kSemi) {
    return join.inputs[0]->changelog_mode.unionWith(join.inputs[1]->changelog_mode);
  }
  return ChangelogMode::all();
}

}  // namespace eddy::sql
