// SIGKILL chaos for the exactly-once KafkaSink on a real broker: runs the real `eddy run`
// on the Kafka chaos job, kills it with SIGKILL at random moments (seeded; the seed is
// printed, EDDY_CHAOS_SEED replays it) — while it writes, pre-commits, commits or
// recovers — restarts it from the newest completed checkpoint each time until the job
// finishes, then reads the topic with isolation.level=read_committed and compares it with
// the job's output computed here: nothing missing, nothing duplicated. EDDY_CHAOS_KILLS sets
// the number of kills (default 20).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "connectors/tests/kafka_test_broker.h"

namespace {

namespace fs = std::filesystem;
using eddy::connectors::kafka::testing::KafkaTestBroker;

// Records per kill wanted: each attempt lives 0.8–2 s, of which starting the process and
// the transactional producers, and the records since the last checkpoint, are lost.
constexpr int64_t kRecordsPerKill = 400;
constexpr int kRecordsPerSecond = 1'000;
constexpr int64_t kKeys = 7;  // as the job

int envInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value ? std::atoi(value) : fallback;
}

// The newest checkpoint any attempt completed: the chk-N directory whose _metadata (written
// last and atomically) is the most recent, over every attempt's job directory.
std::optional<fs::path> newestCompletedCheckpoint(const fs::path& checkpoints) {
  std::optional<fs::path> newest;
  fs::file_time_type newest_time;
  if (!fs::exists(checkpoints)) return newest;
  for (const auto& job : fs::directory_iterator(checkpoints)) {
    if (!job.is_directory()) continue;
    for (const auto& chk : fs::directory_iterator(job.path())) {
      fs::path metadata = chk.path() / "_metadata";
      if (chk.path().filename().string().rfind("chk-", 0) != 0 || !fs::exists(metadata)) continue;
      auto time = fs::last_write_time(metadata);
      if (!newest || time > newest_time) {
        newest = chk.path();
        newest_time = time;
      }
    }
  }
  return newest;
}

// Starts `eddy run -p 2` on the job; its output goes to `log`.
pid_t startAttempt(const std::vector<std::string>& job_args, const std::optional<fs::path>& restore,
                   const fs::path& log) {
  std::vector<std::string> args = {EDDY_BINARY, "run", "-p", "2"};
  if (restore) {
    args.push_back("-s");
    args.push_back(restore->string());
  }
  args.push_back(KAFKA_CHAOS_JOB);
  args.insert(args.end(), job_args.begin(), job_args.end());
  pid_t pid = fork();
  if (pid == 0) {
    FILE* out = std::fopen(log.c_str(), "a");
    if (out) {
      dup2(fileno(out), 1);
      dup2(fileno(out), 2);
    }
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// Every value the job commits when nothing fails: per key, the running sum after each value.
std::map<std::string, int> expectedValues(int64_t records) {
  std::map<std::string, int> values;
  std::vector<int64_t> sums(kKeys, 0);
  for (int64_t i = 0; i < records; ++i) {
    sums[i % kKeys] += i;
    ++values["(" + std::to_string(i % kKeys) + "," + std::to_string(sums[i % kKeys]) + ")"];
  }
  return values;
}

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
    pid_t pid = startAttempt(job_args, newestCompletedCheckpoint(checkpoints), log);
    ASSERT_GT(pid, 0);
    ++attempts;
    int status = 0;
    if (kills < kills_wanted) {
      auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kill_after_ms(rng));
      pid_t done = 0;
      while (std::chrono::steady_clock::now() < deadline && (done = waitpid(pid, &status, WNOHANG)) == 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      if (done == 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        ++kills;
        continue;
      }
    } else {
      waitpid(pid, &status, 0);
    }
    std::ifstream in(log);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "attempt " << attempts << " failed:\n" << text;
    finished = true;
  }

  std::map<std::string, int> expected = expectedValues(records);
  // Everything is committed once the job finished: read until every value is there, then
  // once more for a moment, to see any duplicate beyond them.
  const size_t count = static_cast<size_t>(records);
  std::vector<std::string> values =
      eddy::connectors::kafka::testing::consumeValues(topic, "read_committed", count, 30000);
  if (values.size() == count) {
    values = eddy::connectors::kafka::testing::consumeValues(topic, "read_committed", count + 1, 2000);
  }
  std::map<std::string, int> actual;
  for (const std::string& value : values) ++actual[value];
  int64_t missing = 0, duplicated = 0, unexpected = 0;
  for (const auto& [value, n] : expected) {
    auto it = actual.find(value);
    int got = it == actual.end() ? 0 : it->second;
    if (got < n) missing += n - got;
    if (got > n) duplicated += got - n;
  }
  for (const auto& [value, n] : actual) unexpected += expected.count(value) ? 0 : n;
  std::printf("kafka chaos: seed=%u kills=%d attempts=%d records=%lld missing=%lld duplicated=%lld unexpected=%lld\n",
              seed, kills, attempts, static_cast<long long>(records), static_cast<long long>(missing),
              static_cast<long long>(duplicated), static_cast<long long>(unexpected));
  EXPECT_GE(kills, kills_wanted);
  EXPECT_EQ(missing, 0);
  EXPECT_EQ(duplicated, 0);
  EXPECT_EQ(unexpected, 0);
  if (!HasFailure()) fs::remove_all(root);
}

}  // namespace
