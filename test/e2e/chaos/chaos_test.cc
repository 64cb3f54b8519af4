// SIGKILL chaos: runs the real `eddy run` on the chaos job, kills it with SIGKILL at random
// moments (seeded; the seed is printed, EDDY_CHAOS_SEED replays it), restarts it from the
// newest completed checkpoint each time until the job finishes, then compares the committed
// files with the job's output computed here. On both state backends (heap, and RocksDB with
// incremental checkpoints) and in both checkpointing modes: exactly-once must miss and
// duplicate nothing; at-least-once must miss nothing, its duplicates are counted and printed.
// Exactly-once also with unaligned checkpoints on both backends: the job is slowed so that
// records queue in its channels, and the completed checkpoints (read after each kill and
// while the last attempt runs) must show persisted in-flight data, which restores replay.
// EDDY_CHAOS_KILLS sets the number of kills per case (default 20).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include "e2e/chaos/persisted_in_flight_data.h"
#include "e2e/common/eddy_process.h"
#include "e2e/common/running_sums.h"

namespace {

namespace fs = std::filesystem;
using namespace eddy::e2e;

// Records per kill wanted: enough that the job outlives its kills (each attempt runs at
// most 700 ms, of which ~200 ms are lost to the restart and the records since the last
// checkpoint).
constexpr int64_t kRecordsPerKill = 600;
constexpr int kRecordsPerSecond = 1'500;

// One case: the state backend, the checkpointing mode and aligned or unaligned
// checkpoints, as the chaos job takes them.
struct ChaosCase {
  const char* backend;
  const char* mode;
  const char* barriers = "aligned";
};

// Waits for `pid` to end, looking at the checkpoints it completes every 50 ms meanwhile;
// its wait status.
int waitForExitCollecting(pid_t pid, PersistedInFlightData& in_flight) {
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    in_flight.collect();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return status;
}

// Starts `eddy run` on the chaos job; its output goes to `log`.
pid_t startAttempt(const ChaosCase& chaos, const fs::path& output, const fs::path& checkpoints,
                   const std::optional<fs::path>& restore, int64_t records, const fs::path& log) {
  return startProcess(eddyRunCommand(restore, CHAOS_JOB,
                                     {output.string(), checkpoints.string(), std::to_string(records),
                                      std::to_string(kRecordsPerSecond), chaos.backend, chaos.mode,
                                      chaos.barriers}),
                      log);
}

// The lines of every visible (committed) file; hidden files are in progress or records.
std::map<std::string, int> committedLines(const fs::path& output) {
  std::map<std::string, int> lines;
  for (const auto& entry : fs::recursive_directory_iterator(output)) {
    if (!entry.is_regular_file() || entry.path().filename().string()[0] == '.') continue;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) ++lines[line];
  }
  return lines;
}

class ChaosTest : public ::testing::TestWithParam<ChaosCase> {};

TEST_P(ChaosTest, SigkilledFileSinkJobLosesNothing) {
  const ChaosCase chaos = GetParam();
  const bool exactly_once = std::string(chaos.mode) == "EXACTLY_ONCE";
  const bool unaligned = std::string(chaos.barriers) == "unaligned";
  const unsigned seed = static_cast<unsigned>(envInt("EDDY_CHAOS_SEED", static_cast<int>(std::random_device{}())));
  const int kills_wanted = envInt("EDDY_CHAOS_KILLS", 20);
  const int64_t records = kRecordsPerKill * kills_wanted;
  std::printf("chaos %s %s %s: seed=%u kills=%d (replay with EDDY_CHAOS_SEED=%u)\n", chaos.backend, chaos.mode,
              chaos.barriers, seed, kills_wanted, seed);
  std::fflush(stdout);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> kill_after_ms(100, 700);

  fs::path root = fs::temp_directory_path() / ("eddy_chaos_" + std::to_string(getpid()));
  fs::remove_all(root);
  fs::path output = root / "out", checkpoints = root / "checkpoints", log = root / "eddy.log";
  fs::create_directories(output);

  int kills = 0, attempts = 0;
  PersistedInFlightData in_flight(checkpoints);
  int restores_with_in_flight_data = 0;  // attempts that restored (and replayed) in-flight data
  bool finished = false;
  auto start = std::chrono::steady_clock::now();
  while (!finished) {
    ASSERT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(kills_wanted * 6))
        << "the job made no progress";
    std::optional<fs::path> restore = newestCompletedCheckpoint(checkpoints);
    if (unaligned && restore) {
      const std::optional<PersistedInFlightData::Checkpoint> restored = PersistedInFlightData::read(*restore);
      ASSERT_TRUE(restored) << "the newest completed checkpoint " << *restore << " cannot be read";
      restores_with_in_flight_data += restored->bytes > 0;
    }
    pid_t pid = startAttempt(chaos, output, checkpoints, restore, records, log);
    ASSERT_GT(pid, 0);
    ++attempts;
    // The wait status, or nullopt when the attempt was killed. The last attempt, which runs
    // to the end, takes the most checkpoints: they are looked at while it runs, since the job
    // deletes them when it finishes.
    const std::optional<int> status =
        kills < kills_wanted ? waitOrKill(pid, std::chrono::milliseconds(kill_after_ms(rng)))
                             : (unaligned ? waitForExitCollecting(pid, in_flight) : waitForExit(pid));
    if (!status) {
      ++kills;
      if (unaligned) in_flight.collect();
      continue;
    }
    ASSERT_TRUE(exitedWithZero(*status)) << "attempt " << attempts << " failed:\n" << readFile(log);
    finished = true;
  }

  const LineDiscrepancies result = compareLines(expectedRunningSums(records), committedLines(output));
  std::printf("chaos %s %s %s: seed=%u kills=%d attempts=%d records=%lld missing=%lld duplicated=%lld "
              "unexpected=%lld\n",
              chaos.backend, chaos.mode, chaos.barriers, seed, kills, attempts, static_cast<long long>(records),
              static_cast<long long>(result.missing), static_cast<long long>(result.duplicated),
              static_cast<long long>(result.unexpected));
  if (unaligned) {
    std::printf("chaos %s %s %s: checkpoints=%d with_in_flight_data=%d in_files=%d in_flight_bytes=%lld "
                "restores_with_in_flight_data=%d\n",
                chaos.backend, chaos.mode, chaos.barriers, in_flight.checkpoints(), in_flight.withData(),
                in_flight.inFiles(), static_cast<long long>(in_flight.bytes()), restores_with_in_flight_data);
    EXPECT_GT(in_flight.withData(), 0) << "no checkpoint persisted in-flight data";
    // The RocksDB job sets state.storage.fs.memory-threshold to 0 (chaos_job.cc).
    if (std::string(chaos.backend) == "rocksdb") {
      EXPECT_EQ(in_flight.inFiles(), in_flight.withData()) << "in-flight data inline despite a threshold of 0";
    }
  }
  EXPECT_GE(kills, kills_wanted);
  EXPECT_EQ(result.missing, 0);
  if (exactly_once) {
    EXPECT_EQ(result.duplicated, 0);
  }
  EXPECT_EQ(result.unexpected, 0);
  if (!HasFailure()) fs::remove_all(root);
}

INSTANTIATE_TEST_SUITE_P(BackendsAndModes, ChaosTest,
                         ::testing::Values(ChaosCase{"hashmap", "EXACTLY_ONCE"}, ChaosCase{"rocksdb", "EXACTLY_ONCE"},
                                           ChaosCase{"hashmap", "AT_LEAST_ONCE"},
                                           ChaosCase{"rocksdb", "AT_LEAST_ONCE"},
                                           ChaosCase{"hashmap", "EXACTLY_ONCE", "unaligned"},
                                           ChaosCase{"rocksdb", "EXACTLY_ONCE", "unaligned"}),
                         [](const ::testing::TestParamInfo<ChaosCase>& info) {
                           const std::string name = std::string(info.param.backend) + "_" + info.param.mode;
                           return std::string(info.param.barriers) == "unaligned" ? name + "_unaligned" : name;
                         });

}  // namespace
