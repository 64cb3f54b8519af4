#include "cli/cli_job_verbs.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <thread>

#include <fmt/format.h>

#include "cli/cli_cluster_target.h"

namespace eddy::cli {

namespace {

using nlohmann::json;

// How often a verb asks whether an asynchronous operation completed.
constexpr auto kPollInterval = std::chrono::milliseconds(100);

// "dd.MM.yyyy HH:mm:ss" in local time, as Flink's list prints a job's start.
std::string formatStartTime(int64_t millis) {
  std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  char text[32];
  std::strftime(text, sizeof(text), "%d.%m.%Y %H:%M:%S", &local);
  return text;
}

// The failure of a REST call: the connection's, or the cluster's answer.
std::string causeOf(const Result<cluster::RestResponse>& response) {
  return response.ok() ? response->errorMessage() : response.status().message();
}

// Waits for the savepoint operation `trigger_id`; its location, or the failure.
Result<std::string> awaitSavepoint(cluster::RestClusterClient& client, const std::string& job_id,
                                   const std::string& trigger_id) {
  while (true) {
    Result<cluster::RestResponse> status = client.get(fmt::format("/jobs/{}/savepoints/{}", job_id, trigger_id));
    if (!status.ok() || !status->ok()) return Internal(causeOf(status));
    const json& body = status->body;
    if (body["status"]["id"] == "COMPLETED") {
      const json& operation = body["operation"];
      if (operation.contains("location")) return operation["location"].get<std::string>();
      return Internal(operation["failure-cause"]["stack-trace"].get<std::string>());
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

}  // namespace

int listJobs(cluster::RestClusterClient& client) {
  std::printf("Waiting for response...\n");
  Result<cluster::RestResponse> response = client.get("/jobs/overview");
  if (!response.ok() || !response->ok()) {
    return printProgramException(fmt::format("Failed to retrieve job list.\nCaused by: {}", causeOf(response)));
  }
  std::vector<json> running;
  for (const json& job : response->body["jobs"]) {
    if (job["state"] == "RUNNING" || job["state"] == "RESTARTING") running.push_back(job);
  }
  std::sort(running.begin(), running.end(),
            [](const json& a, const json& b) { return a["start-time"].get<int64_t>() < b["start-time"].get<int64_t>(); });
  if (running.empty()) {
    std::printf("No running jobs.\n");
  } else {
    std::printf("------------------ Running/Restarting Jobs -------------------\n");
    for (const json& job : running) {
      std::printf("%s : %s : %s (%s)\n", formatStartTime(job["start-time"].get<int64_t>()).c_str(),
                  job["jid"].get<std::string>().c_str(), job["name"].get<std::string>().c_str(),
                  job["state"].get<std::string>().c_str());
    }
    std::printf("--------------------------------------------------------------\n");
  }
  std::printf("No scheduled jobs.\n");
  return 0;
}

int cancelJob(cluster::RestClusterClient& client, const std::string& job_id) {
  std::printf("Cancelling job %s.\n", job_id.c_str());
  Result<cluster::RestResponse> response = client.patch(fmt::format("/jobs/{}?mode=cancel", job_id));
  if (!response.ok() || !response->ok()) {
    return printProgramException(fmt::format("Could not cancel job {}.\nCaused by: {}", job_id, causeOf(response)));
  }
  std::printf("Cancelled job %s.\n", job_id.c_str());
  return 0;
}

int triggerSavepoint(cluster::RestClusterClient& client, const std::string& job_id, const std::string& target_dir) {
  std::printf("Triggering savepoint for job %s.\nWaiting for response...\n", job_id.c_str());
  std::fflush(stdout);
  json body = {{"cancel-job", false}};
  if (!target_dir.empty()) body["target-directory"] = target_dir;
  Result<cluster::RestResponse> response = client.post(fmt::format("/jobs/{}/savepoints", job_id), body);
  if (!response.ok() || !response->ok()) {
    return printProgramException(
        fmt::format("Triggering a savepoint for the job {} failed.\nCaused by: {}", job_id, causeOf(response)));
  }
  Result<std::string> location = awaitSavepoint(client, job_id, response->body["request-id"].get<std::string>());
  if (!location.ok()) {
    return printProgramException(fmt::format("Triggering a savepoint for the job {} failed.\nCaused by: {}", job_id,
                                             location.status().message()));
  }
  std::printf("Savepoint completed. Path: %s\nYou can resume your program from this savepoint with the run command.\n",
              location->c_str());
  return 0;
}

int stopWithSavepoint(cluster::RestClusterClient& client, const std::string& job_id, const std::string& target_dir,
                      bool drain) {
  std::printf("Suspending job \"%s\" with a CANONICAL savepoint.\n", job_id.c_str());
  std::fflush(stdout);
  json body = {{"drain", drain}, {"formatType", "CANONICAL"}};
  if (!target_dir.empty()) body["targetDirectory"] = target_dir;
  Result<cluster::RestResponse> response = client.post(fmt::format("/jobs/{}/stop", job_id), body);
  if (!response.ok() || !response->ok()) {
    return printProgramException(
        fmt::format("Could not stop with a savepoint job \"{}\".\nCaused by: {}", job_id, causeOf(response)));
  }
  Result<std::string> location = awaitSavepoint(client, job_id, response->body["request-id"].get<std::string>());
  if (!location.ok()) {
    return printProgramException(fmt::format("Could not stop with a savepoint job \"{}\".\nCaused by: {}", job_id,
                                             location.status().message()));
  }
  std::printf("Savepoint completed. Path: %s\n", location->c_str());
  return 0;
}

}  // namespace eddy::cli
