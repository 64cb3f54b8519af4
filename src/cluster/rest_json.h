#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "cluster/dispatcher.h"

namespace eddy::cluster {

// The JSON bodies of the REST API, with Flink's field names (Flink's ResponseBody classes).
// Pure functions of a job's view; `now` is the time of the request, in epoch milliseconds.

// Flink's JobStatus name: RUNNING, FINISHED, FAILED, CANCELED.
std::string jobStateName(runtime::JobStatus status);
bool isGloballyTerminal(runtime::JobStatus status);

// JobIdsWithStatusOverview: {"jobs":[{"id","status"}]}.
nlohmann::json jobIdsWithStatus(const std::vector<JobView>& jobs);
// MultipleJobsDetails: {"jobs":[JobDetails]}.
nlohmann::json multipleJobsDetails(const std::vector<JobView>& jobs, int64_t now);
// JobDetailsInfo of GET /jobs/:jobid.
nlohmann::json jobDetailsInfo(const JobView& job, int64_t now);
// JobExceptionsInfoWithHistory of GET /jobs/:jobid/exceptions.
nlohmann::json jobExceptionsInfo(const JobView& job);
// CheckpointingStatistics of GET /jobs/:jobid/checkpoints.
nlohmann::json checkpointingStatistics(const runtime::CheckpointStatsSnapshot& stats);
// CheckpointConfigInfo of GET /jobs/:jobid/checkpoints/config; nullopt when the job does not
// checkpoint.
std::optional<nlohmann::json> checkpointConfigInfo(const JobView& job);
// CheckpointStatistics with the per-vertex "tasks" of GET /jobs/:jobid/checkpoints/details/:checkpointid.
nlohmann::json checkpointDetails(const JobView& job, const runtime::CheckpointStats& stats);
// TaskCheckpointStatisticsWithSubtaskDetails of
// GET /jobs/:jobid/checkpoints/details/:checkpointid/subtasks/:vertexid; nullopt when the job
// has no such vertex.
std::optional<nlohmann::json> taskCheckpointDetails(const JobView& job, const runtime::CheckpointStats& stats,
                                                    const std::string& vertex_id);
// ClusterOverviewWithVersion of GET /overview.
nlohmann::json clusterOverview(const std::vector<JobView>& jobs, int slots, const std::string& flink_version);
// AsynchronousOperationResult of GET /jobs/:jobid/savepoints/:triggerid.
nlohmann::json savepointStatus(const SavepointOperation& operation);

}  // namespace eddy::cluster
