#include "runtime/channel_state_writer.h"

#include <utility>

#include "eddy/common/check.h"
#include "runtime/channel_state_serializer.h"

namespace eddy::runtime {

ChannelStateWriter::ChannelStateWriter(int64_t checkpoint_id, std::vector<Channel> channels)
    : checkpoint_id_(checkpoint_id),
      channels_(std::move(channels)),
      data_(channels_.size()),
      done_(channels_.size(), false),
      remaining_(channels_.size()) {}

void ChannelStateWriter::addDelivered(size_t channel, const ChannelElement& element) {
  writeChannelElement(element, *channels_[channel].serializer, data_[channel]);
}

void ChannelStateWriter::barrierReached(size_t channel, const LocalChannel& queue, size_t position) {
  if (done_[channel]) return;
  for (size_t p = queue.readPosition(); p < position; ++p) {
    writeChannelElement(queue.elementAt(p), *channels_[channel].serializer, data_[channel]);
  }
  channelDone(channel);
}

void ChannelStateWriter::channelDone(size_t channel) {
  if (done_[channel]) return;
  done_[channel] = true;
  --remaining_;
}

int64_t ChannelStateWriter::persistedBytes() const {
  int64_t bytes = 0;
  for (const types::DataOutputSerializer& data : data_) bytes += static_cast<int64_t>(data.length());
  return bytes;
}

std::vector<InputChannelState> ChannelStateWriter::takeState() {
  EDDY_CHECK(complete());
  std::vector<InputChannelState> state;
  for (size_t c = 0; c < channels_.size(); ++c) {
    if (data_[c].length() == 0) continue;
    state.push_back(InputChannelState{channels_[c].input, static_cast<int>(c), data_[c].buffer()});
  }
  return state;
}

}  // namespace eddy::runtime
