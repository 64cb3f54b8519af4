#include "sql/runtime/keyed_chunk_output.h"

#include <utility>

namespace eddy::sql {

namespace {
// Chunks per channel element: a chunk already holds up to kRowChunkSize rows.
constexpr size_t kChunksPerPush = 8;
}  // namespace

KeyedChunkOutput::KeyedChunkOutput(std::vector<runtime::ChannelWriter*> channels, int max_parallelism,
                                   std::vector<int> key_fields, std::shared_ptr<const RowSelector> selector,
                                   bool consumer_takes_key_groups)
    : channels_(std::move(channels)),
      max_parallelism_(max_parallelism),
      key_fields_(std::move(key_fields)),
      selector_(std::move(selector)),
      consumer_takes_key_groups_(consumer_takes_key_groups) {
  pending_.resize(channels_.size());
  rows_per_channel_.resize(channels_.size());
}

void KeyedChunkOutput::emitBatch(runtime::RecordBatch<RowChunk>& batch) {
  const int n = static_cast<int>(channels_.size());
  for (size_t b = 0; b < batch.size(); ++b) {
    const RowChunk& chunk = batch.values[b];
    if (chunk.size() == 0) continue;
    if (key_fields_.empty() || (n == 1 && !consumer_takes_key_groups_)) {
      append(0, RowChunk{chunk.batch});
      continue;
    }
    const types::ColumnBatch& rows = *chunk.batch;
    computeKeyGroups(rows);
    if (n == 1) {
      append(0, RowChunk{chunk.batch, keyGroupsOf(nullptr)});
      continue;
    }
    for (auto& selected : rows_per_channel_) selected.clear();
    for (size_t i = 0; i < rows.size(); ++i) {
      const int channel = state::KeyGroupRangeAssignment::computeOperatorIndexForKeyGroup(max_parallelism_, n, key_groups_[i]);
      rows_per_channel_[channel].push_back(static_cast<int32_t>(i));
    }
    for (int c = 0; c < n; ++c) {
      const std::vector<int32_t>& selected = rows_per_channel_[c];
      if (selected.empty()) continue;
      if (selected.size() == rows.size()) {
        append(c, RowChunk{chunk.batch, keyGroupsOf(nullptr)});
      } else {
        append(c, RowChunk{selector_->select(rows, selected), keyGroupsOf(&selected)});
      }
    }
  }
}

void KeyedChunkOutput::computeKeyGroups(const types::ColumnBatch& rows) {
  key_groups_.resize(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    key_.clear();
    encodeRowKey(rows, key_fields_, i, key_);
    key_groups_[i] = keyGroupOfKey(key_, max_parallelism_);
  }
}

std::shared_ptr<const ChunkKeyGroups> KeyedChunkOutput::keyGroupsOf(const std::vector<int32_t>* selected) const {
  if (!consumer_takes_key_groups_) return nullptr;
  std::vector<int> groups;
  if (selected) {
    groups.reserve(selected->size());
    for (int32_t row : *selected) groups.push_back(key_groups_[static_cast<size_t>(row)]);
  } else {
    groups = key_groups_;
  }
  return std::make_shared<const ChunkKeyGroups>(ChunkKeyGroups{key_fields_, max_parallelism_, std::move(groups)});
}

void KeyedChunkOutput::append(int channel, RowChunk chunk) {
  if (!pending_[channel]) pending_[channel] = std::make_unique<runtime::RecordBatch<RowChunk>>(kChunksPerPush);
  pending_[channel]->add(std::move(chunk), runtime::kNoTimestamp);
  if (pending_[channel]->size() >= kChunksPerPush) push(channel);
}

void KeyedChunkOutput::push(int channel) {
  runtime::ChannelElement element;
  element.kind = runtime::ChannelElement::Kind::kBatch;
  element.batch = std::move(pending_[channel]);
  channels_[channel]->push(std::move(element));
}

void KeyedChunkOutput::flush() {
  for (size_t c = 0; c < channels_.size(); ++c) {
    if (pending_[c] && !pending_[c]->empty()) push(static_cast<int>(c));
  }
}

void KeyedChunkOutput::emitWatermark(int64_t watermark) {
  flush();
  for (runtime::ChannelWriter* channel : channels_) {
    runtime::ChannelElement element;
    element.kind = runtime::ChannelElement::Kind::kWatermark;
    element.watermark = watermark;
    channel->push(std::move(element));
  }
}

void KeyedChunkOutput::emitWatermarkStatus(bool idle) {
  flush();
  for (runtime::ChannelWriter* channel : channels_) {
    runtime::ChannelElement element;
    element.kind = idle ? runtime::ChannelElement::Kind::kIdle : runtime::ChannelElement::Kind::kActive;
    channel->push(std::move(element));
  }
}

StreamExecutionEnvironment::NetworkOutputFactory keyedChunkExchange(std::vector<int> key_fields,
                                                                    const types::LogicalType& row_type,
                                                                    bool consumer_takes_key_groups) {
  auto selector = std::make_shared<const RowSelector>(row_type);
  return [key_fields, selector, consumer_takes_key_groups](std::vector<runtime::ChannelWriter*> channels,
                                                           int max_parallelism) {
    return std::unique_ptr<runtime::OutputBase>(std::make_unique<KeyedChunkOutput>(
        std::move(channels), max_parallelism, key_fields, selector, consumer_takes_key_groups));
  };
}

}  // namespace eddy::sql
