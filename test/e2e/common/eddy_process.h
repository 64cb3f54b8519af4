#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace eddy::e2e {

// What the end-to-end tests do to processes and their checkpoints: start the real `eddy run`
// (or any program) with its output in a log file, kill it with SIGKILL, wait for it, and find
// the newest checkpoint its attempts completed. Free functions; call them from the test's
// thread only (they fork).

// The value of the environment variable `name` as an int, or `fallback` when unset.
int envInt(const char* name, int fallback);

// `eddy run -p 2 [-s restore] job job_args...`.
std::vector<std::string> eddyRunCommand(const std::optional<std::filesystem::path>& restore, const std::string& job,
                                        const std::vector<std::string>& job_args);

// `eddy sql -f script`: the SQL client running a script non-interactively.
std::vector<std::string> eddySqlCommand(const std::filesystem::path& script);

// Starts `argv` with stdout and stderr appended to `log`; the child's pid (<= 0 when fork failed).
pid_t startProcess(std::vector<std::string> argv, const std::filesystem::path& log);

// Waits for `pid` to end; its wait status.
int waitForExit(pid_t pid);

// Waits up to `timeout` for `pid` to end: its wait status, or nullopt when it was still
// running and has been killed with SIGKILL (and reaped).
std::optional<int> waitOrKill(pid_t pid, std::chrono::milliseconds timeout);

// Whether a wait status says the process exited with code 0.
bool exitedWithZero(int status);

// The whole contents of a file ("" when it cannot be read).
std::string readFile(const std::filesystem::path& path);

// Runs `argv` to its end with its output in `log`; the log when it failed, nullopt when it
// exited with 0.
std::optional<std::string> runToEnd(const std::vector<std::string>& argv, const std::filesystem::path& log);

// The newest checkpoint any attempt completed: the chk-N directory whose _metadata (written
// last and atomically) is the most recent, over every attempt's job directory under
// `checkpoints`.
std::optional<std::filesystem::path> newestCompletedCheckpoint(const std::filesystem::path& checkpoints);

}  // namespace eddy::e2e
