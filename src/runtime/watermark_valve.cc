#include "runtime/watermark_valve.h"

#include <algorithm>

namespace eddy::runtime {

WatermarkValve::WatermarkValve(int num_channels) : channels_(num_channels) {}

std::optional<int64_t> WatermarkValve::advance() {
  int64_t min = kMaxWatermark;
  bool any = false;
  for (const ChannelState& c : channels_) {
    if (c.aligned && !c.idle) {
      min = std::min(min, c.watermark);
      any = true;
    }
  }
  if (any && min > last_output_) {
    last_output_ = min;
    return min;
  }
  return std::nullopt;
}

bool WatermarkValve::allIdle() const {
  return std::all_of(channels_.begin(), channels_.end(), [](const ChannelState& c) { return c.idle || !c.aligned; });
}

WatermarkValve::Update WatermarkValve::inputWatermark(int channel, int64_t watermark) {
  Update update;
  ChannelState& c = channels_[channel];
  if (c.idle) {
    c.idle = false;
    if (idle_) {
      idle_ = false;
      update.idle = false;
    }
  }
  if (watermark > c.watermark) {
    c.watermark = watermark;
    // A channel that fell behind the output while idle rejoins once it catches up.
    if (!c.aligned && watermark >= last_output_) c.aligned = true;
    update.watermark = advance();
  }
  return update;
}

WatermarkValve::Update WatermarkValve::inputIdle(int channel) {
  Update update;
  ChannelState& c = channels_[channel];
  if (c.idle) return update;
  c.idle = true;
  if (allIdle()) {
    // As Flink's StatusWatermarkValve: once every channel is idle none will advance, so the
    // watermarks are flushed: the maximum over all channels becomes the output (if the
    // channel that just went idle was the one holding the output back).
    if (c.watermark == last_output_) update.watermark = flushMaximum();
    if (!idle_) {
      idle_ = true;
      update.idle = true;
    }
  } else {
    update.watermark = advance();
  }
  return update;
}

std::optional<int64_t> WatermarkValve::flushMaximum() {
  int64_t max = kMinWatermark;
  for (const ChannelState& channel : channels_) max = std::max(max, channel.watermark);
  if (max <= last_output_) return std::nullopt;
  last_output_ = max;
  return max;
}

WatermarkValve::Update WatermarkValve::inputActive(int channel) {
  Update update;
  ChannelState& c = channels_[channel];
  if (!c.idle) return update;
  c.idle = false;
  // Flink: a channel that resumes behind the current output does not pull it back.
  c.aligned = c.watermark >= last_output_;
  if (idle_) {
    idle_ = false;
    update.idle = false;
  }
  return update;
}

WatermarkValve::Update WatermarkValve::channelFinished(int channel) {
  return inputWatermark(channel, kMaxWatermark);
}

}  // namespace eddy::runtime
