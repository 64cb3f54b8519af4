#include "sql/planner/plan_window_join.h"

#include <fmt/format.h>

#include <optional>
#include <vector>

#include "sql/planner/plan_window_tvf.h"

namespace eddy::sql {

namespace {

// Flink's WindowSpec#toString: "TUMBLE(size=[5 min])", "HOP(size=[10 min], slide=[5 min])".
std::string windowSpecString(const GroupWindow& window) {
  std::string text = windowTvfToString(window, "");
  return text.erase(text.find('(') + 1, 2);
}

bool sameWindowing(const GroupWindow& a, const GroupWindow& b) {
  return a.kind == b.kind && a.size_ms == b.size_ms && a.slide_ms == b.slide_ms && a.offset_ms == b.offset_ms;
}

std::string windowString(const GroupWindow& window, int start, int end, const types::LogicalType& input) {
  return windowTvfToString(window, fmt::format("win_start=[{}], win_end=[{}]", input.fields()[start].name,
                                               input.fields()[end].name));
}

}  // namespace

Status extractWindowJoin(PlanNode& join, const PlanNode& left, const PlanNode& right) {
  JoinSpec& spec = join.join;
  WindowJoinFields fields;
  const PlanNode* left_function = nullptr;
  const PlanNode* right_function = nullptr;
  std::vector<size_t> window_pairs;
  for (size_t k = 0; k < spec.left_keys.size(); ++k) {
    const std::optional<WindowColumn> l = windowColumnOf(left, spec.left_keys[k]);
    const std::optional<WindowColumn> r = windowColumnOf(right, spec.right_keys[k]);
    if (!l || !r || l->which != r->which || l->which == WindowColumn::Which::kTime) continue;
    int& left_field = l->which == WindowColumn::Which::kStart ? fields.left_start : fields.left_end;
    int& right_field = l->which == WindowColumn::Which::kStart ? fields.right_start : fields.right_end;
    left_field = spec.left_keys[k];
    right_field = spec.right_keys[k];
    left_function = l->function;
    right_function = r->function;
    window_pairs.push_back(k);
  }
  if (window_pairs.empty()) return Status::OK();
  if (fields.left_start < 0 || fields.left_end < 0) {
    return NotSupported(
        "Currently, window join requires JOIN ON condition must contain both window starts equality of input tables "
        "and window ends equality of input tables.");
  }
  const GroupWindow& left_window = left_function->window;
  const GroupWindow& right_window = right_function->window;
  if (left_window.proctime != right_window.proctime) {
    return NotSupported(fmt::format(
        "Currently, window join doesn't support different time attribute type of left and right inputs.\nThe left "
        "time attribute type is {}.\nThe right time attribute type is {}.",
        left_window.proctime ? "PROCTIME" : "ROWTIME", right_window.proctime ? "PROCTIME" : "ROWTIME"));
  }
  if (!sameWindowing(left_window, right_window)) {
    return NotSupported(fmt::format(
        "Currently, window join doesn't support different window table function of left and right inputs.\nThe left "
        "window table function is {}.\nThe right window table function is {}.",
        windowSpecString(left_window), windowSpecString(right_window)));
  }
  // Flink's StreamExecWindowJoin refuses processing-time windowing when it is built.
  if (left_window.proctime) return NotSupported("Processing time Window Join is not supported yet.");
  for (auto k = window_pairs.rbegin(); k != window_pairs.rend(); ++k) {
    const auto at = static_cast<std::ptrdiff_t>(*k);
    spec.left_keys.erase(spec.left_keys.begin() + at);
    spec.right_keys.erase(spec.right_keys.begin() + at);
    spec.filter_nulls.erase(spec.filter_nulls.begin() + at);
  }
  spec.window_join = fields;
  join.window = left_window;
  join.window.start_field = fields.left_start;
  join.window.end_field = fields.left_end;
  return Status::OK();
}

std::string describeWindowJoin(const PlanNode& join, const std::string& where) {
  const WindowJoinFields& fields = *join.join.window_join;
  return fmt::format("WindowJoin(leftWindow=[{}], rightWindow=[{}], joinType=[{}], where=[{}], select=[{}])",
                     windowString(join.window, fields.left_start, fields.left_end, join.inputs[0]->output_type),
                     windowString(join.window, fields.right_start, fields.right_end, join.inputs[1]->output_type),
                     joinTypeName(join.join.join_type), where, fmt::join(join.fieldNames(), ", "));
}

}  // namespace eddy::sql
