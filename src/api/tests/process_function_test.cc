#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "eddy/datastream.h"
#include "api/tests/test_events.h"

namespace eddy {
namespace {

using testing::Event;
using testing::events;
using testing::sorted;

using KeyCount = std::tuple<std::string, int64_t, int64_t>;  // key, count, timer timestamp

// Flink's documentation example: counts per key and emits the count once a key has seen
// no record for 10 s of event time.
class CountWithTimeout final : public KeyedProcessFunction<std::string, Event, KeyCount> {
 public:
  void open() override {
    count_ = getRuntimeContext().getState(state::ValueStateDescriptor<int64_t>("count"));
    last_ = getRuntimeContext().getState(state::ValueStateDescriptor<int64_t>("last"));
  }
  void processElement(const Event& e, Context& ctx, Collector<KeyCount>&) override {
    count_->update(count_->value().value_or(0) + 1);
    last_->update(*ctx.timestamp());
    ctx.timerService().registerEventTimeTimer(*ctx.timestamp() + 10000);
    EXPECT_EQ(ctx.getCurrentKey(), e.key);
  }
  void onTimer(int64_t timestamp, OnTimerContext& ctx, Collector<KeyCount>& out) override {
    EXPECT_EQ(ctx.timeDomain(), TimeDomain::EVENT_TIME);
    if (timestamp == *last_->value() + 10000) out.collect({ctx.getCurrentKey(), *count_->value(), timestamp});
  }

 private:
  state::ValueState<int64_t>* count_ = nullptr;
  state::ValueState<int64_t>* last_ = nullptr;
};

TEST(KeyedProcessFunctionTest, ValueStateAndEventTimeTimersPerKey) {
  for (int parallelism : {1, 3}) {
    auto env = StreamExecutionEnvironment::getExecutionEnvironment();
    env->setParallelism(parallelism);
    auto result = events(*env, {{"a", 1000}, {"b", 2000}, {"a", 5000}, {"c", 16000}, {"a", 30000}, {"b", 31000}})
                      .setParallelism(1)
                      .keyBy([](const Event& e) { return e.key; })
                      .process(CountWithTimeout{})
                      .executeAndCollect();
    ASSERT_TRUE(result.ok()) << result.status().toString();
    // The watermark follows each record (ts - 1). c@16000 fires a's 11000 (stale) and 15000
    // and b's 12000; a@30000 fires c's 26000; the end of input fires a's 40000, b's 41000.
    EXPECT_EQ(sorted(*result), (std::vector<KeyCount>{{"a", 2, 15000},
                                                      {"a", 3, 40000},
                                                      {"b", 1, 12000},
                                                      {"b", 2, 41000},
                                                      {"c", 1, 26000}}))
        << "parallelism " << parallelism;
  }
}

// Keeps the keys' records in ListState and MapState and emits them on a timer; records of a
// key seen before go to a side output.
class Collect final : public KeyedProcessFunction<std::string, Event, std::string> {
 public:
  explicit Collect(OutputTag<std::string> repeats) : repeats_(std::move(repeats)) {}
  void open() override {
    list_ = getRuntimeContext().getListState(state::ListStateDescriptor<int64_t>("times"));
    seen_ = getRuntimeContext().getMapState(state::MapStateDescriptor<int64_t, int>("seen"));
    sum_ = getRuntimeContext().getReducingState(
        state::ReducingStateDescriptor<int64_t>("sum", [](const int64_t& a, const int64_t& b) { return a + b; }));
  }
  void processElement(const Event& e, Context& ctx, Collector<std::string>&) override {
    if (!list_->get().empty()) ctx.output(repeats_, e.key + "@" + std::to_string(e.ts));
    list_->add(e.ts);
    seen_->put(e.ts % 3, 1);
    sum_->add(e.ts);
    ctx.timerService().registerEventTimeTimer(100);
  }
  void onTimer(int64_t, OnTimerContext& ctx, Collector<std::string>& out) override {
    std::string s = ctx.getCurrentKey() + ":";
    for (int64_t t : list_->get()) s += " " + std::to_string(t);
    s += " mods=" + std::to_string(seen_->keys().size()) + " sum=" + std::to_string(*sum_->get());
    out.collect(s);
    list_->clear();
    seen_->clear();
    sum_->clear();
    EXPECT_TRUE(list_->get().empty());
    EXPECT_TRUE(seen_->isEmpty());
    EXPECT_FALSE(sum_->get().has_value());
  }

 private:
  OutputTag<std::string> repeats_;
  state::ListState<int64_t>* list_ = nullptr;
  state::MapState<int64_t, int>* seen_ = nullptr;
  state::ReducingState<int64_t>* sum_ = nullptr;
};

TEST(KeyedProcessFunctionTest, ListMapReducingStateAndSideOutput) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->setParallelism(2);
  OutputTag<std::string> repeats("repeats");
  auto main = events(*env, {{"a", 1}, {"b", 2}, {"a", 3}, {"a", 4}, {"b", 5}})
                  .setParallelism(1)
                  .keyBy([](const Event& e) { return e.key; })
                  .process(Collect(repeats));
  auto repeated = std::make_shared<connectors::CollectedRecords<std::string>>();
  main.getSideOutput(repeats).sinkTo(std::make_shared<connectors::CollectSink<std::string>>(repeated), "repeats");
  auto result = main.executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(sorted(*result), (std::vector<std::string>{"a: 1 3 4 mods=2 sum=8", "b: 2 5 mods=1 sum=7"}));
  EXPECT_EQ(sorted(repeated->values()), (std::vector<std::string>{"a@3", "a@4", "b@5"}));
}

// Emits, for every record, a processing-time timer 20 ms later; the timer's output is the key.
class ProcessingTimeTimer final : public KeyedProcessFunction<std::string, Event, std::string> {
 public:
  void processElement(const Event&, Context& ctx, Collector<std::string>&) override {
    ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 20);
  }
  void onTimer(int64_t, OnTimerContext& ctx, Collector<std::string>& out) override {
    EXPECT_EQ(ctx.timeDomain(), TimeDomain::PROCESSING_TIME);
    out.collect(ctx.getCurrentKey());
  }
};

TEST(KeyedProcessFunctionTest, ProcessingTimeTimersFireInTheTaskThread) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto result = events(*env, {{"a", 1}, {"b", 2}})
                    .keyBy([](const Event& e) { return e.key; })
                    .process(ProcessingTimeTimer{})
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_TRUE(result->size() <= 2);
}

class Doubler final : public ProcessFunction<Event, int64_t> {
 public:
  explicit Doubler(OutputTag<std::string> odd) : odd_(std::move(odd)) {}
  void processElement(const Event& e, Context& ctx, Collector<int64_t>& out) override {
    out.collect(*ctx.timestamp() * 2);
    if (e.ts % 2) ctx.output(odd_, e.key);
  }

 private:
  OutputTag<std::string> odd_;
};

TEST(ProcessFunctionTest, EmitsWithTimestampAndSideOutput) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  OutputTag<std::string> odd("odd");
  auto main = events(*env, {{"a", 1}, {"b", 2}, {"c", 3}}).process(Doubler(odd));
  auto odds = std::make_shared<connectors::CollectedRecords<std::string>>();
  main.getSideOutput(odd).sinkTo(std::make_shared<connectors::CollectSink<std::string>>(odds), "odds");
  auto result = main.executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(*result, (std::vector<int64_t>{2, 4, 6}));
  EXPECT_EQ(odds->values(), (std::vector<std::string>{"a", "c"}));
}

class TimerOnNonKeyed final : public ProcessFunction<Event, int64_t> {
 public:
  void processElement(const Event&, Context& ctx, Collector<int64_t>&) override {
    ctx.timerService().registerEventTimeTimer(5);
  }
};

TEST(ProcessFunctionTest, TimersOnANonKeyedStreamFailTheJob) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto result = events(*env, {{"a", 1}}).process(TimerOnNonKeyed{}).executeAndCollect();
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().toString().find("Setting timers is only supported on a keyed streams."),
            std::string::npos)
      << result.status().toString();
  EXPECT_NE(result.status().toString().find("Process"), std::string::npos) << result.status().toString();
}

}  // namespace
}  // namespace eddy
