#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "eddy/runtime/channel_writer.h"
#include "eddy/runtime/output.h"

namespace eddy::runtime {

// Sends an operator's records to the channels of the next task, as Flink's RecordWriter:
// each record goes to the channel its Partitioner picks, into a pending batch per channel;
// a full batch is pushed at once, the rest when the task flushes (it ran out of input) or a
// watermark or the end of input passes. Broadcast sends every batch to every channel.
template <typename T, typename Partitioner>
class RecordWriterOutput final : public Output<T> {
 public:
  RecordWriterOutput(std::vector<ChannelWriter*> channels, Partitioner partitioner, bool broadcast = false)
      : channels_(std::move(channels)), partitioner_(std::move(partitioner)), broadcast_(broadcast) {
    pending_.resize(channels_.size());
  }

  ~RecordWriterOutput() override = default;

  void emitBatch(RecordBatch<T>& batch) override {
    const int n = static_cast<int>(channels_.size());
    if (broadcast_) {
      for (int c = 0; c < n; ++c) appendRange(c, batch, 0, batch.size());
      return;
    }
    if (n == 1) {
      appendRange(0, batch, 0, batch.size());
      return;
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      int c = partitioner_.selectChannel(batch.values[i], n);
      RecordBatch<T>& target = pendingFor(c);
      target.add(batch.values[i], batch.timestamps[i]);
      if (target.size() >= kDefaultBatchSize) pushPending(c);
    }
  }

  void emitWatermark(int64_t watermark) override {
    flush();
    for (ChannelWriter* channel : channels_) {
      ChannelElement element;
      element.kind = ChannelElement::Kind::kWatermark;
      element.watermark = watermark;
      channel->push(std::move(element));
    }
  }

  void emitWatermarkStatus(bool idle) override {
    flush();
    for (ChannelWriter* channel : channels_) {
      ChannelElement element;
      element.kind = idle ? ChannelElement::Kind::kIdle : ChannelElement::Kind::kActive;
      channel->push(std::move(element));
    }
  }

  void flush() override {
    for (size_t c = 0; c < channels_.size(); ++c) {
      if (pending_[c] && !pending_[c]->empty()) pushPending(static_cast<int>(c));
    }
  }

 private:
  RecordBatch<T>& pendingFor(int c) {
    if (!pending_[c]) pending_[c] = std::make_unique<RecordBatch<T>>(kDefaultBatchSize);
    return *pending_[c];
  }

  void appendRange(int c, const RecordBatch<T>& batch, size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      RecordBatch<T>& target = pendingFor(c);
      target.add(batch.values[i], batch.timestamps[i]);
      if (target.size() >= kDefaultBatchSize) pushPending(c);
    }
  }

  void pushPending(int c) {
    ChannelElement element;
    element.kind = ChannelElement::Kind::kBatch;
    element.batch = std::move(pending_[c]);
    channels_[c]->push(std::move(element));
  }

  std::vector<ChannelWriter*> channels_;
  Partitioner partitioner_;
  bool broadcast_;
  std::vector<std::unique_ptr<RecordBatch<T>>> pending_;
};

}  // namespace eddy::runtime
