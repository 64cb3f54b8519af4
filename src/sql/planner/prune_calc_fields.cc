#include "sql/planner/prune_calc_fields.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "eddy/types/data_types.h"

namespace eddy::sql {

namespace {

using Kind = PlanNode::Kind;
// Where each old field of a node's output goes: its new position, or -1 when dropped.
using FieldMapping = std::vector<int>;

void markReads(const BoundExpr& expr, std::vector<bool>& read, int offset = 0) {
  if (expr.kind == BoundExpr::Kind::kInputRef) {
    const int field = expr.input_index - offset;
    if (field >= 0 && field < static_cast<int>(read.size())) read[static_cast<size_t>(field)] = true;
  }
  for (const BoundExprPtr& operand : expr.operands) markReads(*operand, read, offset);
}

void remap(BoundExpr& expr, const FieldMapping& to) {
  if (expr.kind == BoundExpr::Kind::kInputRef) expr.input_index = to[static_cast<size_t>(expr.input_index)];
  for (BoundExprPtr& operand : expr.operands) remap(*operand, to);
}

int remapped(int field, const FieldMapping& to) { return field < 0 ? field : to[static_cast<size_t>(field)]; }

bool passesFieldsThrough(const PlanNode& node) {
  return node.kind == Kind::kWatermarkAssigner || node.kind == Kind::kWindowTableFunction ||
         node.kind == Kind::kExchange;
}

size_t keptCount(const FieldMapping& to) {
  size_t n = 0;
  for (int field : to) n += field >= 0 ? 1 : 0;
  return n;
}

// `fields` without those `to` drops, in order.
std::vector<types::RowField> keptFields(const std::vector<types::RowField>& fields, const FieldMapping& to) {
  std::vector<types::RowField> kept;
  for (size_t f = 0; f < to.size(); ++f) {
    if (to[f] >= 0) kept.push_back(fields[f]);
  }
  return kept;
}

// A pass-through node's output after its input lost fields as `input_to` says: the kept
// input fields, then (WindowTableFunction) the fields it appends. Rewrites the node's own
// references and returns where its old output fields go.
FieldMapping rewritePassThrough(PlanNode& node, const FieldMapping& input_to) {
  if (node.kind == Kind::kWatermarkAssigner) remap(*node.watermark, input_to);
  if (node.kind == Kind::kWindowTableFunction) node.window.time_field = remapped(node.window.time_field, input_to);
  for (int& key : node.keys) key = remapped(key, input_to);
  const std::vector<types::RowField>& old = node.output_type.fields();
  std::vector<types::RowField> fields = keptFields(old, input_to);
  FieldMapping to(input_to);
  for (size_t f = input_to.size(); f < old.size(); ++f) {
    to.push_back(static_cast<int>(fields.size()));
    fields.push_back(old[f]);
  }
  node.output_type = types::DataTypes::ROW(std::move(fields));
  node.rowtime_field = remapped(node.rowtime_field, to);
  return to;
}

// Prunes the Calc at the bottom of the chain of pass-through nodes that starts at `top`
// (`top` itself may be that Calc), given which of top's output fields are read. Returns
// where top's old output fields go, or nothing when no Calc is there or all stay.
std::optional<FieldMapping> pruneChain(PlanNode& top, std::vector<bool> read) {
  std::vector<PlanNode*> chain;  // top to bottom
  PlanNode* node = &top;
  while (passesFieldsThrough(*node)) {
    chain.push_back(node);
    node = node->inputs[0].get();
  }
  if (node->kind != Kind::kCalc) return std::nullopt;
  PlanNode& calc = *node;
  for (PlanNode* link : chain) {
    if (link->rowtime_field >= 0) read[static_cast<size_t>(link->rowtime_field)] = true;
    read.resize(link->inputs[0]->output_type.fieldCount());
    if (link->kind == Kind::kWatermarkAssigner) markReads(*link->watermark, read);
    if (link->kind == Kind::kWindowTableFunction) read[static_cast<size_t>(link->window.time_field)] = true;
    for (int key : link->keys) read[static_cast<size_t>(key)] = true;
  }
  if (calc.rowtime_field >= 0) read[static_cast<size_t>(calc.rowtime_field)] = true;

  if (std::find(read.begin(), read.end(), false) == read.end()) return std::nullopt;
  FieldMapping to(read.size(), -1);
  std::vector<BoundExprPtr> projections;
  for (size_t f = 0; f < read.size(); ++f) {
    if (!read[f]) continue;
    to[f] = static_cast<int>(projections.size());
    projections.push_back(std::move(calc.projections[f]));
  }
  calc.projections = std::move(projections);
  calc.output_type = types::DataTypes::ROW(keptFields(calc.output_type.fields(), to));
  calc.rowtime_field = remapped(calc.rowtime_field, to);
  for (auto link = chain.rbegin(); link != chain.rend(); ++link) to = rewritePassThrough(**link, to);
  return to;
}

FieldMapping identity(size_t n) {
  FieldMapping to(n);
  for (size_t f = 0; f < n; ++f) to[f] = static_cast<int>(f);
  return to;
}

// Prunes both inputs of a Join of which `read` fields are read, rewriting the join; returns
// where its old output fields go, or nothing when no input changed.
std::optional<FieldMapping> pruneJoin(PlanNode& join, const std::vector<bool>& read) {
  JoinSpec& spec = join.join;
  const size_t left_count = join.inputs[0]->output_type.fieldCount();
  const size_t right_count = join.inputs[1]->output_type.fieldCount();
  std::vector<bool> left_read(left_count, false);
  std::vector<bool> right_read(right_count, false);
  for (size_t f = 0; f < read.size(); ++f) {
    if (!read[f] && static_cast<int>(f) != join.rowtime_field) continue;
    if (f < left_count) {
      left_read[f] = true;
    } else {
      right_read[f - left_count] = true;
    }
  }
  if (spec.non_equi_condition) {
    markReads(*spec.non_equi_condition, left_read);
    markReads(*spec.non_equi_condition, right_read, static_cast<int>(left_count));
  }
  auto markTimes = [&](int left_time, int right_time) {
    if (left_time >= 0) left_read[static_cast<size_t>(left_time)] = true;
    if (right_time >= 0) right_read[static_cast<size_t>(right_time)] = true;
  };
  if (spec.window_bounds) markTimes(spec.window_bounds->left_time_index, spec.window_bounds->right_time_index);
  if (spec.temporal) markTimes(spec.temporal->left_time_index, spec.temporal->right_time_index);
  if (spec.window_join) {
    markTimes(spec.window_join->left_start, spec.window_join->right_start);
    markTimes(spec.window_join->left_end, spec.window_join->right_end);
  }
  std::optional<FieldMapping> left_to = pruneChain(*join.inputs[0], std::move(left_read));
  std::optional<FieldMapping> right_to = pruneChain(*join.inputs[1], std::move(right_read));
  if (!left_to && !right_to) return std::nullopt;
  if (!left_to) left_to = identity(left_count);
  if (!right_to) right_to = identity(right_count);

  // The join's fields: left then right, each side as its input now has them.
  const int new_left_count = static_cast<int>(keptCount(*left_to));
  FieldMapping joined(*left_to);
  for (int field : *right_to) joined.push_back(field < 0 ? -1 : new_left_count + field);
  for (int& key : spec.left_keys) key = remapped(key, *left_to);
  for (int& key : spec.right_keys) key = remapped(key, *right_to);
  if (spec.non_equi_condition) remap(*spec.non_equi_condition, joined);
  if (spec.window_bounds) {
    spec.window_bounds->left_time_index = remapped(spec.window_bounds->left_time_index, *left_to);
    spec.window_bounds->right_time_index = remapped(spec.window_bounds->right_time_index, *right_to);
  }
  if (spec.temporal) {
    spec.temporal->left_time_index = remapped(spec.temporal->left_time_index, *left_to);
    spec.temporal->right_time_index = remapped(spec.temporal->right_time_index, *right_to);
  }
  if (spec.window_join) {
    WindowJoinFields& fields = *spec.window_join;
    fields.left_start = remapped(fields.left_start, *left_to);
    fields.left_end = remapped(fields.left_end, *left_to);
    fields.right_start = remapped(fields.right_start, *right_to);
    fields.right_end = remapped(fields.right_end, *right_to);
    join.window.start_field = fields.left_start;
    join.window.end_field = fields.left_end;
  }
  // A semi or anti join outputs the left fields only.
  FieldMapping out(joined.begin(), joined.begin() + static_cast<std::ptrdiff_t>(join.output_type.fieldCount()));
  join.output_type = types::DataTypes::ROW(keptFields(join.output_type.fields(), out));
  join.rowtime_field = remapped(join.rowtime_field, out);
  return out;
}

// Prunes what is below the Calc `upper` (see pruneCalcFields).
void pruneBelow(PlanNode& upper) {
  PlanNode& input = *upper.inputs[0];
  std::vector<bool> read(input.output_type.fieldCount(), false);
  for (const BoundExprPtr& projection : upper.projections) markReads(*projection, read);
  if (upper.condition) markReads(*upper.condition, read);
  std::optional<FieldMapping> to =
      input.kind == Kind::kJoin ? pruneJoin(input, read) : pruneChain(input, std::move(read));
  if (!to) return;
  for (BoundExprPtr& projection : upper.projections) remap(*projection, *to);
  if (upper.condition) remap(*upper.condition, *to);
}

}  // namespace

void pruneCalcFields(PlanNode& root) {
  if (root.kind == Kind::kCalc) pruneBelow(root);
  for (PlanNodePtr& input : root.inputs) pruneCalcFields(*input);
}

}  // namespace eddy::sql
