// SIGKILL → records flowing again, with ~1 GB of RocksDB state (the checkpoint issue's
// target: < 3 s) against the same job with almost no state (the baseline, in the same run).
//
// For each state size it runs `eddy run -p 2 recovery_job` (bench/recovery/recovery_job.cc),
// waits until the state is loaded and a checkpoint completed after that, SIGKILLs the
// process, starts it again from that checkpoint and measures the time from the kill until
// the job appends to its output again: process start, restore (the incremental checkpoint's
// files copied back and opened by RocksDB), replay from the checkpointed source position.
//
// Usage: eddy_recovery_benchmark [keys] [value bytes]   (default 1048576 keys of 1024 bytes)
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/tests/temp_dir.h"
#include "e2e/common/eddy_process.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Output lines (about 8 bytes each, one per 1000 records after the load) that show the load is over.
constexpr uintmax_t kLoadedLines = 200;

uintmax_t fileSize(const fs::path& path) {
  std::error_code error;
  const uintmax_t size = fs::file_size(path, error);
  return error ? 0 : size;
}

uintmax_t directorySize(const fs::path& dir) {
  uintmax_t total = 0;
  std::error_code error;
  for (const auto& entry : fs::recursive_directory_iterator(dir, error)) {
    if (entry.is_regular_file(error)) total += entry.file_size(error);
  }
  return total;
}

// Polls `done` every 2 ms for up to `timeout`; whether it became true.
template <typename Predicate>
bool waitFor(Predicate done, std::chrono::seconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!done()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

// N of a chk-N directory; 0 for none.
int64_t checkpointId(const std::optional<fs::path>& checkpoint) {
  return checkpoint ? std::atoll(checkpoint->filename().string().substr(4).c_str()) : 0;
}

struct Recovery {
  double seconds = 0;              // from the SIGKILL to the first output of the restarted job
  uintmax_t checkpoint_bytes = 0;  // state.checkpoints.dir: shared files, the 2 retained chk-N
};

std::optional<Recovery> measure(int64_t keys, int64_t value_bytes) {
  eddy::testing::TempDir dir("eddy_recovery_bench");
  const fs::path root = dir.path();
  const fs::path output = root / "out.txt";
  const fs::path checkpoints = root / "checkpoints";
  const fs::path log = root / "job.log";
  const std::vector<std::string> args = {output.string(), checkpoints.string(), std::to_string(keys),
                                         std::to_string(value_bytes)};
  auto fail = [&](const char* what) -> std::optional<Recovery> {
    std::fprintf(stderr, "%s; the job's log:\n%s\n", what, eddy::e2e::readFile(log).c_str());
    return std::nullopt;
  };

  pid_t job = eddy::e2e::startProcess(eddy::e2e::eddyRunCommand(std::nullopt, RECOVERY_JOB, args), log);
  // Trickle lines from both subtasks: the load is over on both.
  if (!waitFor([&] { return fileSize(output) > kLoadedLines * 8; }, std::chrono::seconds(600))) {
    kill(job, SIGKILL);
    eddy::e2e::waitForExit(job);
    return fail("the state was not loaded within 10 minutes");
  }
  // A checkpoint triggered after the load holds all of the state and no loading records to
  // replay. One checkpoint is in flight at a time, so the second to complete after the load
  // was triggered after it.
  const int64_t newest_at_load = checkpointId(eddy::e2e::newestCompletedCheckpoint(checkpoints));
  std::optional<fs::path> checkpoint;
  const bool checkpointed = waitFor(
      [&] {
        checkpoint = eddy::e2e::newestCompletedCheckpoint(checkpoints);
        return checkpointId(checkpoint) >= newest_at_load + 2;
      },
      std::chrono::seconds(600));
  kill(job, SIGKILL);
  const auto killed = Clock::now();
  eddy::e2e::waitForExit(job);
  const uintmax_t output_before = fileSize(output);
  if (!checkpointed) return fail("no checkpoint completed after the load within 10 minutes");

  Recovery recovery;
  recovery.checkpoint_bytes = directorySize(checkpoints);
  job = eddy::e2e::startProcess(eddy::e2e::eddyRunCommand(*checkpoint, RECOVERY_JOB, args), log);
  const bool flowing = waitFor([&] { return fileSize(output) > output_before; }, std::chrono::seconds(600));
  recovery.seconds = std::chrono::duration<double>(Clock::now() - killed).count();
  kill(job, SIGKILL);
  eddy::e2e::waitForExit(job);
  if (!flowing) return fail("the restarted job wrote nothing within 10 minutes");
  return recovery;
}

}  // namespace

int main(int argc, char** argv) {
  // Positional arguments only: bench/run.sh passes Google Benchmark's flags to every benchmark.
  std::vector<int64_t> numbers;
  for (int i = 1; i < argc; ++i) {
    if (!std::string(argv[i]).starts_with("--")) numbers.push_back(std::atoll(argv[i]));
  }
  const int64_t keys = numbers.size() > 0 ? numbers[0] : 1 << 20;
  const int64_t value_bytes = numbers.size() > 1 ? numbers[1] : 1024;
  const std::optional<Recovery> baseline = measure(1000, value_bytes);
  if (!baseline) return 1;
  const std::optional<Recovery> large = measure(keys, value_bytes);
  if (!large) return 1;
  std::printf("SIGKILL -> records flowing again (p=2, RocksDB, incremental checkpoints):\n");
  std::printf("  1000 keys (checkpoint directory %.1f MB): %.2f s\n", baseline->checkpoint_bytes / 1048576.0,
              baseline->seconds);
  std::printf("  %lld keys x %lld B = %.1f MB of state (checkpoint directory %.1f MB): %.2f s (%.2fx the baseline)\n",
              static_cast<long long>(keys), static_cast<long long>(value_bytes),
              static_cast<double>(keys * value_bytes) / 1048576.0, large->checkpoint_bytes / 1048576.0, large->seconds,
              large->seconds / baseline->seconds);
  return 0;
}
