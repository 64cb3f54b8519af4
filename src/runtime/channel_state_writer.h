#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "eddy/runtime/batch_serializer.h"
#include "eddy/runtime/checkpoint.h"
#include "eddy/types/data_output_serializer.h"
#include "runtime/local_channel.h"

namespace eddy::runtime {

// Collects the in-flight data of one unaligned checkpoint on a task's input channels
// (Flink's ChannelStateWriter, fed as Flink's unaligned barrier handling does). From the
// moment the task took its snapshot, each channel's data counts until that channel's
// barrier: what is still queued before a barrier that overtook it is copied at once, and
// what a channel delivers before its barrier is known is copied as the task reads it.
// The checkpoint's channel state is complete once every channel reached its barrier or
// ended. Used by the task thread only.
class ChannelStateWriter {
 public:
  // One per input channel of the task: its input (0 or 1) and how its batches serialize.
  struct Channel {
    int input = 0;
    const BatchSerializer* serializer = nullptr;
  };

  ChannelStateWriter(int64_t checkpoint_id, std::vector<Channel> channels);

  int64_t checkpointId() const { return checkpoint_id_; }
  // Whether what `channel` delivers now is in-flight data of this checkpoint.
  bool recording(size_t channel) const { return !done_[channel]; }
  // `channel` delivered `element` while recording.
  void addDelivered(size_t channel, const ChannelElement& element);
  // The barrier of `channel` sits at `position`: the queued elements before it are copied
  // and the channel is complete.
  void barrierReached(size_t channel, const LocalChannel& queue, size_t position);
  // The channel has nothing more before its barrier (it delivered the barrier in order, or
  // ended, or the snapshot was taken after its barrier).
  void channelDone(size_t channel);
  bool complete() const { return remaining_ == 0; }
  // The bytes collected so far (Flink's persisted in-flight data).
  int64_t persistedBytes() const;
  // The channels' data; REQUIRES: complete(). Channels without data are left out.
  std::vector<InputChannelState> takeState();

 private:
  int64_t checkpoint_id_;
  std::vector<Channel> channels_;
  std::vector<types::DataOutputSerializer> data_;
  std::vector<bool> done_;
  size_t remaining_;
};

}  // namespace eddy::runtime
