#include "sql/runtime/keyed_chunk_output.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "eddy/runtime/record_batch.h"
#include "eddy/state/key_group_range_assignment.h"
#include "eddy/types/data_types.h"
#include "eddy/types/row.h"
#include "runtime/local_channel.h"
#include "runtime/task_wakeup.h"

namespace eddy::sql {
namespace {

using types::DataTypes;

constexpr int kMaxParallelism = 128;

types::LogicalType rowType() {
  return DataTypes::ROW({DataTypes::FIELD("k", DataTypes::INT()), DataTypes::FIELD("v", DataTypes::STRING())});
}

// Rows (k, "v<k>") for k in [0, n).
std::shared_ptr<const types::ColumnBatch> rows(int n) {
  auto batch = std::make_shared<types::ColumnBatch>(rowType());
  for (int k = 0; k < n; ++k) EXPECT_TRUE(batch->appendRow(types::Row::of(k, "v" + std::to_string(k))).ok());
  return batch;
}

// The chunks pushed into `channel`.
std::vector<RowChunk> chunksIn(runtime::LocalChannel& channel) {
  std::vector<RowChunk> chunks;
  runtime::ChannelElement element;
  while (channel.poll(element)) {
    if (element.kind != runtime::ChannelElement::Kind::kBatch) continue;
    auto& batch = static_cast<runtime::RecordBatch<RowChunk>&>(*element.batch);
    for (size_t b = 0; b < batch.size(); ++b) chunks.push_back(batch.values[b]);
  }
  return chunks;
}

TEST(KeyedChunkOutputTest, ChunksCarryTheKeyGroupsOfTheirRows) {
  for (int parallelism : {1, 3}) {
    runtime::TaskWakeup consumer;
    runtime::TaskWakeup producer;
    std::atomic<bool> cancelled{false};
    std::vector<std::unique_ptr<runtime::LocalChannel>> channels;
    std::vector<runtime::ChannelWriter*> writers;
    for (int c = 0; c < parallelism; ++c) {
      channels.push_back(std::make_unique<runtime::LocalChannel>(4, &consumer, &producer, &cancelled));
      writers.push_back(channels.back().get());
    }
    KeyedChunkOutput output(writers, kMaxParallelism, {0}, std::make_shared<const RowSelector>(rowType()),
                            /*consumer_takes_key_groups=*/true);
    runtime::RecordBatch<RowChunk> batch(1);
    batch.add(RowChunk{rows(100)}, runtime::kNoTimestamp);
    output.emitBatch(batch);
    output.flush();

    size_t routed = 0;
    for (int c = 0; c < parallelism; ++c) {
      for (const RowChunk& chunk : chunksIn(*channels[static_cast<size_t>(c)])) {
        const std::vector<int>* groups = ChunkKeyGroups::of(chunk, {0}, kMaxParallelism);
        ASSERT_NE(groups, nullptr) << "parallelism " << parallelism;
        for (size_t i = 0; i < chunk.size(); ++i) {
          std::string key;
          encodeRowKey(*chunk.batch, {0}, i, key);
          EXPECT_EQ((*groups)[i], keyGroupOfKey(key, kMaxParallelism));
          EXPECT_EQ(state::KeyGroupRangeAssignment::computeOperatorIndexForKeyGroup(kMaxParallelism, parallelism,
                                                                                    (*groups)[i]),
                    c);
        }
        // Not for another operator's keys or max parallelism.
        EXPECT_EQ(ChunkKeyGroups::of(chunk, {1}, kMaxParallelism), nullptr);
        EXPECT_EQ(ChunkKeyGroups::of(chunk, {0}, 2 * kMaxParallelism), nullptr);
        routed += chunk.size();
      }
    }
    EXPECT_EQ(routed, 100u) << "parallelism " << parallelism;
  }
}

TEST(KeyedChunkOutputTest, ASingleDistributionSendsNoKeyGroups) {
  runtime::TaskWakeup consumer;
  runtime::TaskWakeup producer;
  std::atomic<bool> cancelled{false};
  runtime::LocalChannel channel(4, &consumer, &producer, &cancelled);
  KeyedChunkOutput output({&channel}, kMaxParallelism, {}, std::make_shared<const RowSelector>(rowType()));
  runtime::RecordBatch<RowChunk> batch(1);
  batch.add(RowChunk{rows(3)}, runtime::kNoTimestamp);
  output.emitBatch(batch);
  output.flush();
  const std::vector<RowChunk> chunks = chunksIn(channel);
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0].size(), 3u);
  EXPECT_EQ(chunks[0].key_groups, nullptr);
}

}  // namespace
}  // namespace eddy::sql
