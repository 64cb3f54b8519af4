#include "sql/planner/changelog_inference.h"

#include "sql/planner/join_changelog_mode.h"
#include "sql/planner/plan_rank.h"

#include <string>

namespace eddy::sql {
namespace {

using types::RowKind;

// The node below that first produced updates (for the error message).
const PlanNode* updateProducer(const PlanNode& node) {
  for (const PlanNodePtr& input : node.inputs) {
    if (!input->changelog_mode.isInsertOnly()) return updateProducer(*input);
  }
  return &node;
}

std::string changeKinds(const ChangelogMode& mode) {
  const bool updates = mode.contains(RowKind::UPDATE_AFTER) || mode.contains(RowKind::UPDATE_BEFORE);
  const bool deletes = mode.contains(RowKind::DELETE);
  if (updates && deletes) return "update and delete changes";
  if (deletes) return "delete changes";
  return "update changes";
}

Status infer(PlanNode& node, bool consumer_needs_update_before) {
  // Before the inputs: a Rank whose row number goes unread may become a Deduplicate.
  pruneUnusedRankNumber(node);
  // An aggregate or a join retracts what it consumed: it needs UPDATE_BEFORE from its input,
  // as a Rank does unless it takes the UpdateFastStrategy (below).
  const bool is_aggregate = node.kind == PlanNode::Kind::kGroupAggregate || node.kind == PlanNode::Kind::kJoin ||
                            node.kind == PlanNode::Kind::kRank || node.kind == PlanNode::Kind::kLocalGroupAggregate;
  for (PlanNodePtr& input : node.inputs) {
    EDDY_RETURN_IF_ERROR(infer(*input, is_aggregate || consumer_needs_update_before));
  }
  switch (node.kind) {
    case PlanNode::Kind::kTableSourceScan:
      node.changelog_mode = node.source->getChangelogMode();
      break;
    case PlanNode::Kind::kValues:
      node.changelog_mode = ChangelogMode::insertOnly();
      break;
    case PlanNode::Kind::kCalc:
    case PlanNode::Kind::kCorrelate:
    case PlanNode::Kind::kLookupJoin:  // each input row's kind passes to its joined rows
    case PlanNode::Kind::kWatermarkAssigner:
    case PlanNode::Kind::kMiniBatchAssigner:
    case PlanNode::Kind::kExchange:
    case PlanNode::Kind::kSink:
      node.changelog_mode = node.inputs[0]->changelog_mode;
      break;
    case PlanNode::Kind::kUnion:
      node.changelog_mode = node.inputs[0]->changelog_mode.unionWith(node.inputs[1]->changelog_mode);
      break;
    case PlanNode::Kind::kJoin:
      for (const PlanNodePtr& input : node.inputs) {
        const ChangelogMode& in = input->changelog_mode;
        if ((node.join.window_bounds || node.join.window_join) && !in.isInsertOnly()) {
          return InvalidArgument(std::string(node.join.window_join ? "StreamPhysicalWindowJoin" : "StreamPhysicalIntervalJoin") +
                                 " doesn't support consuming " + changeKinds(in) +
                                 " which is produced by node " + updateProducer(*input)->describe());
        }
      }
      node.changelog_mode = joinChangelogMode(node);
      break;
    case PlanNode::Kind::kChangelogNormalize: {
      node.generate_update_before = consumer_needs_update_before;
      ChangelogMode mode = ChangelogMode().add(RowKind::INSERT).add(RowKind::UPDATE_AFTER).add(RowKind::DELETE);
      if (node.generate_update_before) mode.add(RowKind::UPDATE_BEFORE);
      node.changelog_mode = mode;
      break;
    }
    case PlanNode::Kind::kLocalGroupAggregate:  // emits accumulators (plan_mini_batch.h)
      node.changelog_mode = ChangelogMode::insertOnly();
      break;
    case PlanNode::Kind::kGroupAggregate:
    case PlanNode::Kind::kGlobalGroupAggregate: {
      node.generate_update_before = consumer_needs_update_before;
      ChangelogMode mode = ChangelogMode().add(RowKind::INSERT).add(RowKind::UPDATE_AFTER);
      if (node.generate_update_before) mode.add(RowKind::UPDATE_BEFORE);
      const PlanNode& aggregated =
          node.kind == PlanNode::Kind::kGlobalGroupAggregate ? *node.inputs[0]->inputs[0] : node;
      if (!aggregated.inputs[0]->changelog_mode.isInsertOnly()) mode.add(RowKind::DELETE);
      node.changelog_mode = mode;
      break;
    }
    case PlanNode::Kind::kWindowTableFunction:
    case PlanNode::Kind::kOverAggregate:
    case PlanNode::Kind::kTemporalSort:
      if (!node.inputs[0]->changelog_mode.isInsertOnly()) {
        const char* name = node.kind == PlanNode::Kind::kOverAggregate ? "StreamPhysicalOverAggregate"
                           : node.kind == PlanNode::Kind::kTemporalSort ? "StreamPhysicalTemporalSort"
                                                                        : "StreamPhysicalWindowTableFunction";
        return InvalidArgument(std::string(name) +
                               " doesn't support consuming " +
                               changeKinds(node.inputs[0]->changelog_mode) + " which is produced by node " +
                               updateProducer(*node.inputs[0])->describe());
      }
      node.changelog_mode = ChangelogMode::insertOnly();
      break;
    case PlanNode::Kind::kRank:
    case PlanNode::Kind::kDeduplicate: {
      EDDY_RETURN_IF_ERROR(checkRankBounded(node));
      const ChangelogMode& in = node.inputs[0]->changelog_mode;
      if (!in.isInsertOnly() && node.kind == PlanNode::Kind::kDeduplicate) {
        return InvalidArgument("StreamPhysicalDeduplicate doesn't support consuming " + changeKinds(in) +
                               " which is produced by node " + updateProducer(*node.inputs[0])->describe());
      }
      if (!in.isInsertOnly()) {
        // Flink's UpdateFastStrategy asks its input for ONLY_UPDATE_AFTER.
        node.upsert_key = updateFastKey(node);
        if (!node.upsert_key.empty()) EDDY_RETURN_IF_ERROR(infer(*node.inputs[0], false));
      }
      node.generate_update_before = consumer_needs_update_before;
      const bool proctime_first = node.kind == PlanNode::Kind::kDeduplicate && !node.keep_last_row &&
                                  node.sort[0].field != node.inputs[0]->rowtime_field;
      // LIMIT without ORDER BY keeps the first rows and never takes one back; a window Top-N
      // emits each closed window once.
      const bool window_rank = node.kind == PlanNode::Kind::kRank && node.window.start_field >= 0;
      if (in.isInsertOnly() && (proctime_first || window_rank || (node.kind == PlanNode::Kind::kRank && node.sort.empty()))) {
        node.changelog_mode = ChangelogMode::insertOnly();
        break;
      }
      ChangelogMode mode = ChangelogMode().add(RowKind::INSERT).add(RowKind::UPDATE_AFTER);
      if (node.generate_update_before) mode.add(RowKind::UPDATE_BEFORE);
      if (node.kind == PlanNode::Kind::kRank) mode.add(RowKind::DELETE);
      node.changelog_mode = mode;
      break;
    }
    case PlanNode::Kind::kGroupWindowAggregate: {
      const ChangelogMode& in = node.inputs[0]->changelog_mode;
      if (!in.isInsertOnly()) {
        const char* name = node.window.start_field >= 0 ? "StreamPhysicalWindowAggregate" : "StreamPhysicalGroupWindowAggregate";
        return InvalidArgument(std::string(name) + " doesn't support consuming " + changeKinds(in) +
                               " which is produced by node " + updateProducer(*node.inputs[0])->describe());
      }
      node.changelog_mode = ChangelogMode::insertOnly();
      break;
    }
  }
  return Status::OK();
}

}  // namespace

Status inferChangelogModes(PlanNode& root, std::optional<ChangelogMode> required) {
  bool needs_update_before = true;
  if (root.kind == PlanNode::Kind::kSink) {
    ChangelogMode accepted = root.sink->getChangelogMode(ChangelogMode::all());
    needs_update_before = accepted.contains(RowKind::UPDATE_BEFORE);
    EDDY_RETURN_IF_ERROR(infer(root, needs_update_before));
    const ChangelogMode& produced = root.inputs[0]->changelog_mode;
    ChangelogMode missing;
    for (RowKind kind : {RowKind::INSERT, RowKind::UPDATE_BEFORE, RowKind::UPDATE_AFTER, RowKind::DELETE}) {
      if (produced.contains(kind) && !accepted.contains(kind)) missing.add(kind);
    }
    if (missing == ChangelogMode()) return Status::OK();
    return InvalidArgument("Table sink '" + root.sink_table.asSummaryString() + "' doesn't support consuming " +
                           changeKinds(missing) + " which is produced by node " +
                           updateProducer(*root.inputs[0])->describe());
  }
  if (required) needs_update_before = required->contains(RowKind::UPDATE_BEFORE);
  return infer(root, needs_update_before);
}

}  // namespace eddy::sql
