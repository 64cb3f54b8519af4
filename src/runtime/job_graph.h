#pragma once

#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/runtime/stream_graph.h"

namespace eddy::runtime {

// A chain of nodes that runs as one task per parallel instance (Flink's JobVertex).
// `nodes` starts with the head and is in topological order; chained edges stay inside.
struct JobVertex {
  int id = 0;
  std::vector<int> nodes;
  std::vector<int> chained_edges;  // indexes into StreamGraph::edges
  int parallelism = 1;
  int max_parallelism = 128;
  std::string name;  // "A -> B -> C", as Flink names chains
};

// An edge between two vertices, carried by network channels.
struct JobEdge {
  int source_vertex = 0;
  int target_vertex = 0;
  int stream_edge = 0;  // index into StreamGraph::edges
};

struct JobGraph {
  std::vector<JobVertex> vertices;
  std::vector<JobEdge> edges;
  std::vector<int> vertex_of_node;  // node id → vertex id
};

// Chains nodes with Flink's rules (forward edge, same parallelism, the target has one input,
// neither side forbids it, chaining enabled) and checks the graph, e.g. that a forward edge
// does not change parallelism.
Result<JobGraph> buildJobGraph(const StreamGraph& graph);

}  // namespace eddy::runtime
