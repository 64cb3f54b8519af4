#include "runtime/input_channel_layout.h"

namespace eddy::runtime {

bool connected(PartitionerKind kind, int i, int producers, int j, int consumers) {
  if (kind != PartitionerKind::kForward && kind != PartitionerKind::kRescale) return true;
  if (producers >= consumers) return j * producers / consumers <= i && i < (j + 1) * producers / consumers;
  const int start = (i * consumers + producers - 1) / producers;
  const int end = ((i + 1) * consumers + producers - 1) / producers;
  return start <= j && j < end;
}

std::vector<InputChannelSource> inputChannelsOf(const std::vector<InputEdgeShape>& edges, int consumer, int consumers) {
  std::vector<InputChannelSource> channels;
  for (size_t e = 0; e < edges.size(); ++e) {
    for (int i = 0; i < edges[e].producers; ++i) {
      if (connected(edges[e].partitioner, i, edges[e].producers, consumer, consumers)) {
        channels.push_back(InputChannelSource{static_cast<int>(e), i});
      }
    }
  }
  return channels;
}

}  // namespace eddy::runtime
