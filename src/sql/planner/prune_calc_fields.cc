#include "sql/planner/prune_calc_fields.h"

#include <vector>

#include "eddy/types/data_types.h"

namespace eddy::sql {

namespace {

using Kind = PlanNode::Kind;

void markReads(const BoundExpr& expr, std::vector<bool>& read) {
  if (expr.kind == BoundExpr::Kind::kInputRef) read[static_cast<size_t>(expr.input_index)] = true;
  for (const BoundExprPtr& operand : expr.operands) markReads(*operand, read);
}

void remap(BoundExpr& expr, const std::vector<int>& to) {
  if (expr.kind == BoundExpr::Kind::kInputRef) expr.input_index = to[static_cast<size_t>(expr.input_index)];
  for (BoundExprPtr& operand : expr.operands) remap(*operand, to);
}

bool passesFieldsThrough(const PlanNode& node) {
  return node.kind == Kind::kWatermarkAssigner || node.kind == Kind::kWindowTableFunction;
}

// The fields of `node`'s output that stay, in order: those of its `input_count` input
// fields that stay, then (WindowTableFunction) the window fields it appends.
types::LogicalType keptType(const PlanNode& node, size_t input_count, const std::vector<int>& kept_input) {
  const std::vector<types::RowField>& old = node.output_type.fields();
  std::vector<types::RowField> fields;
  for (int field : kept_input) fields.push_back(old[static_cast<size_t>(field)]);
  for (size_t f = input_count; f < old.size(); ++f) fields.push_back(old[f]);
  return types::DataTypes::ROW(std::move(fields));
}

// Where each old field of a node's output goes (-1: dropped), given where each old input
// field goes and how many input fields stay.
std::vector<int> outputMapping(const PlanNode& node, const std::vector<int>& input_to, int kept_input) {
  std::vector<int> to(input_to);
  const size_t input_count = input_to.size();
  for (size_t f = input_count; f < node.output_type.fieldCount(); ++f) {
    to.push_back(kept_input + static_cast<int>(f - input_count));
  }
  return to;
}

// Prunes the Calc below `upper`'s chain, if there is one; see pruneCalcFields.
void pruneBelow(PlanNode& upper) {
  std::vector<PlanNode*> chain;  // top to bottom
  PlanNode* node = upper.inputs[0].get();
  while (passesFieldsThrough(*node)) {
    chain.push_back(node);
    node = node->inputs[0].get();
  }
  if (node->kind != Kind::kCalc) return;
  PlanNode& lower = *node;

  // The fields each level reads, from the top down to the lower Calc's output.
  std::vector<bool> read(upper.inputs[0]->output_type.fieldCount(), false);
  for (const BoundExprPtr& projection : upper.projections) markReads(*projection, read);
  if (upper.condition) markReads(*upper.condition, read);
  for (PlanNode* link : chain) {
    if (link->rowtime_field >= 0) read[static_cast<size_t>(link->rowtime_field)] = true;
    read.resize(link->inputs[0]->output_type.fieldCount());
    if (link->kind == Kind::kWatermarkAssigner) markReads(*link->watermark, read);
    if (link->kind == Kind::kWindowTableFunction) read[static_cast<size_t>(link->window.time_field)] = true;
  }
  if (lower.rowtime_field >= 0) read[static_cast<size_t>(lower.rowtime_field)] = true;

  std::vector<int> to(read.size(), -1);
  std::vector<int> kept;
  for (size_t f = 0; f < read.size(); ++f) {
    if (!read[f]) continue;
    to[f] = static_cast<int>(kept.size());
    kept.push_back(static_cast<int>(f));
  }
  if (kept.size() == read.size()) return;

  std::vector<BoundExprPtr> projections;
  for (int field : kept) projections.push_back(std::move(lower.projections[static_cast<size_t>(field)]));
  lower.projections = std::move(projections);
  std::vector<types::RowField> fields;
  for (int field : kept) fields.push_back(lower.output_type.fields()[static_cast<size_t>(field)]);
  lower.output_type = types::DataTypes::ROW(std::move(fields));
  if (lower.rowtime_field >= 0) lower.rowtime_field = to[static_cast<size_t>(lower.rowtime_field)];

  // Up the chain, bottom first: each link reads its input at the new positions.
  for (auto link = chain.rbegin(); link != chain.rend(); ++link) {
    PlanNode& n = **link;
    std::vector<int> kept_input;
    for (size_t f = 0; f < to.size(); ++f) {
      if (to[f] >= 0) kept_input.push_back(static_cast<int>(f));
    }
    if (n.kind == Kind::kWatermarkAssigner) remap(*n.watermark, to);
    if (n.kind == Kind::kWindowTableFunction) n.window.time_field = to[static_cast<size_t>(n.window.time_field)];
    std::vector<int> out_to = outputMapping(n, to, static_cast<int>(kept_input.size()));
    n.output_type = keptType(n, to.size(), kept_input);
    if (n.rowtime_field >= 0) n.rowtime_field = out_to[static_cast<size_t>(n.rowtime_field)];
    to = std::move(out_to);
  }
  for (BoundExprPtr& projection : upper.projections) remap(*projection, to);
  if (upper.condition) remap(*upper.condition, to);
}

}  // namespace

void pruneCalcFields(PlanNode& root) {
  if (root.kind == Kind::kCalc) pruneBelow(root);
  for (PlanNodePtr& input : root.inputs) pruneCalcFields(*input);
}

}  // namespace eddy::sql
