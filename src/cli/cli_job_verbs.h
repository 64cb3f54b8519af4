#pragma once

#include <string>

#include "cluster/rest_cluster_client.h"

namespace eddy::cli {

// Flink's `flink list`, `cancel`, `savepoint` and `stop`, over the REST API: each prints
// what Flink prints and returns the exit code.
int listJobs(cluster::RestClusterClient& client);
int cancelJob(cluster::RestClusterClient& client, const std::string& job_id);
int triggerSavepoint(cluster::RestClusterClient& client, const std::string& job_id, const std::string& target_dir);
int stopWithSavepoint(cluster::RestClusterClient& client, const std::string& job_id, const std::string& target_dir,
                      bool drain);

}  // namespace eddy::cli
