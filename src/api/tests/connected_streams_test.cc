#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "api/tests/test_events.h"
#include "eddy/datastream.h"

namespace eddy {
namespace {

using testing::Event;
using testing::events;
using testing::sorted;

TEST(ConnectedStreamsTest, CoMapWithTwoFunctions) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto numbers = env->fromCollection(std::vector<int>{1, 2});
  auto words = env->fromCollection(std::vector<std::string>{"x", "yy"});
  auto result = numbers.connect(words)
                    .map([](const int& n) { return std::to_string(n * 10); },
                         [](const std::string& w) { return w + "!"; })
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(sorted(*result), (std::vector<std::string>{"10", "20", "x!", "yy!"}));
}

class Splitter final : public CoFlatMapFunction<std::string, int, std::string> {
 public:
  void flatMap1(const std::string& s, Collector<std::string>& out) override {
    for (char c : s) out.collect(std::string(1, c));
  }
  void flatMap2(const int& n, Collector<std::string>& out) override {
    for (int i = 0; i < n; ++i) out.collect("#");
  }
};

TEST(ConnectedStreamsTest, CoFlatMapFunction) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto result = env->fromCollection(std::vector<std::string>{"ab"})
                    .connect(env->fromCollection(std::vector<int>{2}))
                    .flatMap(Splitter{})
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(sorted(*result), (std::vector<std::string>{"#", "#", "a", "b"}));
}

using Price = std::pair<std::string, int>;  // item, price

// Joins orders (key = item) with the latest price of the item, buffering orders that
// arrive before any price (Flink's typical enrichment with KeyedCoProcessFunction).
class Enrich final : public KeyedCoProcessFunction<std::string, std::string, Price, std::string> {
 public:
  void open() override {
    price_ = getRuntimeContext().getState(state::ValueStateDescriptor<int>("price"));
    waiting_ = getRuntimeContext().getListState(state::ListStateDescriptor<std::string>("waiting"));
  }
  void processElement1(const std::string& item, Context& ctx, Collector<std::string>& out) override {
    if (auto p = price_->value()) {
      out.collect(item + "=" + std::to_string(*p));
    } else {
      waiting_->add(item);
    }
    EXPECT_EQ(ctx.getCurrentKey(), item);
  }
  void processElement2(const Price& price, Context&, Collector<std::string>& out) override {
    price_->update(price.second);
    for (const std::string& item : waiting_->get()) out.collect(item + "=" + std::to_string(price.second) + " (late)");
    waiting_->clear();
  }

 private:
  state::ValueState<int>* price_ = nullptr;
  state::ListState<std::string>* waiting_ = nullptr;
};

TEST(ConnectedStreamsTest, KeyedCoProcessSharesStateBetweenInputs) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->setParallelism(2);
  // Prices arrive after all orders here: every order waits for its price.
  auto orders = env->fromCollection(std::vector<std::string>{"apple", "pear", "apple"});
  auto prices = env->fromCollection(std::vector<Price>{{"apple", 3}, {"pear", 5}});
  auto result = orders.connect(prices)
                    .keyBy([](const std::string& item) { return item; }, [](const Price& p) { return p.first; })
                    .process(Enrich{})
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  // Depending on arrival order an order is joined at once or after its price; the pairs are fixed.
  std::vector<std::string> items;
  for (std::string s : *result) items.push_back(s.substr(0, s.find(" (late)")));
  EXPECT_EQ(sorted(items), (std::vector<std::string>{"apple=3", "apple=3", "pear=5"}));
}

using Reading = std::tuple<std::string, int, int>;  // sensor, value, sequence

std::vector<Reading> runAggregation(const std::function<DataStream<Reading>(KeyedStream<Reading, std::string,
                                                                                         std::string (*)(const Reading&)>)>& agg) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto input = env->fromCollection(std::vector<Reading>{{"s", 5, 1}, {"s", 3, 2}, {"s", 3, 3}, {"s", 9, 4}});
  auto keyed = input.keyBy(+[](const Reading& r) { return std::get<0>(r); });
  auto result = agg(keyed).executeAndCollect();
  EXPECT_TRUE(result.ok()) << result.status().toString();
  return *result;
}

TEST(KeyedAggregationTest, MinMaxKeepTheFirstRecordsOtherFields) {
  EXPECT_EQ(runAggregation([](auto k) { return k.template min<1>(); }),
            (std::vector<Reading>{{"s", 5, 1}, {"s", 3, 1}, {"s", 3, 1}, {"s", 3, 1}}));
  EXPECT_EQ(runAggregation([](auto k) { return k.template max<1>(); }),
            (std::vector<Reading>{{"s", 5, 1}, {"s", 5, 1}, {"s", 5, 1}, {"s", 9, 1}}));
  EXPECT_EQ(runAggregation([](auto k) { return k.template sum<1>(); }),
            (std::vector<Reading>{{"s", 5, 1}, {"s", 8, 1}, {"s", 11, 1}, {"s", 20, 1}}));
}

TEST(KeyedAggregationTest, MinByMaxByEmitWholeRecordsAndResolveTies) {
  EXPECT_EQ(runAggregation([](auto k) { return k.template minBy<1>(); }),
            (std::vector<Reading>{{"s", 5, 1}, {"s", 3, 2}, {"s", 3, 2}, {"s", 3, 2}}));
  EXPECT_EQ(runAggregation([](auto k) { return k.template minBy<1>(false); }),
            (std::vector<Reading>{{"s", 5, 1}, {"s", 3, 2}, {"s", 3, 3}, {"s", 3, 3}}));
  EXPECT_EQ(runAggregation([](auto k) { return k.template maxBy<1>(); }),
            (std::vector<Reading>{{"s", 5, 1}, {"s", 5, 1}, {"s", 5, 1}, {"s", 9, 4}}));
}

struct Score {
  std::string player;
  int points;
  bool operator==(const Score&) const = default;
};

TEST(KeyedAggregationTest, MemberPointerFields) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto result = env->fromCollection(std::vector<Score>{{"p", 1}, {"p", 4}, {"q", 2}})
                    .keyBy([](const Score& s) { return s.player; })
                    .sum(&Score::points)
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(*result, (std::vector<Score>{{"p", 1}, {"p", 5}, {"q", 2}}));
}

TEST(AssignTimestampsTest, WatermarksAssignedMidStreamDriveWindows) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto result = env->fromCollection(std::vector<Event>{{"a", 1000}, {"a", 4000}, {"a", 7000}})
                    .map([](const Event& e) { return e; })
                    .assignTimestampsAndWatermarks(testing::punctuated(0))
                    .keyBy([](const Event& e) { return e.key; })
                    .window(windowing::TumblingEventTimeWindows::of(std::chrono::seconds(5)))
                    .aggregate(testing::CountAgg{}, testing::countPerWindow)
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(*result, (std::vector<testing::WindowCount>{{"a", 0, 5000, 2}, {"a", 5000, 10000, 1}}));
}

}  // namespace
}  // namespace eddy
