#pragma once

#include <vector>

#include "eddy/common/result.h"
#include "eddy/runtime/checkpoint.h"
#include "eddy/runtime/stream_graph.h"
#include "runtime/input_channel_layout.h"

namespace eddy::runtime {

// Deals the in-flight data that one task's input channels hold in an unaligned checkpoint to
// the task's subtasks when it or its producers run at another parallelism (Flink's
// StateAssignmentOperation#reDistributeInputChannelStates with the partitioners'
// SubtaskStateMappers, and the record filter of its DemultiplexingRecordDeserializer):
//  - an edge whose ends kept their parallelism and partitioner keeps each channel's data as
//    it is, watermarks included, on the channel from the same producer;
//  - a keyed (hash) or global edge routes every record through the edge's network output at
//    the new parallelism, to the subtask owning its key group (Flink's RANGE mapping, whose
//    record filter drops the records of other key groups);
//  - forward, rescale, rebalance and shuffle edges give each old channel's data whole to one
//    new subtask, round robin over the old channels (Flink's ROUND_ROBIN; a forward edge
//    whose ends change parallelism becomes rebalance in the new graph);
//  - a broadcast edge gives new subtask j a copy of old subtask (j mod old parallelism)'s
//    data, as broadcast state is restored.
// Each record goes to exactly one new subtask (broadcast: once to each), and the records of
// one old channel keep their order, so a key's records do. A rescaled edge replays records
// only: a watermark or idleness held for the channel of one producer, which the new channels
// no longer are, and the producers send theirs again after the restore; leaving one out only
// delays event time (Flink instead replays the lowest watermark of the merged channels).

// One input edge of the task, in the order of its input channels.
struct ChannelStateInputEdge {
  // The edge now: target input, partitioner, batch_serializer, make_network_output, emit_batch.
  const StreamEdge* edge = nullptr;
  // Its channels when the checkpoint was taken, and now.
  InputEdgeShape before;
  InputEdgeShape now;
};

// The task's inputs and parallelism now. `max_parallelism` is the task's (key groups).
struct ChannelStateRescaling {
  std::vector<ChannelStateInputEdge> edges;
  int parallelism = 1;
  int max_parallelism = 128;
};

// The in-flight data each new subtask replays, by subtask, from the checkpointed state of
// the task's head operator (`old.parallelism` subtasks). InvalidArgument when a persisted
// channel does not fit the inputs (they changed); Corruption when its data is garbled.
Result<std::vector<std::vector<InputChannelState>>> redistributeInputChannelState(
    const OperatorState& old, const ChannelStateRescaling& rescaling);

}  // namespace eddy::runtime
