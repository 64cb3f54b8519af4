#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "api/tests/test_events.h"
#include "eddy/datastream.h"

namespace eddy {
namespace {

using std::chrono::seconds;
using testing::CountAgg;
using testing::Event;
using testing::events;
using windowing::TimeWindow;

TEST(WindowAllTest, CountsAllKeysTogetherAtAnyParallelism) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->setParallelism(3);
  auto result = events(*env, {{"a", 1000}, {"b", 2000}, {"c", 3000}, {"a", 6000}})
                    .setParallelism(1)
                    .windowAll(windowing::TumblingEventTimeWindows::of(seconds(5)))
                    .aggregate(CountAgg{}, [](const TimeWindow& w, const int64_t& n, Collector<std::string>& out) {
                      out.collect(std::to_string(w.start) + ":" + std::to_string(n));
                    })
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(testing::sorted(*result), (std::vector<std::string>{"0:3", "5000:1"}));
}

class Keys final : public ProcessAllWindowFunction<Event, std::string, TimeWindow> {
 public:
  void process(Context& ctx, const std::vector<Event>& elements, Collector<std::string>& out) override {
    std::string s = std::to_string(ctx.window().end) + ":";
    for (const Event& e : elements) s += e.key;
    out.collect(s);
  }
};

TEST(WindowAllTest, ProcessAllWindowFunctionSeesEveryRecord) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto result = events(*env, {{"a", 1000}, {"b", 2000}, {"c", 7000}})
                    .windowAll(windowing::TumblingEventTimeWindows::of(seconds(5)))
                    .process(Keys{})
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(*result, (std::vector<std::string>{"5000:ab", "10000:c"}));
}

TEST(WindowAllTest, CountWindowAllWithReduce) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto result = env->fromElements(1, 2, 3, 4, 5)
                    .windowAll(windowing::GlobalWindows::create())
                    .trigger(windowing::PurgingTrigger<windowing::CountTrigger>::of(windowing::CountTrigger::of(2)))
                    .reduce([](const int& a, const int& b) { return a + b; })
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(*result, (std::vector<int>{3, 7}));
}

}  // namespace
}  // namespace eddy
