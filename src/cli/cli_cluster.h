#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace eddy::cli {

// The verbs that talk to a session cluster, as Flink's `flink` command and its
// start-cluster.sh/stop-cluster.sh: `eddy cluster start|start-foreground|stop`, `eddy list`,
// `eddy cancel <jobid>`, `eddy savepoint <jobid> [<dir>]`, `eddy stop [--savepointPath
// <dir>] [--drain] <jobid>`. The cluster is found at -m host:port, else rest.address and
// rest.port of the configuration (config.yaml and -D).
class ClusterCommands {
 public:
  // Adds the subcommands to `app`.
  explicit ClusterCommands(CLI::App& app);

  // The exit code of the verb that was parsed, or nullopt if none of these was.
  std::optional<int> runParsed(const std::string& version);

 private:
  CLI::App* cluster_start_;
  CLI::App* cluster_start_foreground_;
  CLI::App* cluster_stop_;
  CLI::App* list_;
  CLI::App* cancel_;
  CLI::App* savepoint_;
  CLI::App* stop_;
  std::vector<std::string> dynamic_properties_;
  std::string jobmanager_;
  std::string job_id_;
  std::string target_directory_;
  bool drain_ = false;
};

// What `eddy run` submits to a session cluster.
struct RunOnClusterOptions {
  std::string job;
  std::vector<std::string> job_args;
  std::vector<std::string> dynamic_properties;
  int parallelism = 0;
  std::string savepoint_path;
  bool allow_non_restored_state = false;
  bool detached = false;
};

// Submits the job to the session cluster of the configuration if one answers there, and
// (unless detached) waits for the job's end; its exit code. nullopt when no cluster answers:
// the caller runs the job on the embedded mini-cluster.
std::optional<int> runOnSessionCluster(const RunOnClusterOptions& options);

}  // namespace eddy::cli
