#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "api/tests/test_events.h"
#include "eddy/datastream.h"

namespace eddy {
namespace {

using testing::CountAgg;
using testing::countPerWindow;
using testing::Event;
using testing::WindowCount;

// Two readers: the first emits `events` and then waits for more forever; the second never
// emits anything (a partition without data). Neither ends.
class OneSilentReaderSource final : public Source<Event> {
 public:
  explicit OneSilentReaderSource(std::vector<Event> events) : events_(std::move(events)) {}
  Boundedness getBoundedness() const override { return Boundedness::kContinuousUnbounded; }
  std::unique_ptr<SourceReader<Event>> createReader(const SourceReaderContext& context) override {
    return std::make_unique<Reader>(context.subtask_index == 0 ? events_ : std::vector<Event>{});
  }

 private:
  class Reader final : public SourceReader<Event> {
   public:
    explicit Reader(std::vector<Event> events) : events_(std::move(events)) {}
    InputStatus pollNext(runtime::RecordBatch<Event>& out) override {
      if (next_ < events_.size()) {
        out.add(events_[next_++], runtime::kNoTimestamp);
        return InputStatus::kMoreAvailable;
      }
      return InputStatus::kNothingAvailable;
    }

   private:
    std::vector<Event> events_;
    size_t next_ = 0;
  };
  std::vector<Event> events_;
};

// Runs the windowed job for `run_for` and returns what the window emitted.
std::vector<WindowCount> runFor(std::chrono::milliseconds run_for, bool with_idleness) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
  env->setAutoWatermarkInterval(10);
  auto strategy = WatermarkStrategy<Event>::forBoundedOutOfOrderness(std::chrono::milliseconds(0))
                      .withTimestampAssigner([](const Event& e, int64_t) { return e.ts; });
  if (with_idleness) strategy = strategy.withIdleness(std::chrono::milliseconds(50));
  auto source = std::make_shared<OneSilentReaderSource>(std::vector<Event>{{"a", 1000}, {"a", 2000}, {"a", 12000}});
  auto records = std::make_shared<connectors::CollectedRecords<WindowCount>>();
  env->fromSource<Event>(source, strategy, "events")
      .setParallelism(2)
      .keyBy([](const Event& e) { return e.key; })
      .window(windowing::TumblingEventTimeWindows::of(std::chrono::seconds(10)))
      .aggregate(CountAgg{}, countPerWindow)
      .setParallelism(1)
      .sinkTo(std::make_shared<connectors::CollectSink<WindowCount>>(records), "Collect");
  auto client = env->executeAsync("idleness");
  EXPECT_TRUE(client.ok());
  auto deadline = std::chrono::steady_clock::now() + run_for;
  while (std::chrono::steady_clock::now() < deadline && records->size() == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  (*client)->cancel();
  (void)(*client)->waitForCompletion();
  return records->values();
}

TEST(IdlenessTest, ASilentPartitionHoldsTheWatermarkBack) {
  EXPECT_TRUE(runFor(std::chrono::milliseconds(400), false).empty());
}

TEST(IdlenessTest, WithIdlenessTheSilentPartitionStopsHoldingItBack) {
  EXPECT_EQ(runFor(std::chrono::seconds(10), true), (std::vector<WindowCount>{{"a", 0, 10000, 2}}));
}

}  // namespace
}  // namespace eddy
