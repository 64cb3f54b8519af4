#include "runtime/channel_state_restore.h"

#include <fmt/format.h>

#include "runtime/channel_state_redistribution.h"

namespace eddy::runtime {

namespace {

bool holdsChannelState(const OperatorState& op) {
  for (const auto& [subtask, part] : op.subtasks) {
    if (!part.input_channel_state.empty()) return true;
  }
  return false;
}

// How the checkpointed job laid out the channels of `edge`, whose ends ran at `producers`
// and `consumers` then. Its partitioner is the one now, except where the graph picks it by
// parallelism (forward if both ends have the same, else rebalance): a forward edge whose
// ends differed then was rebalance. A rebalance edge between equal ends may have been
// either; `ambiguous` tells.
InputEdgeShape checkpointedShape(const StreamEdge& edge, int producers, int consumers, bool ends_differ_now,
                                 bool* ambiguous) {
  *ambiguous = false;
  PartitionerKind partitioner = edge.partitioner;
  if (partitioner == PartitionerKind::kForward && producers != consumers) partitioner = PartitionerKind::kRebalance;
  if (partitioner == PartitionerKind::kRebalance && producers == consumers && ends_differ_now) *ambiguous = true;
  return InputEdgeShape{partitioner, producers};
}

}  // namespace

Status checkChannelStateRestorable(const CompletedCheckpoint& checkpoint, const StreamGraph& graph,
                                   const JobGraph& job) {
  for (const JobVertex& vertex : job.vertices) {
    for (size_t n = 1; n < vertex.nodes.size(); ++n) {
      const StreamNode& node = graph.node(vertex.nodes[n]);
      auto it = checkpoint.operators.find(node.operatorId());
      if (it == checkpoint.operators.end() || !holdsChannelState(it->second)) continue;
      return NotSupported(fmt::format(
          "Cannot restore unaligned checkpoint {}: operator {} holds in-flight data of its input channels, but the "
          "new job chains it to its input at parallelism {}. Restore it at the old parallelism, or disable chaining "
          "of the operator.",
          checkpoint.checkpoint_id, node.operatorId(), vertex.parallelism));
    }
  }
  return Status::OK();
}

Result<std::vector<std::vector<InputChannelState>>> restoredChannelState(const CompletedCheckpoint& checkpoint,
                                                                         const StreamGraph& graph, const JobGraph& job,
                                                                         const JobVertex& vertex) {
  std::vector<std::vector<InputChannelState>> none(static_cast<size_t>(vertex.parallelism));
  const std::string head_uid = graph.node(vertex.nodes.front()).operatorId();
  auto head = checkpoint.operators.find(head_uid);
  if (head == checkpoint.operators.end() || !holdsChannelState(head->second)) return none;
  const OperatorState& old = head->second;
  ChannelStateRescaling rescaling{{}, vertex.parallelism, vertex.max_parallelism};
  std::vector<const JobEdge*> inputs;
  for (const JobEdge& edge : job.edges) {
    if (edge.target_vertex == vertex.id) inputs.push_back(&edge);
  }
  for (size_t e = 0; e < inputs.size(); ++e) {
    const StreamEdge& edge = graph.edges[static_cast<size_t>(inputs[e]->stream_edge)];
    const JobVertex& producer = job.vertices[static_cast<size_t>(inputs[e]->source_vertex)];
    const std::string edge_name = fmt::format("'{}' -> '{}'", graph.node(edge.source_id).name, vertex.name);
    auto producer_state = checkpoint.operators.find(graph.node(edge.source_id).operatorId());
    if (producer_state == checkpoint.operators.end()) {
      return InvalidArgument(fmt::format("Cannot restore the in-flight data of unaligned checkpoint {} into '{}': the "
                                         "producer of its input {} was not in the checkpointed job",
                                         checkpoint.checkpoint_id, vertex.name, edge_name));
    }
    bool ambiguous = false;
    const InputEdgeShape before = checkpointedShape(edge, producer_state->second.parallelism, old.parallelism,
                                                    producer.parallelism != vertex.parallelism, &ambiguous);
    // Only the last edge's channels may be of unknown number: no channel index follows them.
    if (ambiguous && e + 1 < inputs.size()) {
      return NotSupported(fmt::format(
          "Cannot restore unaligned checkpoint {} at the new parallelism: its in-flight data of task '{}' does not "
          "tell whether the channels of edge {} were forward or rebalance (the graph chose its partitioner by the "
          "parallelism). Restore it at the old parallelism, or set the edge's partitioner explicitly.",
          checkpoint.checkpoint_id, vertex.name, edge_name));
    }
    const InputEdgeShape now{edge.partitioner, producer.parallelism};
    rescaling.edges.push_back(ChannelStateInputEdge{&edge, before, now});
  }
  auto redistributed = redistributeInputChannelState(old, rescaling);
  if (!redistributed.ok()) {
    return redistributed.status().withContext(fmt::format(
        "Cannot restore the in-flight data of unaligned checkpoint {} into task '{}'", checkpoint.checkpoint_id,
        vertex.name));
  }
  return redistributed;
}

}  // namespace eddy::runtime
