#pragma once

#include <vector>

#include "eddy/common/result.h"
#include "eddy/runtime/checkpoint.h"
#include "eddy/runtime/stream_graph.h"
#include "runtime/job_graph.h"

namespace eddy::runtime {

// Restoring the in-flight data of an unaligned checkpoint: the channel state of each task's
// head operator goes to the subtasks that must replay it, redistributed by the task's input
// edges when it or its producers run at another parallelism than when the checkpoint was
// taken (channel_state_redistribution.h).

// NotSupported naming the checkpoint when an operator holding in-flight data no longer reads
// network channels (the new graph chains it to its input).
Status checkChannelStateRestorable(const CompletedCheckpoint& checkpoint, const StreamGraph& graph,
                                   const JobGraph& job);

// The in-flight data each subtask of `vertex` replays, by subtask. NotSupported naming the
// checkpoint and the edge when the checkpoint does not tell how an edge's channels were laid
// out; InvalidArgument when the task's inputs changed.
Result<std::vector<std::vector<InputChannelState>>> restoredChannelState(const CompletedCheckpoint& checkpoint,
                                                                         const StreamGraph& graph, const JobGraph& job,
                                                                         const JobVertex& vertex);

}  // namespace eddy::runtime
