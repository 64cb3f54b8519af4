#pragma once

#include <memory>

#include "eddy/common/result.h"
#include "eddy/runtime/job_client.h"
#include "eddy/runtime/stream_graph.h"

namespace eddy::runtime {

// Runs a job in this process, as Flink's MiniCluster: chains the graph, creates a task
// per parallel instance of each chain with a thread each, connects them with bounded
// channels, and starts them. The first failing task cancels the others. A failed job is
// restarted from its latest checkpoint as its restart strategy allows.
Result<std::unique_ptr<JobClient>> executeLocally(StreamGraph graph);

// Hands a started job to the calling thread's JobListener, if one is set (see
// job_listener.h); returns the caller's handle on it.
Result<std::unique_ptr<JobClient>> notifyJobListener(std::unique_ptr<JobClient> client, const StreamGraph& graph);

// One attempt of a job, without restarts, under the given job id (kept across restarts).
Result<std::unique_ptr<JobClient>> executeAttempt(StreamGraph graph, const std::string& job_id);

}  // namespace eddy::runtime
