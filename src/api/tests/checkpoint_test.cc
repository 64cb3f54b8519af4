#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <atomic>
#include <future>
#include <sstream>

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "eddy/connectors/datagen_source.h"
#include "eddy/common/logging.h"
#include "eddy/connectors/file_source.h"
#include "common/tests/temp_dir.h"
#include "eddy/datastream.h"
#include "eddy/runtime/job_listener.h"
#include "sum_job.h"

namespace eddy {
namespace {

using testing::KeyValue;
using testing::lastPerKey;
constexpr int64_t kRecords = 20000;
constexpr int64_t kKeys = 10;
constexpr testing::SumJob kSumJob{kRecords, kKeys};

// Waits (at most 10 s) for a completed checkpoint with id >= `min_id`, then cancels the
// job; returns the newest completed checkpoint (null if none).
std::shared_ptr<const runtime::CompletedCheckpoint> cancelAfterCheckpoint(runtime::JobClient& client,
                                                                          int64_t min_id) {
  std::shared_ptr<const runtime::CompletedCheckpoint> checkpoint;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    checkpoint = client.getLatestCompletedCheckpoint();
    if (checkpoint && checkpoint->checkpoint_id >= min_id) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  client.cancel();
  (void)client.waitForCompletion();
  return client.getLatestCompletedCheckpoint();
}

// Runs the job with checkpoints until one completes with id >= `min_id`, then cancels it.
std::shared_ptr<const runtime::CompletedCheckpoint> runUntilCheckpoint(int parallelism, int64_t min_id) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
  env->setParallelism(parallelism);
  env->enableCheckpointing(20);
  kSumJob.build(*env);
  auto client = env->executeAsync("sums");
  EXPECT_TRUE(client.ok()) << client.status().toString();
  return cancelAfterCheckpoint(**client, min_id);
}

TEST(CheckpointTest, RestoredJobGivesTheSameResultAsAnUninterruptedRun) {
  auto checkpoint = runUntilCheckpoint(2, 2);
  ASSERT_TRUE(checkpoint);
  ASSERT_TRUE(checkpoint->operators.contains("numbers"));
  ASSERT_TRUE(checkpoint->operators.contains("sums"));
  EXPECT_EQ(checkpoint->operators.at("sums").subtasks.size(), 2u);

  auto env = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
  env->setParallelism(2);
  env->setRestoreFrom(checkpoint);
  auto records = kSumJob.build(*env);
  auto result = env->execute("sums restored");
  ASSERT_TRUE(result.ok()) << result.status().toString();
  // Sums continue from the checkpointed state and the source from its checkpointed
  // position: every record counted exactly once.
  EXPECT_EQ(lastPerKey(records->values()), kSumJob.expectedSums());
  EXPECT_LT(records->size(), static_cast<size_t>(kRecords));
}

TEST(CheckpointTest, RestoresAtAnotherParallelismByKeyGroupsAndSplits) {
  auto checkpoint = runUntilCheckpoint(2, 1);
  ASSERT_TRUE(checkpoint);
  for (int parallelism : {1, 3}) {
    auto env = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
    env->setParallelism(parallelism);
    env->setRestoreFrom(checkpoint);
    auto records = kSumJob.build(*env);
    auto result = env->execute("sums rescaled");
    ASSERT_TRUE(result.ok()) << result.status().toString();
    EXPECT_EQ(lastPerKey(records->values()), kSumJob.expectedSums()) << "parallelism " << parallelism;
  }
}

TEST(CheckpointTest, KeyedStateWithoutUidIsWarnedAboutAtSubmission) {
  std::ostringstream captured;
  auto saved = log::logger().sinks();
  log::setSinks({std::make_shared<spdlog::sinks::ostream_sink_mt>(captured)});
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
  auto result = env->fromElements(KeyValue{1, 1}, KeyValue{1, 2})
                    .keyBy([](const KeyValue& kv) { return kv.first; })
                    .reduce([](const KeyValue& a, const KeyValue& b) { return KeyValue{a.first, a.second + b.second}; })
                    .name("Sum")
                    .executeAndCollect();
  log::setSinks(saved);
  ASSERT_TRUE(result.ok());
  EXPECT_NE(captured.str().find("Operator 'Sum' holds keyed state but has no uid(); its state is mapped by the "
                                "generated id 'auto-1-Sum'"),
            std::string::npos)
      << captured.str();
}

TEST(CheckpointTest, StateOfAMissingOperatorFailsTheRestoreUnlessAllowed) {
  auto checkpoint = runUntilCheckpoint(1, 1);
  ASSERT_TRUE(checkpoint);
  for (bool allow : {false, true}) {
    auto env = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
    env->setRestoreFrom(checkpoint, allow);
    // The same source without the stateful "sums" operator.
    auto source = connectors::makeDataGeneratorSource([](int64_t i) { return KeyValue{i % kKeys, i}; }, kRecords);
    auto records = env->fromSource(source, WatermarkStrategy<KeyValue>::noWatermarks(), "Numbers")
                       .uid("numbers")
                       .executeAndCollect("without sums");
    if (allow) {
      ASSERT_TRUE(records.ok()) << records.status().toString();
      EXPECT_LT(records->size(), static_cast<size_t>(kRecords));  // resumed, not restarted
    } else {
      ASSERT_FALSE(records.ok());
      EXPECT_NE(records.status().message().find("Cannot map checkpoint/savepoint state for operator sums to the new "
                                                "program, because the operator is not available in the new program."),
                std::string::npos)
          << records.status().toString();
    }
  }
}

TEST(CheckpointTest, CheckpointsAreWrittenToStorageAndRestoredFromTheirPath) {
  testing::TempDir dir("eddy_checkpoints");
  Configuration conf;
  conf.setString("execution.checkpointing.interval", "20 ms");
  conf.setString("state.checkpoints.dir", dir.path());
  conf.setString("execution.checkpointing.num-retained", "2");
  // Flink's default deletes them when the job is cancelled.
  conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(conf);
  env->setParallelism(2);
  kSumJob.build(*env);
  auto client = env->executeAsync("sums");
  ASSERT_TRUE(client.ok()) << client.status().toString();
  auto checkpoint = cancelAfterCheckpoint(**client, 3);
  ASSERT_TRUE(checkpoint);

  // Flink's layout: <dir>/<job id>/chk-N/_metadata, the newest two retained.
  std::string job_dir = dir.path() + "/" + (*client)->getJobID();
  std::string pointer = job_dir + "/chk-" + std::to_string(checkpoint->checkpoint_id);
  EXPECT_EQ(checkpoint->external_pointer, pointer);
  EXPECT_TRUE(std::filesystem::exists(pointer + "/_metadata"));
  EXPECT_TRUE(std::filesystem::exists(job_dir + "/shared"));
  EXPECT_TRUE(std::filesystem::exists(job_dir + "/taskowned"));
  EXPECT_FALSE(std::filesystem::exists(job_dir + "/chk-" + std::to_string(checkpoint->checkpoint_id - 2)));

  // Restore as `eddy run -s <path>` does, at another parallelism.
  Configuration restore;
  restore.setString("execution.savepoint.path", pointer);
  auto restored = StreamExecutionEnvironment::getExecutionEnvironment(restore);
  restored->setParallelism(3);
  auto records = kSumJob.build(*restored);
  auto result = restored->execute("sums from storage");
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(lastPerKey(records->values()), kSumJob.expectedSums());
}

TEST(CheckpointTest, ARestorePathWithoutACheckpointIsAnError) {
  testing::TempDir dir("eddy_no_checkpoint");
  Configuration restore;
  restore.setString("execution.savepoint.path", dir.path());
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(restore);
  auto records = kSumJob.build(*env);
  auto result = env->execute("nothing to restore");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find(dir.path()), std::string::npos) << result.status().toString();
}

// Lines "key,value" read by a FileSource, slowed down so that checkpoints fall in the middle.
std::shared_ptr<connectors::CollectedRecords<KeyValue>> buildFileSumJob(StreamExecutionEnvironment& env,
                                                                       const std::string& dir) {
  auto records = std::make_shared<connectors::CollectedRecords<KeyValue>>();
  auto source = connectors::FileSource::forRecordStreamFormat(connectors::TextLineInputFormat(), dir).build();
  env.fromSource(source, WatermarkStrategy<std::string>::noWatermarks(), "Lines")
      .uid("lines")
      .map([](const std::string& line) {
        int64_t i = std::stoll(line.substr(line.find(',') + 1));
        if (i % 20 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return KeyValue{std::stoll(line.substr(0, line.find(','))), i};
      })
      .keyBy([](const KeyValue& kv) { return kv.first; })
      .reduce([](const KeyValue& a, const KeyValue& b) { return KeyValue{a.first, a.second + b.second}; })
      .uid("sums")
      .sinkTo(std::make_shared<connectors::CollectSink<KeyValue>>(records), "Collect");
  return records;
}

TEST(CheckpointTest, FileSourceResumesAfterTheLinesItHadRead) {
  testing::TempDir dir("eddy_file_checkpoint");
  for (int f = 0; f < 3; ++f) {
    std::string text;
    for (int64_t i = f; i < kRecords; i += 3) text += std::to_string(i % kKeys) + "," + std::to_string(i) + "\n";
    dir.write("part-" + std::to_string(f), text);
  }
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
  env->setParallelism(2);
  env->enableCheckpointing(20);
  buildFileSumJob(*env, dir.path());
  auto client = env->executeAsync("file sums");
  ASSERT_TRUE(client.ok());
  auto checkpoint = cancelAfterCheckpoint(**client, 2);
  ASSERT_TRUE(checkpoint);

  auto restored = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
  restored->setParallelism(1);
  restored->setRestoreFrom(checkpoint);
  auto records = buildFileSumJob(*restored, dir.path());
  auto result = restored->execute("file sums restored");
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(lastPerKey(records->values()), kSumJob.expectedSums());
  EXPECT_LT(records->size(), static_cast<size_t>(kRecords));
}

// The sum job with a map that throws once, at record `fail_at`, in the first attempt only.
std::shared_ptr<connectors::CollectedRecords<KeyValue>> buildFailingSumJob(StreamExecutionEnvironment& env,
                                                                          std::shared_ptr<std::atomic<bool>> failed) {
  auto source = connectors::makeDataGeneratorSource([](int64_t i) { return KeyValue{i % kKeys, i}; }, kRecords,
                                                    connectors::RateLimiterStrategy::perSecond(40000));
  auto records = std::make_shared<connectors::CollectedRecords<KeyValue>>();
  env.fromSource(source, WatermarkStrategy<KeyValue>::noWatermarks(), "Numbers")
      .uid("numbers")
      .map([failed](const KeyValue& kv) {
        if (kv.second == 12345 && !failed->exchange(true)) throw std::runtime_error("failing once at 12345");
        return kv;
      })
      .name("Fragile")
      .keyBy([](const KeyValue& kv) { return kv.first; })
      .reduce([](const KeyValue& a, const KeyValue& b) { return KeyValue{a.first, a.second + b.second}; })
      .uid("sums")
      .sinkTo(std::make_shared<connectors::CollectSink<KeyValue>>(records), "Collect");
  return records;
}

TEST(RestartStrategyTest, AFailedJobRestartsFromItsLatestCheckpointAndFinishesExactly) {
  Configuration conf;
  conf.setString("execution.checkpointing.interval", "20 ms");
  conf.setString("restart-strategy.type", "fixed-delay");
  conf.setString("restart-strategy.fixed-delay.attempts", "2");
  conf.setString("restart-strategy.fixed-delay.delay", "10 ms");
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(conf);
  env->setParallelism(2);
  auto failed = std::make_shared<std::atomic<bool>>(false);
  auto records = buildFailingSumJob(*env, failed);
  auto result = env->execute("restarting sums");
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_TRUE(failed->load());
  // The sums restart from the checkpointed state: each record counts once in the final
  // values (the collect sink itself is not transactional and may see some twice).
  EXPECT_EQ(lastPerKey(records->values()), kSumJob.expectedSums());
  // Restarted from a checkpoint, not from scratch: only the records after the checkpoint
  // (about 20 ms of input) are replayed, not the ~4700 before the failure.
  EXPECT_LT(records->size(), static_cast<size_t>(kRecords + 3000));
}

TEST(RestartStrategyTest, WithoutAttemptsLeftTheJobFails) {
  Configuration conf;
  conf.setString("execution.checkpointing.interval", "20 ms");
  conf.setString("restart-strategy.type", "fixed-delay");
  conf.setString("restart-strategy.fixed-delay.attempts", "0");
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(conf);
  buildFailingSumJob(*env, std::make_shared<std::atomic<bool>>(false));
  auto result = env->execute("no restarts left");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("operator 'Fragile' failed: failing once at 12345"), std::string::npos)
      << result.status().toString();
}

TEST(RestartStrategyTest, AnUnknownStrategyIsAnErrorNamingTheKey) {
  Configuration conf;
  conf.setString("restart-strategy.type", "sometimes");
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(conf);
  env->fromElements(1).print();
  auto result = env->execute();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(),
            "Unknown restart strategy 'sometimes' for key 'restart-strategy.type': expected none, fixed-delay or "
            "exponential-delay");
}

TEST(CheckpointTest, MinPauseSpacesCheckpoints) {
  // execution.checkpointing.min-pause: with a 10 ms interval but a 150 ms pause, a 1 s job
  // takes at most 1000 / 150 + 1 checkpoints; without the pause it takes many more.
  auto count_checkpoints = [](const char* min_pause) {
    Configuration conf;
    conf.setString("execution.checkpointing.interval", "10 ms");
    conf.setString("execution.checkpointing.min-pause", min_pause);
    auto env = StreamExecutionEnvironment::getExecutionEnvironment(conf);
    kSumJob.build(*env);
    auto client = env->executeAsync("paced");
    EXPECT_TRUE(client.ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    auto latest = (*client)->getLatestCompletedCheckpoint();
    (*client)->cancel();
    (void)(*client)->waitForCompletion();
    return latest ? latest->checkpoint_id : 0;
  };
  int64_t paced = count_checkpoints("150 ms");
  int64_t unpaced = count_checkpoints("0 ms");
  EXPECT_GE(paced, 1);
  EXPECT_LE(paced, 7);
  EXPECT_GT(unpaced, 2 * paced);
}

// An endless source of 0, 1, 2, … emitting a record every `period`; a checkpoint trigger
// waits for the reader's current poll. Without `checkpointable` its reader keeps no position.
class TickingSource final : public Source<int64_t> {
 public:
  TickingSource(std::chrono::milliseconds period, bool checkpointable)
      : period_(period), checkpointable_(checkpointable) {}
  Boundedness getBoundedness() const override { return Boundedness::kContinuousUnbounded; }
  std::unique_ptr<SourceReader<int64_t>> createReader(const SourceReaderContext&) override {
    return std::make_unique<Reader>(period_, checkpointable_);
  }

 private:
  class Reader final : public SourceReader<int64_t> {
   public:
    Reader(std::chrono::milliseconds period, bool checkpointable) : period_(period), checkpointable_(checkpointable) {}
    InputStatus pollNext(runtime::RecordBatch<int64_t>& out) override {
      std::this_thread::sleep_for(period_);
      out.add(next_++, runtime::kNoTimestamp);
      return InputStatus::kMoreAvailable;
    }
    Result<std::vector<std::string>> snapshotState(int64_t id) override {
      if (!checkpointable_) return SourceReader<int64_t>::snapshotState(id);
      return std::vector<std::string>{};
    }

   private:
    std::chrono::milliseconds period_;
    bool checkpointable_;
    int64_t next_ = 0;
  };
  std::chrono::milliseconds period_;
  bool checkpointable_;
};

TEST(CheckpointTest, ExpiredCheckpointsFailTheJobPastTheTolerableNumber) {
  Configuration conf;
  conf.setString("execution.checkpointing.interval", "10 ms");
  conf.setString("execution.checkpointing.timeout", "20 ms");
  conf.setString("execution.checkpointing.tolerable-failed-checkpoints", "2");
  // Flink's default with checkpointing is to restart (exponential-delay); fail for good here.
  conf.setString("restart-strategy.type", "none");
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(conf);
  env->fromSource(std::shared_ptr<Source<int64_t>>(std::make_shared<TickingSource>(std::chrono::milliseconds(200), true)),
                  WatermarkStrategy<int64_t>::noWatermarks(), "Slow")
      .print();
  auto client = env->executeAsync("expiring");
  ASSERT_TRUE(client.ok());
  auto waited = std::async(std::launch::async, [&] { return (*client)->waitForCompletion(); });
  if (waited.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
    (*client)->cancel();  // so that the future's destructor does not wait forever
    FAIL() << "the job did not fail";
  }
  Status status = waited.get();
  EXPECT_EQ(status.message(),
            "Exceeded checkpoint tolerable failure threshold. The latest checkpoint failed due to Checkpoint expired "
            "before completing., view the Checkpoint History tab or the Job Manager log to find out why continuous "
            "checkpoints failed.");
  EXPECT_EQ((*client)->getJobStatus(), runtime::JobStatus::kFailed);
}

// Keeps the checkpoint statistics of the jobs the thread starts.
class StatsListener final : public runtime::JobListener {
 public:
  void onJobSubmitted(const runtime::JobSubmission& submission) override { stats = submission.checkpoint_stats; }
  std::shared_ptr<const runtime::CheckpointStatsTracker> stats;
};

// Runs a source whose records a slow map takes 20 ms per batch to go through, with a
// checkpoint every 5 ms, for 600 ms; returns how many completed checkpoints were triggered
// before the one before them completed, and how many completed.
std::pair<int, int> overlappingCheckpoints(const char* max_concurrent) {
  Configuration conf;
  conf.setString("execution.checkpointing.interval", "5 ms");
  conf.setString("execution.checkpointing.max-concurrent-checkpoints", max_concurrent);
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(conf);
  env->fromSource(std::shared_ptr<Source<int64_t>>(std::make_shared<TickingSource>(std::chrono::milliseconds(1), true)),
                  WatermarkStrategy<int64_t>::noWatermarks(), "Ticks")
      .map([](int64_t v) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        return v;
      })
      .disableChaining()
      .filter([](int64_t) { return false; })
      .print();
  StatsListener listener;
  eddySetThreadJobListener(&listener);
  auto client = env->executeAsync("overlapping");
  eddySetThreadJobListener(nullptr);
  EXPECT_TRUE(client.ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  (*client)->cancel();
  (void)(*client)->waitForCompletion();
  std::vector<runtime::CheckpointStats> completed;
  for (const runtime::CheckpointStats& stats : listener.stats->snapshot().history) {
    if (stats.status == runtime::CheckpointStatsStatus::kCompleted) completed.push_back(stats);
  }
  int overlaps = 0;
  for (size_t i = 0; i + 1 < completed.size(); ++i) {  // newest first
    if (completed[i].trigger_timestamp < completed[i + 1].latest_ack_timestamp) ++overlaps;
  }
  return {overlaps, static_cast<int>(completed.size())};
}

TEST(CheckpointTest, MaxConcurrentCheckpointsLetsCheckpointsOverlap) {
  auto [serial_overlaps, serial_completed] = overlappingCheckpoints("1");
  EXPECT_GE(serial_completed, 2);
  EXPECT_EQ(serial_overlaps, 0);
  auto [concurrent_overlaps, concurrent_completed] = overlappingCheckpoints("3");
  EXPECT_GE(concurrent_completed, 2);
  EXPECT_GE(concurrent_overlaps, 1);
}

TEST(CheckpointTest, MaxConcurrentCheckpointsMustBePositive) {
  Configuration conf;
  conf.setString("execution.checkpointing.interval", "5 ms");
  conf.setString("execution.checkpointing.max-concurrent-checkpoints", "0");
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(conf);
  env->fromElements(1).print();
  auto result = env->execute();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(),
            "Invalid value 0 for key 'execution.checkpointing.max-concurrent-checkpoints': it must be at least 1");
}

TEST(CheckpointTest, AnAbortedIncrementalCheckpointLeavesNoFilesBehind) {
  // Two pipelines in one job: keyed sums on incremental RocksDB, which acknowledge at once
  // (uploading their SST files), and a map too slow for any checkpoint to complete within
  // the 150 ms timeout. Every checkpoint expires; what the sums uploaded must go with it.
  testing::TempDir dir("eddy_aborted");
  Configuration conf;
  conf.setString("execution.checkpointing.interval", "50 ms");
  conf.setString("execution.checkpointing.timeout", "150 ms");
  conf.setString("execution.checkpointing.tolerable-failed-checkpoints", "1000");
  conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
  conf.setString("state.checkpoints.dir", dir.path());
  conf.setString("state.backend.type", "rocksdb");
  conf.setString("state.backend.incremental", "true");
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(conf);
  env->setParallelism(2);
  testing::SumJob{200000, kKeys}.build(*env);  // 10 s: longer than the test
  env->fromSource(std::shared_ptr<Source<int64_t>>(std::make_shared<TickingSource>(std::chrono::milliseconds(100), true)),
                  WatermarkStrategy<int64_t>::noWatermarks(), "Ticks")
      .uid("ticks")
      .map([](int64_t v) {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        return v;
      })
      .uid("slow")
      .disableChaining()
      .filter([](int64_t) { return false; })
      .print();
  StatsListener listener;
  eddySetThreadJobListener(&listener);
  auto client = env->executeAsync("aborted");
  eddySetThreadJobListener(nullptr);
  ASSERT_TRUE(client.ok()) << client.status().toString();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  (*client)->cancel();
  (void)(*client)->waitForCompletion();

  const runtime::CheckpointStatsSnapshot stats = listener.stats->snapshot();
  EXPECT_EQ(stats.num_completed, 0);
  EXPECT_GE(stats.num_failed, 1);
  const bool some_acknowledged = std::any_of(stats.history.begin(), stats.history.end(), [](const auto& checkpoint) {
    return checkpoint.status == runtime::CheckpointStatsStatus::kFailed && checkpoint.num_acknowledged_subtasks > 0;
  });
  EXPECT_TRUE(some_acknowledged);
  const std::string shared = dir.path() + "/" + (*client)->getJobID() + "/shared";
  std::vector<std::string> left;
  if (std::filesystem::exists(shared)) {
    for (const auto& entry : std::filesystem::directory_iterator(shared)) left.push_back(entry.path().string());
  }
  EXPECT_TRUE(left.empty()) << left.size() << " shared files left, e.g. " << left.front();
}

TEST(CheckpointTest, ACheckpointASourceCannotTakeIsAbortedNamingIt) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
  env->fromSource(std::shared_ptr<Source<int64_t>>(std::make_shared<TickingSource>(std::chrono::milliseconds(1), false)),
                  WatermarkStrategy<int64_t>::noWatermarks(), "Stateless")
      .print();
  auto client = env->executeAsync("stateless");
  ASSERT_TRUE(client.ok());
  auto checkpoint = (*client)->triggerCheckpoint();
  ASSERT_FALSE(checkpoint.ok());
  EXPECT_EQ(checkpoint.status().message(),
            "Checkpoint 1 of job " + (*client)->getJobID() +
                " was aborted: operator 'Stateless': this source does not support checkpoints");
  (*client)->cancel();
  (void)(*client)->waitForCompletion();
}

}  // namespace
}  // namespace eddy
