// Priority barriers on LocalChannel and the collection, serialization and replay order of
// an unaligned checkpoint's in-flight data.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

#include "eddy/runtime/batch_serializer.h"
#include "runtime/channel_state_serializer.h"
#include "runtime/channel_state_writer.h"
#include "runtime/local_channel.h"

namespace eddy::runtime {
namespace {

using Record = std::pair<int64_t, int64_t>;

ChannelElement batchOf(std::vector<Record> records) {
  auto batch = std::make_unique<RecordBatch<Record>>();
  for (const Record& r : records) batch->add(r, r.first * 10);
  ChannelElement element;
  element.batch = std::move(batch);
  return element;
}

ChannelElement watermarkOf(int64_t watermark) {
  ChannelElement element;
  element.kind = ChannelElement::Kind::kWatermark;
  element.watermark = watermark;
  return element;
}

// The records and timestamps of a batch element, or {watermark, -1} for a watermark.
std::vector<std::pair<Record, int64_t>> contents(const ChannelElement& element) {
  if (element.kind == ChannelElement::Kind::kWatermark) return {{{element.watermark, -1}, -1}};
  const auto& batch = static_cast<const RecordBatch<Record>&>(*element.batch);
  std::vector<std::pair<Record, int64_t>> out;
  for (size_t i = 0; i < batch.size(); ++i) out.emplace_back(batch.values[i], batch.timestamps[i]);
  return out;
}

struct Fixture {
  TaskWakeup consumer;
  TaskWakeup producer;
  std::atomic<bool> cancelled{false};
  LocalChannel channel{2, &consumer, &producer, &cancelled};
};

TEST(LocalChannelTest, APriorityBarrierOvertakesQueuedElementsAndKnowsItsPosition) {
  Fixture f;
  f.channel.push(batchOf({{1, 1}}));
  f.channel.push(watermarkOf(5));
  f.channel.postPriorityBarrier(7, 1234);
  f.channel.setHeadroom(true);
  f.channel.push(batchOf({{2, 2}}));  // after the barrier, past the capacity of 2
  f.channel.setHeadroom(false);

  ChannelElement element;
  // Nothing is read before the barrier is taken.
  EXPECT_FALSE(f.channel.pollBeforePriorityBarrier(element));
  auto barrier = f.channel.takePriorityBarrier();
  ASSERT_TRUE(barrier.has_value());
  EXPECT_EQ(barrier->checkpoint_id, 7);
  EXPECT_EQ(barrier->timestamp, 1234);
  EXPECT_EQ(barrier->position, 2u);
  EXPECT_FALSE(f.channel.takePriorityBarrier().has_value());
  // The overtaken elements are still queued, in order, and readable in place.
  EXPECT_EQ(f.channel.readPosition(), 0u);
  EXPECT_EQ(f.channel.writePosition(), 3u);
  EXPECT_EQ(contents(f.channel.elementAt(1)), (std::vector<std::pair<Record, int64_t>>{{{5, -1}, -1}}));
  ASSERT_TRUE(f.channel.pollBeforePriorityBarrier(element));
  EXPECT_EQ(contents(element), (std::vector<std::pair<Record, int64_t>>{{{1, 1}, 10}}));
}

TEST(LocalChannelTest, WithoutHeadroomAFullChannelBlocksItsProducer) {
  Fixture f;
  f.channel.push(batchOf({{1, 1}}));
  f.channel.push(batchOf({{2, 2}}));
  std::atomic<bool> pushed{false};
  std::thread producer([&] {
    f.channel.push(batchOf({{3, 3}}));
    pushed = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(pushed.load());
  ChannelElement element;
  ASSERT_TRUE(f.channel.poll(element));
  producer.join();
  EXPECT_TRUE(pushed.load());
}

TEST(ChannelStateTest, InFlightDataIsWhatWasDeliveredBeforeTheBarrierThenWhatIsQueuedBeforeIt) {
  Fixture f;
  RecordBatchSerializer<Record> serializer;
  // Channel 0: its barrier overtook two queued elements; one more follows the barrier.
  f.channel.push(batchOf({{1, 1}, {2, 2}}));
  f.channel.push(watermarkOf(9));
  f.channel.postPriorityBarrier(3, 0);
  f.channel.setHeadroom(true);
  f.channel.push(batchOf({{4, 4}}));
  f.channel.setHeadroom(false);

  ChannelStateWriter writer(3, {{0, &serializer}, {1, &serializer}, {1, &serializer}});
  // Channel 1 delivers a batch before its barrier is known; channel 2 ended.
  ASSERT_TRUE(writer.recording(1));
  writer.addDelivered(1, batchOf({{7, 7}}));
  writer.channelDone(2);
  EXPECT_FALSE(writer.complete());
  auto barrier = f.channel.takePriorityBarrier();
  ASSERT_TRUE(barrier.has_value());
  writer.barrierReached(0, f.channel, barrier->position);
  EXPECT_FALSE(writer.recording(0));
  writer.channelDone(1);
  ASSERT_TRUE(writer.complete());
  EXPECT_GT(writer.persistedBytes(), 0);

  std::vector<InputChannelState> state = writer.takeState();
  ASSERT_EQ(state.size(), 2u);
  EXPECT_EQ(state[0].input, 0);
  EXPECT_EQ(state[0].channel, 0);
  EXPECT_EQ(state[1].input, 1);
  EXPECT_EQ(state[1].channel, 1);
  auto first = readChannelElements(state[0].data, serializer);
  ASSERT_TRUE(first.ok()) << first.status().toString();
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ(contents((*first)[0]), (std::vector<std::pair<Record, int64_t>>{{{1, 1}, 10}, {{2, 2}, 20}}));
  EXPECT_EQ(contents((*first)[1]), (std::vector<std::pair<Record, int64_t>>{{{9, -1}, -1}}));
  auto second = readChannelElements(state[1].data, serializer);
  ASSERT_TRUE(second.ok()) << second.status().toString();
  ASSERT_EQ(second->size(), 1u);
  EXPECT_EQ(contents((*second)[0]), (std::vector<std::pair<Record, int64_t>>{{{7, 7}, 70}}));
}

TEST(ChannelStateTest, BarriersAreNotInFlightDataAndGarbledBytesAreCorruption) {
  RecordBatchSerializer<Record> serializer;
  types::DataOutputSerializer out;
  ChannelElement barrier;
  barrier.kind = ChannelElement::Kind::kBarrier;
  EXPECT_FALSE(writeChannelElement(barrier, serializer, out));
  EXPECT_EQ(out.length(), 0u);
  EXPECT_EQ(readChannelElements(std::string("\x05", 1), serializer).status(),
            Corruption("unknown element kind 5 in channel state"));
  ASSERT_TRUE(writeChannelElement(batchOf({{1, 2}}), serializer, out));
  EXPECT_EQ(readChannelElements(out.data().substr(0, out.length() - 1), serializer).status().code(),
            StatusCode::kCorruption);
}

TEST(BatchSerializerTest, TypesWithoutATypeSerializerHaveNone) {
  struct Opaque {
    int x = 0;
  };
  EXPECT_EQ(makeBatchSerializer<Opaque>(), nullptr);
  EXPECT_NE(makeBatchSerializer<Record>(), nullptr);
}

}  // namespace
}  // namespace eddy::runtime
