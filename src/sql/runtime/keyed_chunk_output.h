#pragma once

#include <memory>
#include <string>
#include <vector>

#include "eddy/api/stream_execution_environment.h"
#include "eddy/runtime/channel_writer.h"
#include "eddy/runtime/output.h"
#include "sql/runtime/row_chunk.h"
#include "sql/runtime/row_selector.h"

namespace eddy::sql {

// The network output of a hash Exchange (Flink's KeyGroupStreamPartitioner over RowData):
// splits every chunk row-wise into one chunk per target subtask, by the key group of the
// row's encoded key fields; a chunk whose rows all go to one subtask is passed on whole.
// Each chunk sent carries its rows' key groups (ChunkKeyGroups) for the keyed operator; to
// a single channel only when the operator takes them (else nothing needs computing).
// An empty key list sends everything to subtask 0 (Flink's single distribution). Pending
// chunks per channel are pushed when a watermark passes or the task flushes.
class KeyedChunkOutput final : public runtime::Output<RowChunk> {
 public:
  KeyedChunkOutput(std::vector<runtime::ChannelWriter*> channels, int max_parallelism, std::vector<int> key_fields,
                   std::shared_ptr<const RowSelector> selector, bool consumer_takes_key_groups = false);

  void emitBatch(runtime::RecordBatch<RowChunk>& batch) override;
  void emitWatermark(int64_t watermark) override;
  void emitWatermarkStatus(bool idle) override;
  void flush() override;

 private:
  void append(int channel, RowChunk chunk);
  // The key groups of the chunk's rows, into key_groups_.
  void computeKeyGroups(const types::ColumnBatch& rows);
  // What the chunk of the rows at `selected` (all when null) carries: their key groups when
  // the consumer takes them.
  std::shared_ptr<const ChunkKeyGroups> keyGroupsOf(const std::vector<int32_t>* selected) const;
  void push(int channel);

  std::vector<runtime::ChannelWriter*> channels_;
  int max_parallelism_;
  std::vector<int> key_fields_;
  std::shared_ptr<const RowSelector> selector_;
  bool consumer_takes_key_groups_;
  std::vector<std::unique_ptr<runtime::RecordBatch<RowChunk>>> pending_;
  // Reused per chunk.
  std::string key_;
  std::vector<int> key_groups_;
  std::vector<std::vector<int32_t>> rows_per_channel_;
};

// The factory DataStream::transform takes for a hash exchange on `key_fields` of rows of
// `row_type`; `consumer_takes_key_groups` as KeyedChunkOutput's.
StreamExecutionEnvironment::NetworkOutputFactory keyedChunkExchange(std::vector<int> key_fields,
                                                                    const types::LogicalType& row_type,
                                                                    bool consumer_takes_key_groups = false);

}  // namespace eddy::sql
