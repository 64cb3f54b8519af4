#include "runtime/job_graph.h"

#include <fmt/format.h>

#include "eddy/state/key_group_range_assignment.h"

namespace eddy::runtime {

namespace {

bool isChainable(const StreamGraph& graph, const StreamEdge& edge, const std::vector<int>& in_degree) {
  const StreamNode& up = graph.node(edge.source_id);
  const StreamNode& down = graph.node(edge.target_id);
  return graph.chaining_enabled && in_degree[edge.target_id] == 1 && edge.partitioner == PartitionerKind::kForward &&
         up.parallelism == down.parallelism && up.chaining != ChainingStrategy::kNever &&
         down.chaining == ChainingStrategy::kAlways;
}

Status validate(const StreamGraph& graph) {
  for (const StreamEdge& edge : graph.edges) {
    const StreamNode& up = graph.node(edge.source_id);
    const StreamNode& down = graph.node(edge.target_id);
    if (edge.partitioner == PartitionerKind::kForward && up.parallelism != down.parallelism) {
      return InvalidArgument(fmt::format(
          "Forward partitioning does not allow change of parallelism. Upstream operation: {} parallelism: {}, "
          "downstream operation: {} parallelism: {} You must use another partitioning strategy, such as "
          "broadcast, rebalance, shuffle or global.",
          up.name, up.parallelism, down.name, down.parallelism));
    }
  }
  for (const StreamNode& node : graph.nodes) {
    if (node.parallelism < 1) {
      return InvalidArgument(fmt::format("The parallelism of operator '{}' must be at least 1, got {}", node.name,
                                         node.parallelism));
    }
    if (node.max_parallelism > state::kUpperBoundMaxParallelism ||
        (node.max_parallelism > 0 && node.max_parallelism < node.parallelism)) {
      return InvalidArgument(fmt::format(
          "The maximum parallelism ({}) of operator '{}' must be at least its parallelism ({}) and at most {}",
          node.max_parallelism, node.name, node.parallelism, state::kUpperBoundMaxParallelism));
    }
  }
  if (graph.nodes.empty()) return InvalidArgument("No operators defined in streaming topology. Cannot execute.");
  return Status::OK();
}

}  // namespace

Result<JobGraph> buildJobGraph(const StreamGraph& graph) {
  EDDY_RETURN_IF_ERROR(validate(graph));
  const int n = static_cast<int>(graph.nodes.size());
  std::vector<int> in_degree(n, 0);
  for (const StreamEdge& e : graph.edges) ++in_degree[e.target_id];

  JobGraph job;
  job.vertex_of_node.assign(n, -1);
  // Nodes come in topological order, so a node's chained predecessor is placed before it.
  std::vector<int> chained_into(n, -1);
  for (size_t i = 0; i < graph.edges.size(); ++i) {
    const StreamEdge& e = graph.edges[i];
    if (isChainable(graph, e, in_degree)) chained_into[e.target_id] = static_cast<int>(i);
  }
  for (int id = 0; id < n; ++id) {
    int edge_index = chained_into[id];
    if (edge_index >= 0) {
      int vertex = job.vertex_of_node[graph.edges[edge_index].source_id];
      job.vertex_of_node[id] = vertex;
      job.vertices[vertex].nodes.push_back(id);
      job.vertices[vertex].chained_edges.push_back(edge_index);
      job.vertices[vertex].name += " -> " + graph.node(id).name;
      continue;
    }
    const StreamNode& node = graph.node(id);
    JobVertex vertex;
    vertex.id = static_cast<int>(job.vertices.size());
    vertex.nodes.push_back(id);
    vertex.parallelism = node.parallelism;
    vertex.name = node.name;
    job.vertex_of_node[id] = vertex.id;
    job.vertices.push_back(std::move(vertex));
  }
  for (JobVertex& vertex : job.vertices) {
    int max_parallelism = -1;
    for (int id : vertex.nodes) max_parallelism = std::max(max_parallelism, graph.node(id).max_parallelism);
    vertex.max_parallelism = max_parallelism > 0
                                 ? max_parallelism
                                 : state::KeyGroupRangeAssignment::computeDefaultMaxParallelism(vertex.parallelism);
  }
  for (size_t i = 0; i < graph.edges.size(); ++i) {
    const StreamEdge& e = graph.edges[i];
    if (chained_into[e.target_id] == static_cast<int>(i)) continue;
    job.edges.push_back(JobEdge{job.vertex_of_node[e.source_id], job.vertex_of_node[e.target_id], static_cast<int>(i)});
  }
  return job;
}

}  // namespace eddy::runtime
