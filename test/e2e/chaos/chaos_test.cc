// SIGKILL chaos for exactly-once: runs the real `eddy run` on the chaos job, kills it with
// SIGKILL at random moments (seeded; the seed is printed, EDDY_CHAOS_SEED replays it),
// restarts it from the newest completed checkpoint each time until the job finishes, then
// compares the committed files with the job's output computed here: nothing missing,
// nothing duplicated. EDDY_CHAOS_KILLS sets the number of kills (default 20).
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

namespace {

namespace fs = std::filesystem;

// Records per kill wanted: enough that the job outlives its kills (each attempt runs at
// most 700 ms, of which ~200 ms are lost to the restart and the records since the last
// checkpoint).
constexpr int64_t kRecordsPerKill = 600;
constexpr int kRecordsPerSecond = 1'500;
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

// Starts `eddy run` on the chaos job; its output goes to `log`.
pid_t startAttempt(const fs::path& output, const fs::path& checkpoints, const std::optional<fs::path>& restore,
                   int64_t records, const fs::path& log) {
  std::vector<std::string> args = {EDDY_BINARY, "run", "-p", "2"};
  if (restore) {
    args.push_back("-s");
    args.push_back(restore->string());
  }
  for (std::string a : {std::string(CHAOS_JOB), output.string(), checkpoints.string(), std::to_string(records),
                        std::to_string(kRecordsPerSecond)}) {
    args.push_back(a);
  }
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

// Every line the job commits when nothing fails: per key, the running sum after each value.
std::map<std::string, int> expectedLines(int64_t records) {
  std::map<std::string, int> lines;
  std::vector<int64_t> sums(kKeys, 0);
  for (int64_t i = 0; i < records; ++i) {
    sums[i % kKeys] += i;
    ++lines["(" + std::to_string(i % kKeys) + "," + std::to_string(sums[i % kKeys]) + ")"];
  }
  return lines;
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

TEST(ChaosTest, SigkilledFileSinkJobCommitsEveryRecordExactlyOnce) {
  const unsigned seed = static_cast<unsigned>(envInt("EDDY_CHAOS_SEED", static_cast<int>(std::random_device{}())));
  const int kills_wanted = envInt("EDDY_CHAOS_KILLS", 20);
  const int64_t records = kRecordsPerKill * kills_wanted;
  std::printf("chaos: seed=%u kills=%d (replay with EDDY_CHAOS_SEED=%u)\n", seed, kills_wanted, seed);
  std::fflush(stdout);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> kill_after_ms(100, 700);

  fs::path root = fs::temp_directory_path() / ("eddy_chaos_" + std::to_string(getpid()));
  fs::remove_all(root);
  fs::path output = root / "out", checkpoints = root / "checkpoints", log = root / "eddy.log";
  fs::create_directories(output);

  int kills = 0, attempts = 0;
  bool finished = false;
  auto start = std::chrono::steady_clock::now();
  while (!finished) {
    ASSERT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(kills_wanted * 6))
        << "the job made no progress";
    std::optional<fs::path> restore = newestCompletedCheckpoint(checkpoints);
    pid_t pid = startAttempt(output, checkpoints, restore, records, log);
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

  std::map<std::string, int> expected = expectedLines(records);
  std::map<std::string, int> actual = committedLines(output);
  int64_t missing = 0, duplicated = 0, unexpected = 0;
  for (const auto& [line, n] : expected) {
    auto it = actual.find(line);
    int got = it == actual.end() ? 0 : it->second;
    if (got < n) missing += n - got;
    if (got > n) duplicated += got - n;
  }
  for (const auto& [line, n] : actual) unexpected += expected.count(line) ? 0 : n;
  std::printf("chaos: seed=%u kills=%d attempts=%d records=%lld missing=%lld duplicated=%lld unexpected=%lld\n", seed,
              kills, attempts, static_cast<long long>(records), static_cast<long long>(missing),
              static_cast<long long>(duplicated), static_cast<long long>(unexpected));
  EXPECT_GE(kills, kills_wanted);
  EXPECT_EQ(missing, 0);
  EXPECT_EQ(duplicated, 0);
  EXPECT_EQ(unexpected, 0);
  if (!HasFailure()) fs::remove_all(root);
}

}  // namespace
