#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "connectors/tests/kafka_test_broker.h"
#include "eddy/connectors/kafka/kafka_source.h"
#include "eddy/connectors/kafka/simple_string_schema.h"
#include "eddy/runtime/source_operator.h"

namespace eddy::connectors::kafka {
namespace {

using testing::KafkaTestBroker;
using testing::TestRecord;

// Processing time that moves only when the test says; timers fire in time order.
class ManualProcessingTime final : public runtime::ProcessingTimeService {
 public:
  int64_t getCurrentProcessingTime() override { return now_; }
  void registerTimer(int64_t time, std::function<void(int64_t)> callback) override {
    timers_.emplace(time, std::move(callback));
  }
  void advanceBy(int64_t ms) {
    const int64_t until = now_ + ms;
    while (!timers_.empty() && timers_.begin()->first <= until) {
      auto timer = timers_.extract(timers_.begin());
      now_ = timer.key();
      timer.mapped()(now_);
    }
    now_ = until;
  }

 private:
  int64_t now_ = 0;
  std::multimap<int64_t, std::function<void(int64_t)>> timers_;
};

// Counts records per 10-second tumbling event-time window and, as Flink's WindowOperator
// does, drops a record whose window already ended by the watermark (window end - 1 <=
// watermark, no allowed lateness).
class TumblingWindowCounts final : public runtime::Output<std::string> {
 public:
  static constexpr int64_t kSize = 10000;

  void emitBatch(runtime::RecordBatch<std::string>& batch) override {
    for (int64_t ts : batch.timestamps) {
      const int64_t start = ts - ts % kSize;
      if (start + kSize - 1 <= watermark) {
        ++dropped_as_late;
      } else {
        ++counts[start];
      }
      ++records;
    }
  }
  void emitWatermark(int64_t w) override { watermark = w; }
  void emitWatermarkStatus(bool) override {}

  std::map<int64_t, int> counts;
  size_t records = 0;
  size_t dropped_as_late = 0;
  int64_t watermark = runtime::kMinWatermark;
};

// Kafka timestamps from here (a timestamp of 0 would mean "now" to the producer).
constexpr int64_t kStart = 1000000;

// One record a second of event time from kStart.
std::vector<TestRecord> secondly(int32_t partition, int count) {
  std::vector<TestRecord> records;
  for (int i = 0; i < count; ++i) {
    records.push_back({partition, fmt::format("p{}-{}", partition, i), kStart + 1000LL * i, ""});
  }
  return records;
}

// Runs the source and the periodic watermark timer (every 10 ms) until `records` arrived.
void runUntil(runtime::SourceOperator<std::string>& source, ManualProcessingTime& time,
              const TumblingWindowCounts& output, size_t records) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (output.records < records && std::chrono::steady_clock::now() < deadline) {
    source.emitNext();
    time.advanceBy(10);
  }
  ASSERT_EQ(output.records, records);
  time.advanceBy(100);
}

TEST(KafkaSourceWatermarksTest, APartitionReadFarAheadMakesNoRecordOfTheOtherLate) {
  const std::string topic = testing::createTopic("source-watermarks", 2);
  ASSERT_TRUE(testing::produce(topic, secondly(0, 100)).ok());
  auto source = KafkaSource<std::string>::builder()
                    .setBootstrapServers(KafkaTestBroker::bootstrapServers())
                    .setTopics({topic})
                    .setStartingOffsets(OffsetsInitializer::earliest())
                    .setValueOnlyDeserializer(SimpleStringSchema())
                    .build();
  ASSERT_TRUE(source.ok()) << source.status().toString();
  runtime::SourceOperator<std::string> op(
      *source, WatermarkStrategy<std::string>::forBoundedOutOfOrderness(std::chrono::seconds(5)), 10);
  ManualProcessingTime time;
  TumblingWindowCounts output;
  op.setup(runtime::OperatorSetup{runtime::OperatorInfo{"Kafka Source", "kafka-source"}, 1, &output, {}, &time});
  op.open();

  // All of partition 0 (100 s of event time) is read while partition 1 is still empty: the
  // empty partition holds the watermark back (one generator for both would pass 100 s).
  runUntil(op, time, output, 100);
  EXPECT_EQ(output.watermark, runtime::kMinWatermark);

  // Partition 1's records, as old as partition 0's, are all counted.
  ASSERT_TRUE(testing::produce(topic, secondly(1, 100)).ok());
  runUntil(op, time, output, 200);
  EXPECT_EQ(output.dropped_as_late, 0u);
  std::map<int64_t, int> expected;
  for (int64_t start = kStart; start < kStart + 100000; start += 10000) expected[start] = 20;
  EXPECT_EQ(output.counts, expected);
  EXPECT_EQ(output.watermark, kStart + 99000 - 5000 - 1);
  op.close();
}

}  // namespace
}  // namespace eddy::connectors::kafka
