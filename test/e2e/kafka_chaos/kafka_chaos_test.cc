// SIGKILL chaos for the exactly-once KafkaSink on a real broker: runs the real `eddy run`
// on the Kafka chaos job, kills it with SIGKILL at random moments (seeded; the seed is
// printed, EDDY_CHAOS_SEED replays it) — while it writes, pre-commits, commits or
// recovers — restarts it from the newest completed checkpoint each time until the job
// finishes, then reads the topic with isolation.level=read_committed and compares it with
// the job's output computed here: nothing missing, nothing duplicated. EDDY_CHAOS_KILLS sets
// the number of kills (default 20).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "connectors/tests/kafka_test_broker.h"
#include "e2e/common/committed_running_sums.h"
#include "e2e/common/eddy_process.h"

namespace {

namespace fs = std::filesystem;
using eddy::connectors::kafka::testing::KafkaTestBroker;
using namespace eddy::e2e;

// Records per kill wanted: each attempt lives 0.8–2 s, of which starting the process and
// the transactional producers, and the records since the last checkpoint, are lost.
constexpr int64_t kRecordsPerKill = 400;
constexpr int kRecordsPerSecond = 1'000;

TEST(KafkaChaosTest, SigkilledExactlyOnceKafkaJobCommitsEveryRecordExactlyOnce) {
  const std::string& bootstrap = KafkaTestBroker::bootstrapServers();
  ASSERT_FALSE(bootstrap.empty());
  const std::string topic = eddy::connectors::kafka::testing::createTopic("chaos-out", 2);
  const unsigned seed = static_cast<unsigned>(envInt("EDDY_CHAOS_SEED", static_cast<int>(std::random_device{}())));
  const int kills_wanted = envInt("EDDY_CHAOS_KILLS", 20);
  const int64_t records = kRecordsPerKill * kills_wanted;
  std::printf("kafka chaos: seed=%u kills=%d (replay with EDDY_CHAOS_SEED=%u)\n", seed, kills_wanted, seed);
  std::fflush(stdout);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> kill_after_ms(800, 2000);

  fs::path root = fs::temp_directory_path() / ("eddy_kafka_chaos_" + std::to_string(getpid()));
  fs::remove_all(root);
  fs::path checkpoints = root / "checkpoints", log = root / "eddy.log";
  fs::create_directories(root);
  const std::vector<std::string> job_args = {bootstrap,
                                             topic,
                                             topic + "-tx",
                                             checkpoints.string(),
                                             std::to_string(records),
                                             std::to_string(kRecordsPerSecond)};

  int kills = 0, attempts = 0;
  bool finished = false;
  auto start = std::chrono::steady_clock::now();
  while (!finished) {
    ASSERT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30 + kills_wanted * 4))
        << "the job made no progress";
    pid_t pid = startProcess(eddyRunCommand(newestCompletedCheckpoint(checkpoints), KAFKA_CHAOS_JOB, job_args), log);
    ASSERT_GT(pid, 0);
    ++attempts;
    // The wait status, or nullopt when the attempt was killed.
    const std::optional<int> status =
        kills < kills_wanted ? waitOrKill(pid, std::chrono::milliseconds(kill_after_ms(rng))) : waitForExit(pid);
    if (!status) {
      ++kills;
      continue;
    }
    ASSERT_TRUE(exitedWithZero(*status)) << "attempt " << attempts << " failed:\n" << readFile(log);
    finished = true;
  }

  // Everything is committed once the job finished.
  const LineDiscrepancies result = compareCommittedRunningSums(topic, records);
  std::printf("kafka chaos: seed=%u kills=%d attempts=%d records=%lld missing=%lld duplicated=%lld unexpected=%lld\n",
              seed, kills, attempts, static_cast<long long>(records), static_cast<long long>(result.missing),
              static_cast<long long>(result.duplicated), static_cast<long long>(result.unexpected));
  EXPECT_GE(kills, kills_wanted);
  EXPECT_EQ(result.missing, 0);
  EXPECT_EQ(result.duplicated, 0);
  EXPECT_EQ(result.unexpected, 0);
  if (!HasFailure()) fs::remove_all(root);
}

}  // namespace
