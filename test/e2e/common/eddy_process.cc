#include "e2e/common/eddy_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <thread>

namespace eddy::e2e {

namespace fs = std::filesystem;

int envInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value ? std::atoi(value) : fallback;
}

std::vector<std::string> eddyRunCommand(const std::optional<fs::path>& restore, const std::string& job,
                                        const std::vector<std::string>& job_args) {
  std::vector<std::string> argv = {EDDY_BINARY, "run", "-p", "2"};
  if (restore) {
    argv.push_back("-s");
    argv.push_back(restore->string());
  }
  argv.push_back(job);
  argv.insert(argv.end(), job_args.begin(), job_args.end());
  return argv;
}

std::vector<std::string> eddySqlCommand(const fs::path& script) { return {EDDY_BINARY, "sql", "-f", script.string()}; }

pid_t startProcess(std::vector<std::string> argv, const fs::path& log) {
  pid_t pid = fork();
  if (pid == 0) {
    FILE* out = std::fopen(log.c_str(), "a");
    if (out) {
      dup2(fileno(out), 1);
      dup2(fileno(out), 2);
    }
    std::vector<char*> args;
    for (std::string& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

int waitForExit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

std::optional<int> waitOrKill(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  pid_t done = 0;
  while (std::chrono::steady_clock::now() < deadline && (done = waitpid(pid, &status, WNOHANG)) == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (done != 0) return status;
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return std::nullopt;
}

bool exitedWithZero(int status) { return WIFEXITED(status) && WEXITSTATUS(status) == 0; }

std::string readFile(const fs::path& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::optional<std::string> runToEnd(const std::vector<std::string>& argv, const fs::path& log) {
  if (exitedWithZero(waitForExit(startProcess(argv, log)))) return std::nullopt;
  return readFile(log);
}

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

}  // namespace eddy::e2e
