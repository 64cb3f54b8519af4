#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <tuple>
#include <vector>

#include "api/tests/test_events.h"
#include "eddy/datastream.h"

namespace eddy {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::Event;
using testing::events;
using testing::sorted;
using windowing::TimeWindow;

using testing::CountAgg;
using testing::countPerWindow;
using testing::WindowCount;

auto byKey = [](const Event& e) { return e.key; };

TEST(SessionWindowTest, OverlappingSessionsMerge) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->setParallelism(2);
  // a@1000 and a@2000 merge into [1000, 5000); a@10000 starts a new session; b is alone.
  auto result = events(*env, {{"a", 1000}, {"b", 1500}, {"a", 2000}, {"a", 10000}}, 0)
                    .setParallelism(1)
                    .keyBy(byKey)
                    .window(windowing::EventTimeSessionWindows::withGap(seconds(3)))
                    .aggregate(CountAgg{}, countPerWindow)
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(sorted(*result), (std::vector<WindowCount>{
                                 {"a", 1000, 5000, 2}, {"a", 10000, 13000, 1}, {"b", 1500, 4500, 1}}));
}

TEST(SessionWindowTest, ALateRecordBridgesTwoSessions) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  // With 10 s of out-of-orderness, a@4000 arrives in time and joins [1000,4000) and [7000,10000).
  auto result = events(*env, {{"a", 1000}, {"a", 7000}, {"a", 4000}, {"a", 30000}}, 10000)
                    .keyBy(byKey)
                    .window(windowing::EventTimeSessionWindows::withGap(seconds(3)))
                    .aggregate(CountAgg{}, countPerWindow)
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(sorted(*result), (std::vector<WindowCount>{{"a", 1000, 10000, 3}, {"a", 30000, 33000, 1}}));
}

TEST(SessionWindowTest, ReduceAndProcessWorkOnMergedSessions) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto result = events(*env, {{"a", 1}, {"a", 2}, {"a", 3}, {"a", 100}}, 0)
                    .keyBy(byKey)
                    .window(windowing::EventTimeSessionWindows::withGap(milliseconds(10)))
                    .reduce([](const Event& x, const Event& y) { return Event{x.key, x.ts + y.ts}; })
                    .map([](const Event& e) { return e.ts; })
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(sorted(*result), (std::vector<int64_t>{6, 100}));
}

struct SumTs {
  Event operator()(const Event& a, const Event& b) const { return Event{a.key, a.ts + b.ts}; }
};

TEST(CountWindowTest, TumblingCountWindowPurgesAfterEachFiring) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto result = events(*env, {{"a", 1}, {"a", 2}, {"b", 10}, {"a", 3}, {"a", 4}, {"a", 5}, {"b", 20}})
                    .keyBy(byKey)
                    .countWindow(2)
                    .reduce(SumTs{})
                    .map([](const Event& e) { return e.key + "=" + std::to_string(e.ts); })
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(sorted(*result), (std::vector<std::string>{"a=3", "a=7", "b=30"}));
}

TEST(CountWindowTest, CountTriggerWithoutPurgingKeepsAccumulating) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto result = events(*env, {{"a", 1}, {"a", 2}, {"a", 3}, {"a", 4}})
                    .keyBy(byKey)
                    .window(windowing::GlobalWindows::create())
                    .trigger(windowing::CountTrigger::of(2))
                    .reduce(SumTs{})
                    .map([](const Event& e) { return e.ts; })
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(*result, (std::vector<int64_t>{3, 10}));
}

// Sums the records a window function sees.
auto sumElements = [](const std::string&, const windowing::GlobalWindow&, const std::vector<Event>& elements,
                      Collector<int64_t>& out) {
  int64_t sum = 0;
  for (const Event& e : elements) sum += e.ts;
  out.collect(sum);
};

TEST(EvictorTest, SlidingCountWindowSeesTheLastRecords) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto result = events(*env, {{"a", 1}, {"a", 2}, {"a", 3}, {"a", 4}, {"a", 5}})
                    .keyBy(byKey)
                    .countWindow(3, 1)
                    .apply(sumElements)
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(*result, (std::vector<int64_t>{1, 3, 6, 9, 12}));
}

TEST(EvictorTest, TimeEvictorKeepsRecordsNearTheNewest) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  // Every second record fires; only records within 2 ms of the newest are summed.
  auto result = events(*env, {{"a", 1}, {"a", 2}, {"a", 3}, {"a", 4}, {"a", 10}, {"a", 11}})
                    .keyBy(byKey)
                    .window(windowing::GlobalWindows::create())
                    .evictor(windowing::TimeEvictor::of(milliseconds(2)))
                    .trigger(windowing::CountTrigger::of(2))
                    .apply(sumElements)
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  // Fire 1: {1,2} → 3. Fire 2: {1,2,3,4} → keep >2 → 3+4 = 7 (evicted for good).
  // Fire 3: {3,4,10,11} → keep > 9 → 21.
  EXPECT_EQ(*result, (std::vector<int64_t>{3, 7, 21}));
}

TEST(EvictorTest, AggregateRunsOverTheRecordsLeftAfterEviction) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto result = events(*env, {{"a", 1}, {"a", 2}, {"a", 3}, {"a", 4}})
                    .keyBy(byKey)
                    .window(windowing::GlobalWindows::create())
                    .evictor(windowing::CountEvictor::of(2))
                    .trigger(windowing::CountTrigger::of(1))
                    .aggregate(CountAgg{})
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(*result, (std::vector<int64_t>{1, 2, 2, 2}));
}

using Fired = std::tuple<std::string, int64_t, size_t, int64_t>;  // key, window start, records, firings of key

// A ProcessWindowFunction that reports its window, the number of records, and how many
// windows of the key fired so far (global keyed state).
class Describe final : public ProcessWindowFunction<Event, Fired, std::string, TimeWindow> {
 public:
  void process(const std::string& key, Context& ctx, const std::vector<Event>& elements,
               Collector<Fired>& out) override {
    auto* fired = ctx.globalState().getState(state::ValueStateDescriptor<int64_t>("fired"));
    int64_t n = fired->value().value_or(0) + 1;
    fired->update(n);
    EXPECT_EQ(ctx.currentWatermark() >= ctx.window().maxTimestamp(), true);
    out.collect(Fired{key, ctx.window().start, elements.size(), n});
  }
};

TEST(ProcessWindowFunctionTest, SeesAllRecordsTheWindowAndKeyedState) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->setParallelism(3);
  auto result = events(*env, {{"a", 1000}, {"b", 2000}, {"a", 3000}, {"a", 6000}, {"b", 12000}})
                    .setParallelism(1)
                    .keyBy(byKey)
                    .window(windowing::TumblingEventTimeWindows::of(seconds(5)))
                    .process(Describe{})
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(sorted(*result), (std::vector<Fired>{{"a", 0, 2, 1}, {"a", 5000, 1, 2}, {"b", 0, 1, 1}, {"b", 10000, 1, 2}}));
}

// Counts per window through a ProcessWindowFunction given the aggregate's result.
class WithWindowEnd final : public ProcessWindowFunction<int64_t, std::string, std::string, TimeWindow> {
 public:
  void process(const std::string& key, Context& ctx, const std::vector<int64_t>& counts,
               Collector<std::string>& out) override {
    out.collect(key + "@" + std::to_string(ctx.window().end) + "=" + std::to_string(counts.at(0)));
  }
};

TEST(ProcessWindowFunctionTest, AggregateWithProcessWindowFunctionGetsOneResult) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto result = events(*env, {{"a", 1000}, {"a", 3000}, {"a", 6000}})
                    .keyBy(byKey)
                    .window(windowing::TumblingEventTimeWindows::of(seconds(5)))
                    .aggregate(CountAgg{}, WithWindowEnd{})
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(*result, (std::vector<std::string>{"a@5000=2", "a@10000=1"}));
}

TEST(TriggerTest, ContinuousEventTimeTriggerFiresEveryInterval) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto result = events(*env, {{"a", 1000}, {"a", 3500}, {"a", 9000}})
                    .keyBy(byKey)
                    .window(windowing::TumblingEventTimeWindows::of(seconds(10)))
                    .trigger(windowing::ContinuousEventTimeTrigger::of(seconds(2)))
                    .aggregate(CountAgg{})
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  // Fires at 2000 (2 records), 4000, 6000, 8000 and the window end 9999 (3 records).
  EXPECT_EQ(*result, (std::vector<int64_t>{2, 3, 3, 3, 3}));
}

TEST(TriggerTest, PurgingTriggerEmptiesTheWindowAfterFiring) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto result = events(*env, {{"a", 1000}, {"a", 3500}, {"a", 9000}})
                    .keyBy(byKey)
                    .window(windowing::TumblingEventTimeWindows::of(seconds(10)))
                    .trigger(windowing::PurgingTrigger<windowing::ContinuousEventTimeTrigger>::of(
                        windowing::ContinuousEventTimeTrigger::of(seconds(2))))
                    .aggregate(CountAgg{})
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  // 2000: 2 records, purged; the window is empty at 4000..8000 and holds a@9000 at 9999.
  EXPECT_EQ(*result, (std::vector<int64_t>{2, 1}));
}

TEST(WindowAssignerTest, ProcessingTimeAssignersUseTheClock) {
  std::vector<TimeWindow> out;
  windowing::TumblingProcessingTimeWindows::of(seconds(5)).assignWindows(0, 12345, out);
  windowing::SlidingProcessingTimeWindows::of(seconds(10), seconds(5)).assignWindows(0, 12345, out);
  windowing::ProcessingTimeSessionWindows::withGap(seconds(1)).assignWindows(0, 12345, out);
  EXPECT_EQ(out, (std::vector<TimeWindow>{{10000, 15000}, {10000, 20000}, {5000, 15000}, {12345, 13345}}));
  EXPECT_THROW(windowing::EventTimeSessionWindows::withGap(seconds(0)), std::invalid_argument);
}

}  // namespace
}  // namespace eddy
