#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "eddy/runtime/record_batch.h"

namespace eddy::runtime {

// Combines the watermarks of one input's channels, as Flink's StatusWatermarkValve: the
// input's watermark is the minimum over its active channels; an idle channel does not hold
// it back; when every channel is idle the input is idle. Each method returns what, if
// anything, the task must pass downstream. Used by one task thread.
class WatermarkValve {
 public:
  explicit WatermarkValve(int num_channels);

  struct Update {
    std::optional<int64_t> watermark;   // a new, higher combined watermark
    std::optional<bool> idle;           // the input became idle (true) or active again (false)
  };

  Update inputWatermark(int channel, int64_t watermark);
  Update inputIdle(int channel);
  Update inputActive(int channel);
  // A finished channel no longer holds the watermark back.
  Update channelFinished(int channel);

 private:
  struct ChannelState {
    int64_t watermark = kMinWatermark;
    bool idle = false;
    bool aligned = true;  // takes part in the minimum
  };

  std::optional<int64_t> advance();
  std::optional<int64_t> flushMaximum();
  bool allIdle() const;

  std::vector<ChannelState> channels_;
  int64_t last_output_ = kMinWatermark;
  bool idle_ = false;
};

}  // namespace eddy::runtime
