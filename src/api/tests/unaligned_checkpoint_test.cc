// Unaligned checkpoints (execution.checkpointing.unaligned.enabled): under backpressure the
// barrier overtakes the queued records, which go into the checkpoint and are replayed on
// restore, also at another parallelism (by key group on keyed edges); savepoints stay
// aligned; AT_LEAST_ONCE refuses them; an aligned checkpoint timeout starts aligned and
// switches.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/tests/temp_dir.h"
#include "eddy/connectors/datagen_source.h"
#include "eddy/datastream.h"
#include "eddy/runtime/job_listener.h"

namespace eddy {
namespace {

using std::chrono::milliseconds;
using KeyValue = std::pair<int64_t, int64_t>;

constexpr int64_t kBatch = static_cast<int64_t>(runtime::kDefaultBatchSize);
// Batches a channel holds (kChannelCapacity in src/runtime/local_executor.cc).
constexpr int64_t kChannelCapacityBatches = 8;

// Keeps the checkpoint statistics of the jobs the thread starts.
class StatsListener final : public runtime::JobListener {
 public:
  void onJobSubmitted(const runtime::JobSubmission& submission) override { stats = submission.checkpoint_stats; }
  std::shared_ptr<const runtime::CheckpointStatsTracker> stats;
};

// What the slow operator saw: records processed, and how many when it took its snapshot.
struct Progress {
  std::atomic<int64_t> processed{0};
  std::atomic<int64_t> at_snapshot{-1};
};

// Takes at least 2 ms per 256 records (8 ms per batch): a full channel before it holds
// 64 ms of work. Tells when it snapshots.
class SlowCounter final : public ProcessFunction<int64_t, int64_t>, public CheckpointedFunction {
 public:
  explicit SlowCounter(std::shared_ptr<Progress> progress) : progress_(std::move(progress)) {}
  void processElement(const int64_t& value, Context&, Collector<int64_t>& out) override {
    if (++count_ % 256 == 0) std::this_thread::sleep_for(milliseconds(2));
    progress_->processed.store(count_);
    if (value < 0) out.collect(value);
  }
  void snapshotState(const FunctionSnapshotContext&) override { progress_->at_snapshot.store(count_); }
  void initializeState(FunctionInitializationContext&) override {}

 private:
  std::shared_ptr<Progress> progress_;
  int64_t count_ = 0;
};

// One snapshot under backpressure: the records the slow operator processed between the
// trigger and its snapshot, the in-flight data the snapshot holds, and its statistics.
struct Measured {
  int64_t processed_before_snapshot = 0;
  int64_t channel_state_bytes = 0;
  runtime::CheckpointStats stats;
};

// A fast unbounded source → slow operator (its own task, so a channel between them fills
// up) → nothing; a checkpoint (or savepoint) once the channel is full.
Measured snapshotUnderBackpressure(const Configuration& conf, bool savepoint) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(conf);
  auto progress = std::make_shared<Progress>();
  auto source = connectors::makeDataGeneratorSource([](int64_t i) { return i; },
                                                    connectors::DataGeneratorSource<int64_t>::kUnbounded);
  env->fromSource(source, WatermarkStrategy<int64_t>::noWatermarks(), "Numbers")
      .uid("numbers")
      .process(SlowCounter(progress))
      .uid("slow")
      .disableChaining()
      .print();
  StatsListener listener;
  eddySetThreadJobListener(&listener);
  auto client = env->executeAsync("backpressure");
  eddySetThreadJobListener(nullptr);
  EXPECT_TRUE(client.ok()) << client.status().toString();
  Measured measured;
  if (!client.ok()) return measured;
  // The slow operator fills its channel within a few milliseconds; let it get going.
  while (progress->processed.load() < 2 * kBatch) std::this_thread::sleep_for(milliseconds(1));
  const int64_t before = progress->processed.load();
  auto snapshot = savepoint ? (*client)->triggerSavepoint() : (*client)->triggerCheckpoint();
  (*client)->cancel();
  (void)(*client)->waitForCompletion();
  EXPECT_TRUE(snapshot.ok()) << snapshot.status().toString();
  if (!snapshot.ok()) return measured;
  measured.processed_before_snapshot = progress->at_snapshot.load() - before;
  for (const auto& [subtask, part] : (*snapshot)->operators.at("slow").subtasks) {
    for (const runtime::InputChannelState& channel : part.input_channel_state) {
      measured.channel_state_bytes += static_cast<int64_t>(channel.data.size());
    }
  }
  for (const runtime::CheckpointStats& stats : listener.stats->snapshot().history) {
    if (stats.checkpoint_id == (*snapshot)->checkpoint_id) measured.stats = stats;
  }
  return measured;
}

TEST(UnalignedCheckpointTest, AnAlignedCheckpointWaitsForTheQueuedRecordsUnderBackpressure) {
  const Measured aligned = snapshotUnderBackpressure(Configuration(), false);
  // The barrier queued behind a full channel: every record in it was processed first.
  EXPECT_GE(aligned.processed_before_snapshot, (kChannelCapacityBatches - 1) * kBatch);
  EXPECT_EQ(aligned.channel_state_bytes, 0);
  EXPECT_FALSE(aligned.stats.unaligned);
  EXPECT_EQ(aligned.stats.persisted_data, 0);
}

TEST(UnalignedCheckpointTest, AnUnalignedCheckpointOvertakesTheQueuedRecordsAndPersistsThem) {
  Configuration conf;
  conf.setString("execution.checkpointing.unaligned.enabled", "true");
  const Measured unaligned = snapshotUnderBackpressure(conf, false);
  // The source waits for one free slot before it takes its snapshot, and the slow
  // operator finishes the batch it is in: the rest of the channel is overtaken.
  EXPECT_LE(unaligned.processed_before_snapshot, 3 * kBatch);
  EXPECT_GT(unaligned.channel_state_bytes, (kChannelCapacityBatches - 4) * kBatch * 8);
  EXPECT_TRUE(unaligned.stats.unaligned);
  EXPECT_EQ(unaligned.stats.persisted_data, unaligned.channel_state_bytes);
  bool subtask_unaligned = false;
  for (const runtime::TaskCheckpointStats& task : unaligned.stats.tasks) {
    for (const runtime::SubtaskCheckpointStats& subtask : task.acknowledged) subtask_unaligned |= subtask.unaligned;
  }
  EXPECT_TRUE(subtask_unaligned);
}

TEST(UnalignedCheckpointTest, ASavepointIsAlignedWhileUnalignedCheckpointsAreOn) {
  Configuration conf;
  conf.setString("execution.checkpointing.unaligned.enabled", "true");
  const Measured savepoint = snapshotUnderBackpressure(conf, true);
  EXPECT_GE(savepoint.processed_before_snapshot, (kChannelCapacityBatches - 1) * kBatch);
  EXPECT_EQ(savepoint.channel_state_bytes, 0);
  EXPECT_TRUE(savepoint.stats.is_savepoint);
  EXPECT_FALSE(savepoint.stats.unaligned);
}

TEST(UnalignedCheckpointTest, AnAlignedCheckpointTimeoutStartsAlignedAndSwitches) {
  Configuration conf;
  // Flink's older key of the option.
  conf.setString("execution.checkpointing.unaligned", "true");
  conf.setString("execution.checkpointing.aligned-checkpoint-timeout", "1 h");
  const Measured never = snapshotUnderBackpressure(conf, false);
  EXPECT_GE(never.processed_before_snapshot, (kChannelCapacityBatches - 1) * kBatch);
  EXPECT_EQ(never.channel_state_bytes, 0);
  EXPECT_FALSE(never.stats.unaligned);

  // Aligning a full channel takes at least 64 ms: after 20 ms the barrier overtakes.
  conf.setString("execution.checkpointing.aligned-checkpoint-timeout", "20 ms");
  const Measured switched = snapshotUnderBackpressure(conf, false);
  EXPECT_LT(switched.processed_before_snapshot, (kChannelCapacityBatches - 1) * kBatch);
  EXPECT_GT(switched.channel_state_bytes, 0);
  EXPECT_TRUE(switched.stats.unaligned);
  EXPECT_EQ(switched.stats.persisted_data, switched.channel_state_bytes);
}

TEST(UnalignedCheckpointTest, AtLeastOnceRefusesUnalignedCheckpoints) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
  env->enableCheckpointing(50, runtime::CheckpointingMode::AT_LEAST_ONCE);
  env->getCheckpointConfig().enableUnalignedCheckpoints();
  EXPECT_TRUE(env->getCheckpointConfig().isUnalignedCheckpointsEnabled());
  env->fromElements<int64_t>(1, 2, 3).rebalance().print();
  auto result = env->execute("at least once");
  EXPECT_EQ(result.status(), InvalidArgument("Cannot use unaligned checkpoints with AT_LEAST_ONCE checkpointing mode"));
}

// A slow sink: 2 ms per batch; keeps what it took.
struct Collected {
  std::mutex mutex;
  std::vector<KeyValue> values;
};

class SlowCollectSink final : public Sink<KeyValue> {
 public:
  SlowCollectSink(std::shared_ptr<Collected> collected, milliseconds delay)
      : collected_(std::move(collected)), delay_(delay) {}
  std::unique_ptr<SinkWriter<KeyValue>> createWriter(const SinkWriterContext&) override {
    return std::make_unique<Writer>(collected_, delay_);
  }

 private:
  class Writer final : public SinkWriter<KeyValue> {
   public:
    Writer(std::shared_ptr<Collected> collected, milliseconds delay) : collected_(std::move(collected)), delay_(delay) {}
    void write(const KeyValue& value, int64_t) override {
      std::lock_guard<std::mutex> lock(collected_->mutex);
      collected_->values.push_back(value);
    }
    void writeBatch(const runtime::RecordBatch<KeyValue>& batch) override {
      if (delay_.count() > 0) std::this_thread::sleep_for(delay_);
      std::lock_guard<std::mutex> lock(collected_->mutex);
      for (size_t i = 0; i < batch.size(); ++i) collected_->values.push_back(batch.values[i]);
    }

   private:
    std::shared_ptr<Collected> collected_;
    milliseconds delay_;
  };

  std::shared_ptr<Collected> collected_;
  milliseconds delay_;
};

// Keeps each key's sum of values in keyed state and emits the running sum.
template <typename Function>
class KeyedSum : public Function {
 public:
  void open() override { sum_ = this->getRuntimeContext().getState(state::ValueStateDescriptor<int64_t>("sum")); }

 protected:
  void add(const KeyValue& kv, Collector<KeyValue>& out) {
    const int64_t sum = sum_->value().value_or(0) + kv.second;
    sum_->update(sum);
    out.collect(KeyValue{kv.first, sum});
  }

 private:
  state::ValueState<int64_t>* sum_ = nullptr;
};

// Sums the values of both inputs per key.
class SumBothInputs final : public KeyedSum<KeyedCoProcessFunction<int64_t, KeyValue, KeyValue, KeyValue>> {
 public:
  void processElement1(const KeyValue& kv, Context&, Collector<KeyValue>& out) override { add(kv, out); }
  void processElement2(const KeyValue& kv, Context&, Collector<KeyValue>& out) override { add(kv, out); }
};

// Sums the values of its input per key.
class SumOneInput final : public KeyedSum<KeyedProcessFunction<int64_t, KeyValue, KeyValue>> {
 public:
  void processElement(const KeyValue& kv, Context&, Collector<KeyValue>& out) override { add(kv, out); }
};

constexpr int64_t kPerInput = 300'000;
constexpr int64_t kKeys = 10;

// Two unthrottled sources of kKeys keys, with values 0… and kPerInput…: every record's value
// is distinct.
std::pair<DataStream<KeyValue>, DataStream<KeyValue>> twoSources(StreamExecutionEnvironment& env) {
  auto first = connectors::makeDataGeneratorSource([](int64_t i) { return KeyValue{i % kKeys, i}; }, kPerInput);
  auto second =
      connectors::makeDataGeneratorSource([](int64_t i) { return KeyValue{i % kKeys, kPerInput + i}; }, kPerInput);
  return {env.fromSource(first, WatermarkStrategy<KeyValue>::noWatermarks(), "First").uid("first"),
          env.fromSource(second, WatermarkStrategy<KeyValue>::noWatermarks(), "Second").uid("second")};
}

// The two sources → a keyed two-input sum → a sink taking `delay` per batch, chained to the
// sum.
std::shared_ptr<Collected> buildTwoInputJob(StreamExecutionEnvironment& env, milliseconds delay) {
  auto [first, second] = twoSources(env);
  auto key = [](const KeyValue& kv) { return kv.first; };
  auto collected = std::make_shared<Collected>();
  first.connect(second)
      .keyBy(key, key)
      .process(SumBothInputs{})
      .uid("sums")
      .sinkTo(std::make_shared<SlowCollectSink>(collected, delay), "Collect");
  return collected;
}

// Runs the two-input job under backpressure with unaligned checkpoints (and `conf`), and
// returns a checkpoint taken `after` it started (null if none could be taken).
std::shared_ptr<const runtime::CompletedCheckpoint> unalignedCheckpointOfTwoInputJob(const Configuration& conf,
                                                                                     milliseconds after) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(conf);
  env->getCheckpointConfig().enableUnalignedCheckpoints();
  buildTwoInputJob(*env, milliseconds(2));
  auto client = env->executeAsync("two inputs");
  EXPECT_TRUE(client.ok()) << client.status().toString();
  if (!client.ok()) return nullptr;
  std::this_thread::sleep_for(after);
  auto taken = (*client)->triggerCheckpoint();
  (*client)->cancel();
  (void)(*client)->waitForCompletion();
  EXPECT_TRUE(taken.ok()) << taken.status().toString();
  return taken.ok() ? *taken : nullptr;
}

// Each key's sum of all values of both inputs: what any run that counts every record exactly
// once ends with.
std::map<int64_t, int64_t> expectedSums() {
  std::map<int64_t, int64_t> expected;
  for (int64_t i = 0; i < kPerInput; ++i) {
    expected[i % kKeys] += i;
    expected[i % kKeys] += kPerInput + i;
  }
  return expected;
}

std::map<int64_t, int64_t> lastSums(const Collected& collected) {
  std::map<int64_t, int64_t> last;
  for (const auto& [k, sum] : collected.values) last[k] = sum;
  return last;
}

// The bytes of in-flight data operator `uid`'s subtasks hold, by input.
std::map<int, size_t> channelStateBytes(const runtime::CompletedCheckpoint& checkpoint, const std::string& uid) {
  std::map<int, size_t> bytes_by_input;
  for (const auto& [subtask, part] : checkpoint.operators.at(uid).subtasks) {
    for (const runtime::InputChannelState& channel : part.input_channel_state) {
      bytes_by_input[channel.input] += channel.data.size();
    }
  }
  return bytes_by_input;
}

TEST(UnalignedCheckpointTest, RestoringReplaysTheInFlightRecordsExactlyOnce) {
  testing::TempDir dir("eddy_unaligned");
  Configuration conf;
  conf.setString("state.checkpoints.dir", dir.path());
  conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
  const auto checkpoint = unalignedCheckpointOfTwoInputJob(conf, milliseconds(200));
  ASSERT_TRUE(checkpoint);
  // Both inputs' channels were full: each holds in-flight data of the keyed operator.
  std::map<int, size_t> bytes_by_input = channelStateBytes(*checkpoint, "sums");
  EXPECT_GT(bytes_by_input[0], 0u);
  EXPECT_GT(bytes_by_input[1], 0u);

  // Restored from its _metadata, as `eddy run -s <path>` does.
  ASSERT_FALSE(checkpoint->external_pointer.empty());
  Configuration restore;
  restore.setString("execution.savepoint.path", checkpoint->external_pointer);
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(restore);
  auto collected = buildTwoInputJob(*env, milliseconds(0));
  auto result = env->execute("two inputs restored");
  ASSERT_TRUE(result.ok()) << result.status().toString();
  // Every record counted exactly once: each key's last sum is that of all its values.
  EXPECT_EQ(lastSums(*collected), expectedSums());
}

TEST(UnalignedCheckpointTest, KeyedInFlightDataRestoresAtAnotherParallelismByKeyGroup) {
  Configuration conf;
  conf.setString("parallelism.default", "2");
  const auto checkpoint = unalignedCheckpointOfTwoInputJob(conf, milliseconds(200));
  ASSERT_TRUE(checkpoint);
  EXPECT_EQ(checkpoint->operators.at("sums").parallelism, 2);
  std::map<int, size_t> bytes_by_input = channelStateBytes(*checkpoint, "sums");
  EXPECT_GT(bytes_by_input[0], 0u);
  EXPECT_GT(bytes_by_input[1], 0u);
  // Every record of the old channels reaches the subtask owning its key, once.
  for (int parallelism : {1, 4}) {
    SCOPED_TRACE(parallelism);
    auto env = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
    env->setParallelism(parallelism);
    env->setRestoreFrom(checkpoint);
    auto collected = buildTwoInputJob(*env, milliseconds(0));
    auto result = env->execute("two inputs rescaled");
    ASSERT_TRUE(result.ok()) << result.status().toString();
    EXPECT_EQ(lastSums(*collected), expectedSums());
  }
}

// Passes records on, taking `delay` per 256 of them.
class SlowForward final : public ProcessFunction<KeyValue, KeyValue> {
 public:
  explicit SlowForward(milliseconds delay) : delay_(delay) {}
  void processElement(const KeyValue& kv, Context&, Collector<KeyValue>& out) override {
    if (delay_.count() > 0 && ++count_ % 256 == 0) std::this_thread::sleep_for(delay_);
    out.collect(kv);
  }

 private:
  milliseconds delay_;
  int64_t count_ = 0;
};

// The two sources, unioned → rebalance → a forwarding operator taking `delay` per 256
// records → the keyed sum → a sink.
std::shared_ptr<Collected> buildRebalanceJob(StreamExecutionEnvironment& env, milliseconds delay) {
  auto [first, second] = twoSources(env);
  auto collected = std::make_shared<Collected>();
  first.union_(second)
      .rebalance()
      .process(SlowForward(delay))
      .uid("forward")
      .keyBy([](const KeyValue& kv) { return kv.first; })
      .process(SumOneInput{})
      .uid("sums")
      .sinkTo(std::make_shared<SlowCollectSink>(collected, milliseconds(0)), "Collect");
  return collected;
}

TEST(UnalignedCheckpointTest, RebalancedInFlightDataRestoresAtAnotherParallelism) {
  Configuration conf;
  conf.setString("parallelism.default", "2");
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(conf);
  env->getCheckpointConfig().enableUnalignedCheckpoints();
  buildRebalanceJob(*env, milliseconds(2));
  auto client = env->executeAsync("rebalance");
  ASSERT_TRUE(client.ok()) << client.status().toString();
  std::this_thread::sleep_for(milliseconds(100));
  auto checkpoint = (*client)->triggerCheckpoint();
  (*client)->cancel();
  (void)(*client)->waitForCompletion();
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.status().toString();
  EXPECT_GT(channelStateBytes(**checkpoint, "forward")[0], 0u);
  for (int parallelism : {1, 3}) {
    SCOPED_TRACE(parallelism);
    auto restored = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
    restored->setParallelism(parallelism);
    restored->setRestoreFrom(*checkpoint);
    auto collected = buildRebalanceJob(*restored, milliseconds(0));
    auto result = restored->execute("rebalance rescaled");
    ASSERT_TRUE(result.ok()) << result.status().toString();
    EXPECT_EQ(lastSums(*collected), expectedSums());
  }
}

}  // namespace
}  // namespace eddy
