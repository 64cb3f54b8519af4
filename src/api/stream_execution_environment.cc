#include "eddy/api/stream_execution_environment.h"

#include "runtime/local_executor.h"

namespace eddy {

std::unique_ptr<StreamExecutionEnvironment> StreamExecutionEnvironment::getExecutionEnvironment() {
  return std::make_unique<StreamExecutionEnvironment>();
}

runtime::StreamGraph StreamExecutionEnvironment::finalizedGraph(const std::string& job_name) const {
  runtime::StreamGraph graph = graph_;
  graph.job_name = job_name;
  for (runtime::StreamNode& node : graph.nodes) {
    if (node.parallelism < 0) node.parallelism = parallelism_;
    if (node.max_parallelism < 0) node.max_parallelism = max_parallelism_;
  }
  for (size_t i = 0; i < graph.edges.size(); ++i) {
    runtime::StreamEdge& edge = graph.edges[i];
    if (default_partitioner_[i]) {
      bool same = graph.node(edge.source_id).parallelism == graph.node(edge.target_id).parallelism;
      edge.partitioner = same ? runtime::PartitionerKind::kForward : runtime::PartitionerKind::kRebalance;
    }
    if (!edge.make_network_output) {
      auto make = record_writers_[i];
      runtime::PartitionerKind kind = edge.partitioner;
      edge.make_network_output = [make, kind](std::vector<runtime::ChannelWriter*> channels, int) {
        return make(kind, std::move(channels));
      };
    }
  }
  return graph;
}

Result<std::unique_ptr<JobClient>> StreamExecutionEnvironment::executeAsync(const std::string& job_name) {
  return runtime::executeLocally(finalizedGraph(job_name));
}

Result<JobExecutionResult> StreamExecutionEnvironment::execute(const std::string& job_name) {
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<JobClient> client, executeAsync(job_name));
  EDDY_RETURN_IF_ERROR(client->waitForCompletion().withContext(
      fmt::format("Job '{}' failed", job_name)));
  return client->getJobExecutionResult();
}

}  // namespace eddy
