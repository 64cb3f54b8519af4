#pragma once

#include <map>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/runtime/checkpoint.h"

namespace eddy::runtime {

// Restoring the in-flight data of an unaligned checkpoint. A channel's data belongs to the
// consumer subtask and channel index that persisted it, so it restores only onto the same
// topology: a checkpoint holding channel state cannot be restored at another parallelism
// (Flink rescales channel state; savepoints, being aligned, always rescale here too).

// InvalidArgument naming the checkpoint when it holds in-flight data and an operator of
// `parallelism_by_uid` (the new job's) runs at another parallelism than it recorded.
Status checkChannelStateRestorable(const CompletedCheckpoint& checkpoint,
                                   const std::map<std::string, int>& parallelism_by_uid);

// The in-flight data that subtask `subtask` of the task whose head operator is `head_uid`
// replays.
std::vector<InputChannelState> restoredChannelState(const CompletedCheckpoint& checkpoint, const std::string& head_uid,
                                                    int subtask);

}  // namespace eddy::runtime
