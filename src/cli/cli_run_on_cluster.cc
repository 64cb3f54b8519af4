#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include <fmt/format.h>

#include "cli/cli_cluster.h"
#include "cli/cli_cluster_target.h"
#include "cluster/rest_cluster_client.h"

namespace eddy::cli {

namespace {

using nlohmann::json;

constexpr auto kPollInterval = std::chrono::milliseconds(100);

// Waits for the job's end and prints it as Flink's attached `flink run` does.
int awaitJobResult(cluster::RestClusterClient& client, const std::string& job_id) {
  while (true) {
    Result<cluster::RestResponse> job = client.get("/jobs/" + job_id);
    if (!job.ok()) return printProgramException(job.status().message());
    if (!job->ok()) return printProgramException(job->errorMessage());
    std::string state = job->body["state"].get<std::string>();
    if (state == "FINISHED") {
      std::printf("Program execution finished\nJob with JobID %s has finished.\nJob Runtime: %lld ms\n", job_id.c_str(),
                  static_cast<long long>(job->body["duration"].get<int64_t>()));
      return 0;
    }
    if (state == "FAILED" || state == "CANCELED") {
      Result<cluster::RestResponse> exceptions = client.get(fmt::format("/jobs/{}/exceptions", job_id));
      std::string cause = state == "CANCELED" ? "Job was cancelled." : "";
      if (exceptions.ok() && exceptions->ok() && exceptions->body["root-exception"].is_string()) {
        cause = exceptions->body["root-exception"].get<std::string>();
      }
      return printProgramException(fmt::format("Job failed (JobID: {})\nCaused by: {}", job_id, cause));
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

}  // namespace

std::optional<int> runOnSessionCluster(const RunOnClusterOptions& options) {
  Result<Configuration> configuration = loadCliConfiguration(options.dynamic_properties);
  if (!configuration.ok()) return std::nullopt;  // the embedded run reports it
  Result<cluster::RestAddress> address = clusterAddress(*configuration, "");
  if (!address.ok()) return std::nullopt;
  cluster::RestClusterClient client(address->host, address->port);
  Result<cluster::RestResponse> overview = client.get("/overview");
  if (!overview.ok() || !overview->ok()) return std::nullopt;

  std::error_code error;
  std::filesystem::path library = std::filesystem::absolute(options.job, error);
  json body = {{"jarFile", library.string()},
               {"programArgsList", options.job_args},
               {"allowNonRestoredState", options.allow_non_restored_state}};
  if (options.parallelism > 0) body["parallelism"] = options.parallelism;
  if (!options.savepoint_path.empty()) body["savepointPath"] = options.savepoint_path;
  json flink_configuration = json::object();
  for (const std::string& property : options.dynamic_properties) {
    size_t eq = property.find('=');
    if (eq != std::string::npos) flink_configuration[property.substr(0, eq)] = property.substr(eq + 1);
  }
  body["flinkConfiguration"] = flink_configuration;
  Result<cluster::RestResponse> submitted = client.post("/jars/run", body);
  if (!submitted.ok()) return printProgramException(submitted.status().message());
  if (!submitted->ok()) {
    return printProgramException(fmt::format("Could not submit the job.\nCaused by: {}", submitted->errorMessage()));
  }
  std::string job_id = submitted->body["jobid"].get<std::string>();
  std::printf("Job has been submitted with JobID %s\n", job_id.c_str());
  std::fflush(stdout);
  if (options.detached) return 0;
  return awaitJobResult(client, job_id);
}

}  // namespace eddy::cli
