#pragma once

#include <cstdint>
#include <memory>

#include "eddy/runtime/record_batch.h"

namespace eddy::runtime {

// One element travelling through a channel between two tasks: a batch of records, or an
// event that travels between batches in order with them (a checkpoint barrier carries the
// checkpoint's id and timestamp, and whether it is a savepoint's: savepoints are always
// taken in the canonical format, as Flink's CheckpointBarrier carries its CheckpointOptions).
struct ChannelElement {
  enum class Kind : uint8_t { kBatch, kWatermark, kIdle, kActive, kEndOfPartition, kBarrier };
  Kind kind = Kind::kBatch;
  int64_t watermark = kMinWatermark;
  int64_t checkpoint_id = 0;
  int64_t checkpoint_timestamp = 0;
  bool is_savepoint = false;
  std::unique_ptr<BatchBase> batch;
};

// The sending end of a bounded channel from one subtask to one subtask of the next task.
// push() blocks while the channel is full (backpressure); it never drops and never grows.
// Used by exactly one producer thread.
class ChannelWriter {
 public:
  virtual ~ChannelWriter() = default;
  virtual void push(ChannelElement element) = 0;
};

}  // namespace eddy::runtime
