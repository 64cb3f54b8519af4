#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "eddy/connectors/datagen_source.h"
#include "eddy/datastream.h"

namespace eddy {
namespace {

// What writers wrote, from every task thread and attempt.
class Written {
 public:
  void addAll(const std::vector<int64_t>& values) {
    std::lock_guard<std::mutex> lock(mutex_);
    values_.insert(values_.end(), values.begin(), values.end());
  }
  std::vector<int64_t> sorted() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<int64_t> out = values_;
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<int64_t> values_;
};

// Flink's BufferingSink example: what the writer has not written yet is kept in operator
// list state, so that a restore neither loses nor repeats it. It writes only at the end of
// the input, so the output is exactly what the state carried across the failure.
class BufferingSinkWriter final : public SinkWriter<int64_t>, public CheckpointedFunction {
 public:
  BufferingSinkWriter(std::shared_ptr<Written> written, std::shared_ptr<std::atomic<int>> restores)
      : written_(std::move(written)), restores_(std::move(restores)) {}

  void write(const int64_t& value, int64_t) override { buffer_.push_back(value); }
  void flush(bool end_of_input) override {
    if (!end_of_input) return;
    written_->addAll(buffer_);
    buffer_.clear();
  }
  void snapshotState(const FunctionSnapshotContext&) override { checkpointed_->update(buffer_); }
  void initializeState(FunctionInitializationContext& context) override {
    checkpointed_ = context.getOperatorStateStore().getListState(state::ListStateDescriptor<int64_t>("buffered-elements"));
    if (context.isRestored()) {
      ++*restores_;
      buffer_ = checkpointed_->get();
    }
  }

 private:
  std::shared_ptr<Written> written_;
  std::shared_ptr<std::atomic<int>> restores_;
  state::ListState<int64_t>* checkpointed_ = nullptr;
  std::vector<int64_t> buffer_;
};

class BufferingSink final : public Sink<int64_t> {
 public:
  BufferingSink(std::shared_ptr<Written> written, std::shared_ptr<std::atomic<int>> restores)
      : written_(std::move(written)), restores_(std::move(restores)) {}
  std::unique_ptr<SinkWriter<int64_t>> createWriter(const SinkWriterContext&) override {
    return std::make_unique<BufferingSinkWriter>(written_, restores_);
  }

 private:
  std::shared_ptr<Written> written_;
  std::shared_ptr<std::atomic<int>> restores_;
};

TEST(OperatorStateTest, BufferingSinkLosesAndRepeatsNothingAcrossAFailure) {
  constexpr int64_t kRecords = 20000;
  Configuration conf;
  conf.setString("execution.checkpointing.interval", "20 ms");
  conf.setString("restart-strategy.type", "fixed-delay");
  conf.setString("restart-strategy.fixed-delay.attempts", "2");
  conf.setString("restart-strategy.fixed-delay.delay", "10 ms");
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(conf);
  env->setParallelism(2);
  auto failed = std::make_shared<std::atomic<bool>>(false);
  auto written = std::make_shared<Written>();
  auto restores = std::make_shared<std::atomic<int>>(0);
  auto source = connectors::makeDataGeneratorSource([](int64_t i) { return i; }, kRecords,
                                                    connectors::RateLimiterStrategy::perSecond(40000));
  env->fromSource(source, WatermarkStrategy<int64_t>::noWatermarks(), "Numbers")
      .uid("numbers")
      .map([failed](const int64_t& i) {
        if (i == 12345 && !failed->exchange(true)) throw std::runtime_error("failing once at 12345");
        return i;
      })
      .name("Fragile")
      .sinkTo(std::make_shared<BufferingSink>(written, restores), "Buffering Sink");
  auto result = env->execute("buffering sink");
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_TRUE(failed->load());
  // Both writers of the second attempt started from the checkpoint.
  EXPECT_EQ(restores->load(), 2);
  std::vector<int64_t> expected(kRecords);
  for (int64_t i = 0; i < kRecords; ++i) expected[i] = i;
  EXPECT_EQ(written->sorted(), expected);
}

// What each instance of StateReporter found in its states when it started.
struct FoundStates {
  std::mutex mutex;
  std::map<int, std::vector<std::string>> split;
  std::map<int, std::vector<std::string>> union_;
  std::vector<std::optional<int64_t>> restored_ids;
};

// On a fresh start instance i fills its list state with "s<i>-0".."s<i>-2" and its union
// list state with "u<i>"; on a restore it reports what it got.
class StateReporter final : public ProcessFunction<int64_t, int64_t>, public CheckpointedFunction {
 public:
  explicit StateReporter(std::shared_ptr<FoundStates> found) : found_(std::move(found)) {}

  void initializeState(FunctionInitializationContext& context) override {
    split_ = context.getOperatorStateStore().getListState(state::ListStateDescriptor<std::string>("split"));
    union_ = context.getOperatorStateStore().getUnionListState(state::ListStateDescriptor<std::string>("union"));
    restored_id_ = context.getRestoredCheckpointId();
  }
  // The subtask index is known from open() on, after initializeState (as in Flink).
  void open() override {
    const int subtask = getRuntimeContext().getIndexOfThisSubtask();
    const std::string me = std::to_string(subtask);
    if (!restored_id_) {
      split_->update({"s" + me + "-0", "s" + me + "-1", "s" + me + "-2"});
      union_->add("u" + me);
      return;
    }
    std::lock_guard<std::mutex> lock(found_->mutex);
    found_->split[subtask] = split_->get();
    found_->union_[subtask] = union_->get();
    found_->restored_ids.push_back(restored_id_);
  }
  void snapshotState(const FunctionSnapshotContext&) override {}
  void processElement(const int64_t& value, Context&, Collector<int64_t>& out) override { out.collect(value); }

 private:
  std::shared_ptr<FoundStates> found_;
  state::ListState<std::string>* split_ = nullptr;
  state::ListState<std::string>* union_ = nullptr;
  std::optional<int64_t> restored_id_;
};

void buildReporterJob(StreamExecutionEnvironment& env, std::shared_ptr<FoundStates> found) {
  auto source = connectors::makeDataGeneratorSource([](int64_t i) { return i; }, 1000,
                                                    connectors::RateLimiterStrategy::perSecond(5000));
  env.fromSource(source, WatermarkStrategy<int64_t>::noWatermarks(), "Numbers")
      .uid("numbers")
      .process(StateReporter(std::move(found)))
      .uid("reporter")
      .filter([](int64_t) { return false; })
      .print();
}

TEST(OperatorStateTest, ListStateIsSplitAndUnionStateGoesWholeToEveryInstanceOnRescale) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
  env->setParallelism(2);
  buildReporterJob(*env, std::make_shared<FoundStates>());
  auto client = env->executeAsync("reporter");
  ASSERT_TRUE(client.ok()) << client.status().toString();
  auto checkpoint = (*client)->triggerCheckpoint();
  (*client)->cancel();
  (void)(*client)->waitForCompletion();
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.status().toString();
  const int64_t checkpoint_id = (*checkpoint)->checkpoint_id;

  using Lists = std::map<int, std::vector<std::string>>;
  const std::vector<std::string> all_unions = {"u0", "u1"};
  const std::map<int, Lists> expected_split = {
      {1, {{0, {"s0-0", "s0-1", "s0-2", "s1-0", "s1-1", "s1-2"}}}},
      {2, {{0, {"s0-0", "s0-1", "s0-2"}}, {1, {"s1-0", "s1-1", "s1-2"}}}},
      // Six elements over three instances: contiguous shares of two.
      {3, {{0, {"s0-0", "s0-1"}}, {1, {"s0-2", "s1-0"}}, {2, {"s1-1", "s1-2"}}}},
  };
  for (const auto& [parallelism, split] : expected_split) {
    auto restored = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
    restored->setParallelism(parallelism);
    restored->setRestoreFrom(*checkpoint);
    auto found = std::make_shared<FoundStates>();
    buildReporterJob(*restored, found);
    auto result = restored->execute("reporter restored");
    ASSERT_TRUE(result.ok()) << result.status().toString();
    EXPECT_EQ(found->split, split) << "parallelism " << parallelism;
    Lists unions;
    for (int i = 0; i < parallelism; ++i) unions[i] = all_unions;
    EXPECT_EQ(found->union_, unions) << "parallelism " << parallelism;
    EXPECT_EQ(found->restored_ids, std::vector<std::optional<int64_t>>(parallelism, checkpoint_id));
  }
}

// Counts per key in keyed state it takes from the initialization context.
class KeyedCounter final : public KeyedProcessFunction<int64_t, int64_t, std::string>, public CheckpointedFunction {
 public:
  void initializeState(FunctionInitializationContext& context) override {
    count_ = context.getKeyedStateStore<int64_t>().getState(state::ValueStateDescriptor<int64_t>("count"));
  }
  void snapshotState(const FunctionSnapshotContext&) override {}
  void processElement(const int64_t& value, Context& ctx, Collector<std::string>& out) override {
    const int64_t count = count_->value().value_or(0) + 1;
    count_->update(count);
    out.collect(std::to_string(ctx.getCurrentKey()) + ":" + std::to_string(count));
  }

 private:
  state::ValueState<int64_t>* count_ = nullptr;
};

TEST(OperatorStateTest, KeyedStateStoreOfTheInitializationContextIsScopedToTheCurrentKey) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
  auto result = env->fromElements(int64_t{1}, int64_t{2}, int64_t{1}, int64_t{1}, int64_t{2})
                    .keyBy([](int64_t v) { return v; })
                    .process(KeyedCounter())
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(*result, (std::vector<std::string>{"1:1", "2:1", "1:2", "1:3", "2:2"}));
}

TEST(OperatorStateTest, KeyedStateOfAStreamWithoutKeysIsAnErrorNamingTheOperator) {
  struct AsksForKeyedState final : public RichFunction, public CheckpointedFunction {
    int64_t map(const int64_t& value) { return value; }
    void initializeState(FunctionInitializationContext& context) override {
      context.getKeyedStateStore<int64_t>();
    }
    void snapshotState(const FunctionSnapshotContext&) override {}
  };
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
  env->fromElements(int64_t{1}, int64_t{2}).map(AsksForKeyedState()).name("Unkeyed").print();
  auto result = env->execute("unkeyed");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(),
            "Job 'unkeyed' failed: operator 'Unkeyed' failed: Keyed state can only be used on a 'keyed stream', "
            "i.e., after a 'keyBy()' operation.");
}

}  // namespace
}  // namespace eddy
