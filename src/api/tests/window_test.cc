#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "eddy/datastream.h"
#include "api/tests/test_events.h"

namespace eddy {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

using testing::Event;
using testing::punctuated;
using testing::sorted;

using testing::CountAgg;
using testing::countPerWindow;
using testing::WindowCount;

TEST(WindowTest, OutOfOrderEventsWithinBoundLandInTheirTumblingWindows) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  std::vector<Event> input = {{"a", 1000}, {"a", 3000}, {"a", 2000}, {"b", 4500}, {"a", 6000}, {"a", 4999}, {"a", 11000}};
  auto source = std::make_shared<connectors::CollectionSource<Event>>(input);
  auto result = env->fromSource<Event>(source, punctuated(5000), "events")
                    .keyBy([](const Event& e) { return e.key; })
                    .window(windowing::TumblingEventTimeWindows::of(seconds(5)))
                    .aggregate(CountAgg{}, countPerWindow)
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(sorted(*result), (std::vector<WindowCount>{
                                 {"a", 0, 5000, 4}, {"a", 5000, 10000, 1}, {"a", 10000, 15000, 1}, {"b", 0, 5000, 1}}));
}

TEST(WindowTest, RecordsPastWatermarkGoToLateSideOutput) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  std::vector<Event> input = {{"a", 1000}, {"a", 7000}, {"a", 2000}, {"a", 8000}};
  auto source = std::make_shared<connectors::CollectionSource<Event>>(input);
  OutputTag<Event> late("late");
  auto counts = env->fromSource<Event>(source, punctuated(0), "events")
                    .keyBy([](const Event& e) { return e.key; })
                    .window(windowing::TumblingEventTimeWindows::of(seconds(5)))
                    .sideOutputLateData(late)
                    .aggregate(CountAgg{}, countPerWindow);
  auto late_records = std::make_shared<connectors::CollectedRecords<Event>>();
  counts.getSideOutput(late).sinkTo(std::make_shared<connectors::CollectSink<Event>>(late_records));
  auto result = counts.executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(sorted(*result), (std::vector<WindowCount>{{"a", 0, 5000, 1}, {"a", 5000, 10000, 2}}));
  auto late_values = late_records->values();
  ASSERT_EQ(late_values.size(), 1u);
  EXPECT_EQ(late_values[0].ts, 2000);
}

TEST(WindowTest, AllowedLatenessFiresAgainForLateRecords) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  std::vector<Event> input = {{"a", 1000}, {"a", 7000}, {"a", 2000}, {"a", 9000}, {"a", 3000}};
  auto source = std::make_shared<connectors::CollectionSource<Event>>(input);
  OutputTag<Event> late("late");
  auto counts = env->fromSource<Event>(source, punctuated(0), "events")
                    .keyBy([](const Event& e) { return e.key; })
                    .window(windowing::TumblingEventTimeWindows::of(seconds(5)))
                    .allowedLateness(seconds(3))
                    .sideOutputLateData(late)
                    .aggregate(CountAgg{}, countPerWindow);
  auto late_records = std::make_shared<connectors::CollectedRecords<Event>>();
  counts.getSideOutput(late).sinkTo(std::make_shared<connectors::CollectSink<Event>>(late_records));
  auto result = counts.executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  // [0,5000) fires at watermark 6999 with 1, again for the record at 2000 (within lateness),
  // and the record at 3000 arrives after watermark 8999 > 4999 + 3000: late.
  EXPECT_EQ(*result, (std::vector<WindowCount>{{"a", 0, 5000, 1}, {"a", 0, 5000, 2}, {"a", 5000, 10000, 2}}));
  ASSERT_EQ(late_records->size(), 1u);
  EXPECT_EQ(late_records->values()[0].ts, 3000);
}

TEST(WindowTest, SlidingWindowOfSizeTenSlideFiveEmitsEachElementTwice) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  std::vector<Event> input = {{"a", 1000}, {"a", 7000}, {"a", 12000}};
  auto source = std::make_shared<connectors::CollectionSource<Event>>(input);
  auto result = env->fromSource<Event>(source, punctuated(0), "events")
                    .keyBy([](const Event& e) { return e.key; })
                    .window(windowing::SlidingEventTimeWindows::of(seconds(10), seconds(5)))
                    .aggregate(CountAgg{}, countPerWindow)
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(sorted(*result), (std::vector<WindowCount>{{"a", -5000, 5000, 1},
                                                       {"a", 0, 10000, 2},
                                                       {"a", 5000, 15000, 2},
                                                       {"a", 10000, 20000, 1}}));
}

std::vector<WindowCount> countsAtParallelism(int parallelism) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->setParallelism(parallelism);
  std::vector<Event> input;
  for (int i = 0; i < 20000; ++i) input.push_back(Event{"user" + std::to_string(i % 37), (i * 7919L) % 60000});
  auto source = std::make_shared<connectors::CollectionSource<Event>>(input);
  auto strategy = WatermarkStrategy<Event>::forBoundedOutOfOrderness(seconds(60))
                      .withTimestampAssigner([](const Event& e, int64_t) { return e.ts; });
  auto result = env->fromSource<Event>(source, strategy, "events")
                    .setParallelism(parallelism)
                    .keyBy([](const Event& e) { return e.key; })
                    .window(windowing::TumblingEventTimeWindows::of(seconds(10)))
                    .aggregate(CountAgg{}, countPerWindow)
                    .executeAndCollect();
  EXPECT_TRUE(result.ok()) << result.status().toString();
  return sorted(result.valueOr({}));
}

TEST(WindowTest, ParallelismOneTwoAndFourGiveTheSameWindows) {
  auto one = countsAtParallelism(1);
  ASSERT_EQ(one.size(), 37u * 6);
  int64_t total = 0;
  for (const auto& w : one) total += std::get<3>(w);
  EXPECT_EQ(total, 20000);
  EXPECT_EQ(countsAtParallelism(2), one);
  EXPECT_EQ(countsAtParallelism(4), one);
}

TEST(WindowTest, RecordWithoutTimestampFailsTheJobWithFlinksMessage) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto result = env->fromElements(Event{"a", 1})
                    .keyBy([](const Event& e) { return e.key; })
                    .window(windowing::TumblingEventTimeWindows::of(seconds(5)))
                    .aggregate(CountAgg{}, countPerWindow)
                    .executeAndCollect();
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("Record has Long.MIN_VALUE timestamp"), std::string::npos)
      << result.status().message();
  EXPECT_NE(result.status().message().find("operator 'Window(TumblingEventTimeWindows(5000), EventTimeTrigger())'"), std::string::npos)
      << result.status().message();
}

TEST(KeyedStreamTest, RollingSumPerKey) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->setParallelism(2);
  using Pair = std::pair<std::string, int64_t>;
  auto result = env->fromElements(Pair{"a", 1}, Pair{"b", 10}, Pair{"a", 2}, Pair{"a", 3}, Pair{"b", 20})
                    .keyBy([](const Pair& p) { return p.first; })
                    .sum<1>()
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  auto values = *result;
  std::sort(values.begin(), values.end());
  EXPECT_EQ(values, (std::vector<Pair>{{"a", 1}, {"a", 3}, {"a", 6}, {"b", 10}, {"b", 30}}));
}

}  // namespace
}  // namespace eddy
