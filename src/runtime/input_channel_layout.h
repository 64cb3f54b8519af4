#pragma once

#include <vector>

#include "eddy/runtime/partitioners.h"

namespace eddy::runtime {

// How the network channels of a job edge connect its producer and consumer subtasks, and how
// a consumer subtask numbers its input channels. The executor wires channels by it, and
// restoring an unaligned checkpoint finds by it which edge and producer a persisted channel
// index stood for. Stateless.

// Whether producer `i` of `producers` feeds consumer `j` of `consumers` (Flink's pointwise
// pattern for forward and rescale; all-to-all otherwise).
bool connected(PartitionerKind kind, int i, int producers, int j, int consumers);

// An input edge of a task as its channels are laid out: its partitioner and the parallelism
// of its producer.
struct InputEdgeShape {
  PartitionerKind partitioner = PartitionerKind::kForward;
  int producers = 1;
};

// One input channel of a consumer subtask: the input edge (index into the task's edges) and
// the producer subtask it comes from.
struct InputChannelSource {
  int edge = 0;
  int producer = 0;

  friend bool operator==(const InputChannelSource&, const InputChannelSource&) = default;
};

// The input channels of subtask `consumer` of `consumers`, by channel index: per edge in
// order, per connected producer in order (the order the executor adds them in).
std::vector<InputChannelSource> inputChannelsOf(const std::vector<InputEdgeShape>& edges, int consumer, int consumers);

}  // namespace eddy::runtime
