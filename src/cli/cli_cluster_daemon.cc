#include "cli/cli_cluster_daemon.h"

#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "cli/cli_cluster_target.h"
#include "cluster/rest_cluster_client.h"

namespace eddy::cli {

namespace {

constexpr auto kStartTimeout = std::chrono::seconds(20);
constexpr auto kStopTimeout = std::chrono::seconds(30);

std::string userName() {
  if (const passwd* pw = getpwuid(getuid())) return pw->pw_name;
  return "eddy";
}

std::string hostName() {
  char name[256] = {0};
  gethostname(name, sizeof(name) - 1);
  return name;
}

// $env, else the configuration's `key`, else `fallback`.
std::string directory(const char* env, const Configuration& configuration, const char* key, const char* fallback) {
  if (const char* value = std::getenv(env); value && *value) return value;
  return configuration.getString(key, fallback);
}

std::string pidFile(const Configuration& configuration) {
  return fmt::format("{}/eddy-{}-standalonesession.pid", directory("EDDY_PID_DIR", configuration, "env.pid.dir", "/tmp"),
                     userName());
}

std::string logFileBase(const Configuration& configuration) {
  return fmt::format("{}/eddy-{}-standalonesession-0-{}", directory("EDDY_LOG_DIR", configuration, "env.log.dir", "log"),
                     userName(), hostName());
}

bool restAnswers(const cluster::RestAddress& address) {
  cluster::RestClusterClient client(address.host, address.port);
  Result<cluster::RestResponse> response = client.get("/overview");
  return response.ok() && response->ok();
}

}  // namespace

int startClusterDaemon(const Configuration& configuration, const std::vector<std::string>& dynamic_properties) {
  Result<cluster::RestAddress> address = clusterAddress(configuration, "");
  if (!address.ok()) return printProgramException(address.status().message());
  if (restAnswers(*address)) {
    std::fprintf(stderr, "eddy cluster start: a cluster already answers at http://%s:%d\n", address->host.c_str(),
                 address->port);
    return 1;
  }
  std::string base = logFileBase(configuration);
  std::error_code error;
  std::filesystem::create_directories(std::filesystem::path(base).parent_path(), error);
  std::string pid_path = pidFile(configuration);
  std::filesystem::create_directories(std::filesystem::path(pid_path).parent_path(), error);
  std::string log_path = base + ".log";
  std::string out_path = base + ".out";

  std::vector<std::string> args = {"eddy", "cluster", "start-foreground"};
  for (const std::string& property : dynamic_properties) {
    args.push_back("-D");
    args.push_back(property);
  }
  pid_t pid = fork();
  if (pid < 0) {
    std::perror("eddy cluster start: fork");
    return 1;
  }
  if (pid == 0) {
    setsid();
    int in = open("/dev/null", O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (in < 0 || out < 0 || log < 0) _exit(127);
    dup2(in, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(log, STDERR_FILENO);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv("/proc/self/exe", argv.data());
    _exit(127);
  }
  {
    std::ofstream pid_out(pid_path, std::ios::app);
    pid_out << pid << "\n";
  }
  std::printf("Starting standalonesession daemon on host %s.\n", hostName().c_str());
  std::fflush(stdout);
  auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      std::fprintf(stderr, "eddy cluster start: the cluster process exited; see %s\n", log_path.c_str());
      std::filesystem::remove(pid_path, error);
      return 1;
    }
    if (restAnswers(*address)) return 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::fprintf(stderr, "eddy cluster start: the REST API did not answer at http://%s:%d within %lld s; see %s\n",
               address->host.c_str(), address->port, static_cast<long long>(kStartTimeout.count()), log_path.c_str());
  return 1;
}

int stopClusterDaemon(const Configuration& configuration) {
  std::string pid_path = pidFile(configuration);
  std::ifstream in(pid_path);
  pid_t pid = 0;
  if (!(in >> pid) || pid <= 0) {
    std::printf("No standalonesession daemon to stop on host %s.\n", hostName().c_str());
    return 0;
  }
  in.close();
  std::error_code error;
  if (kill(pid, 0) != 0) {
    std::printf("No standalonesession daemon (pid: %d) is running anymore on %s.\n", pid, hostName().c_str());
    std::filesystem::remove(pid_path, error);
    return 0;
  }
  std::printf("Stopping standalonesession daemon (pid: %d) on host %s.\n", pid, hostName().c_str());
  std::fflush(stdout);
  kill(pid, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
  while (kill(pid, 0) == 0 && std::chrono::steady_clock::now() < deadline) {
    waitpid(pid, nullptr, WNOHANG);  // reaps it when it is our child (the tests)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (kill(pid, 0) == 0) kill(pid, SIGKILL);
  std::filesystem::remove(pid_path, error);
  return 0;
}

}  // namespace eddy::cli
