#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/tests/temp_dir.h"
#include "eddy/connectors/datagen_source.h"
#include "eddy/datastream.h"

namespace eddy {
namespace {

using KeyKind = std::pair<int64_t, int64_t>;  // key, what happened
constexpr int64_t kSeen = 0;
constexpr int64_t kEventTimer = 1;
constexpr int64_t kProcessingTimer = 2;
constexpr int64_t kRecords = 3000;
// Event time never gets there before the end of input (the MAX watermark).
constexpr int64_t kFar = 1'000'000'000;

// One key per record: an event-time timer at kFar + key and a processing-time timer one
// second later per record; reports each record and each timer that fires.
class TimersPerRecord final : public KeyedProcessFunction<int64_t, int64_t, KeyKind> {
 public:
  void processElement(const int64_t& i, Context& ctx, Collector<KeyKind>& out) override {
    ctx.timerService().registerEventTimeTimer(kFar + i);
    ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 1000);
    out.collect({i, kSeen});
  }
  void onTimer(int64_t timestamp, OnTimerContext& ctx, Collector<KeyKind>& out) override {
    if (ctx.timeDomain() == TimeDomain::EVENT_TIME) {
      EXPECT_EQ(timestamp, kFar + ctx.getCurrentKey());
      out.collect({ctx.getCurrentKey(), kEventTimer});
    } else {
      out.collect({ctx.getCurrentKey(), kProcessingTimer});
    }
  }
};

// DataGen (3 s at 1000 records/s, one instance) → keyBy → TimersPerRecord → collect.
std::shared_ptr<connectors::CollectedRecords<KeyKind>> buildTimerJob(StreamExecutionEnvironment& env) {
  auto source = connectors::makeDataGeneratorSource([](int64_t i) { return i; }, kRecords,
                                                    connectors::RateLimiterStrategy::perSecond(1000));
  auto records = std::make_shared<connectors::CollectedRecords<KeyKind>>();
  env.fromSource(source, WatermarkStrategy<int64_t>::noWatermarks(), "Numbers")
      .setParallelism(1)
      .uid("numbers")
      .keyBy([](const int64_t& i) { return i; })
      .process(TimersPerRecord{})
      .uid("timers")
      .sinkTo(std::make_shared<connectors::CollectSink<KeyKind>>(records), "Collect");
  return records;
}

// The keys of `records` of kind `kind`, sorted.
std::vector<int64_t> keysOf(const std::vector<KeyKind>& records, int64_t kind) {
  std::vector<int64_t> keys;
  for (const auto& [key, what] : records) {
    if (what == kind) keys.push_back(key);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::vector<int64_t> range(int64_t from, int64_t to) {
  std::vector<int64_t> keys;
  for (int64_t k = from; k < to; ++k) keys.push_back(k);
  return keys;
}

// Takes a checkpoint 300 ms into the job at parallelism 2 and cancels it (no timer has fired
// yet), restores it at parallelism 3, and checks that every timer fires exactly once.
void checkTimersSurviveRestore(const Configuration& conf, bool restore_from_path) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(conf);
  env->setParallelism(2);
  buildTimerJob(*env);
  auto client = env->executeAsync("timers");
  ASSERT_TRUE(client.ok()) << client.status().toString();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto checkpoint = (*client)->triggerCheckpoint();
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.status().toString();
  (*client)->cancel();
  (void)(*client)->waitForCompletion();

  Configuration restore_conf = conf;
  if (restore_from_path) restore_conf.setString("execution.savepoint.path", (*checkpoint)->external_pointer);
  auto restored_env = StreamExecutionEnvironment::getExecutionEnvironment(restore_conf);
  restored_env->setParallelism(3);
  if (!restore_from_path) restored_env->setRestoreFrom(*checkpoint);
  auto records = buildTimerJob(*restored_env);
  auto result = restored_env->execute("timers restored");
  ASSERT_TRUE(result.ok()) << result.status().toString();

  // The source resumes at record R; the timers of keys [0, R) come from the checkpoint.
  const std::vector<int64_t> seen = keysOf(records->values(), kSeen);
  ASSERT_FALSE(seen.empty());
  const int64_t resumed_at = seen.front();
  EXPECT_GT(resumed_at, 0);
  EXPECT_EQ(seen, range(resumed_at, kRecords));
  // Every event-time timer fires once, at the end of input: restored ones and new ones.
  EXPECT_EQ(keysOf(records->values(), kEventTimer), range(0, kRecords));
  // The restored processing-time timers came due while the job ran: each fires once.
  std::map<int64_t, int> fired;
  for (int64_t key : keysOf(records->values(), kProcessingTimer)) ++fired[key];
  for (int64_t key = 0; key < resumed_at; ++key) EXPECT_EQ(fired[key], 1) << "key " << key;
  for (const auto& [key, n] : fired) EXPECT_EQ(n, 1) << "key " << key;
}

TEST(TimerCheckpointTest, TimersOfTheHeapBackendAreRestoredAndRescaledAndFireOnce) {
  checkTimersSurviveRestore(Configuration(), false);
}

TEST(TimerCheckpointTest, TimersBesideIncrementalRocksDBStateAreRestoredAndRescaledAndFireOnce) {
  testing::TempDir dir("eddy_timer_checkpoints");
  Configuration conf;
  conf.setString("state.checkpoints.dir", dir.path());
  conf.setString("state.backend.type", "rocksdb");
  conf.setString("state.backend.incremental", "true");
  conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
  checkTimersSurviveRestore(conf, true);
}

}  // namespace
}  // namespace eddy
