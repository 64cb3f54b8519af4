#include "cluster/rest_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

namespace eddy::cluster {

namespace {

using nlohmann::json;

int64_t durationOf(const JobView& job, int64_t now) {
  return (job.end_time < 0 ? now : job.end_time) - job.start_time;
}

// A vertex id of 32 hex digits, stable for a job's vertex (Flink's JobVertexID).
std::string vertexId(const JobView& job, size_t index) {
  size_t h1 = std::hash<std::string>{}(job.job_id + "/" + std::to_string(index));
  size_t h2 = std::hash<std::string>{}(std::to_string(index) + "/" + job.name);
  return fmt::format("{:016x}{:016x}", static_cast<uint64_t>(h1), static_cast<uint64_t>(h2));
}

// Flink's ExecutionState counts of a job's tasks: all in one state, as a job's tasks run
// and end together here.
json taskCounts(runtime::JobStatus status, int tasks) {
  json counts = {{"CREATED", 0},  {"SCHEDULED", 0},    {"DEPLOYING", 0}, {"RUNNING", 0},
                 {"FINISHED", 0}, {"CANCELING", 0},    {"CANCELED", 0},  {"FAILED", 0},
                 {"RECONCILING", 0}, {"INITIALIZING", 0}};
  counts[jobStateName(status)] = tasks;
  return counts;
}

int taskCount(const JobView& job) {
  int tasks = 0;
  for (const auto& vertex : job.vertices) tasks += vertex.parallelism;
  return tasks;
}

json minMaxAvg(const runtime::CheckpointStatsSnapshot::Summary& summary) {
  int64_t avg = summary.count == 0 ? 0 : summary.sum / summary.count;
  return {{"min", summary.min}, {"max", summary.max}, {"avg", avg}};
}

json zeroSummary() { return {{"min", 0}, {"max", 0}, {"avg", 0}}; }

json checkpointStatistics(const runtime::CheckpointStats& stats) {
  const char* class_name = "in_progress";
  const char* status = "IN_PROGRESS";
  if (stats.status == runtime::CheckpointStatsStatus::kCompleted) {
    class_name = "completed";
    status = "COMPLETED";
  } else if (stats.status == runtime::CheckpointStatsStatus::kFailed) {
    class_name = "failed";
    status = "FAILED";
  }
  json out = {{"className", class_name},
              {"id", stats.checkpoint_id},
              {"status", status},
              {"is_savepoint", stats.is_savepoint},
              {"savepointFormat", stats.is_savepoint ? json("CANONICAL") : json(nullptr)},
              {"trigger_timestamp", stats.trigger_timestamp},
              {"latest_ack_timestamp", stats.latest_ack_timestamp},
              {"checkpointed_size", stats.checkpointed_size},
              {"state_size", stats.state_size},
              {"end_to_end_duration", stats.endToEndDuration()},
              {"alignment_buffered", 0},
              {"processed_data", 0},
              {"persisted_data", 0},
              {"num_subtasks", stats.num_subtasks},
              {"num_acknowledged_subtasks", stats.num_acknowledged_subtasks},
              {"checkpoint_type", stats.is_savepoint ? "SAVEPOINT" : "CHECKPOINT"},
              {"tasks", json::object()}};
  if (stats.status == runtime::CheckpointStatsStatus::kCompleted) {
    out["external_path"] = stats.external_path.empty() ? json("<checkpoint-not-externally-addressable>")
                                                       : json(stats.external_path);
    out["discarded"] = false;
  } else if (stats.status == runtime::CheckpointStatsStatus::kFailed) {
    out["failure_timestamp"] = stats.latest_ack_timestamp;
    out["failure_message"] = stats.failure_message;
  }
  return out;
}

json optionalStats(const std::optional<runtime::CheckpointStats>& stats) {
  return stats ? checkpointStatistics(*stats) : json(nullptr);
}

}  // namespace

std::string jobStateName(runtime::JobStatus status) { return runtime::jobStatusName(status); }

bool isGloballyTerminal(runtime::JobStatus status) { return status != runtime::JobStatus::kRunning; }

json jobIdsWithStatus(const std::vector<JobView>& jobs) {
  json list = json::array();
  for (const JobView& job : jobs) list.push_back({{"id", job.job_id}, {"status", jobStateName(job.status)}});
  return {{"jobs", list}};
}

json multipleJobsDetails(const std::vector<JobView>& jobs, int64_t now) {
  json list = json::array();
  for (const JobView& job : jobs) {
    int tasks = taskCount(job);
    json counts = taskCounts(job.status, tasks);
    json lower;
    for (auto& [state, n] : counts.items()) {
      std::string name = state;
      std::transform(name.begin(), name.end(), name.begin(), ::tolower);
      lower[name] = n;
    }
    lower["total"] = tasks;
    list.push_back({{"jid", job.job_id},
                    {"name", job.name},
                    {"state", jobStateName(job.status)},
                    {"start-time", job.start_time},
                    {"end-time", job.end_time},
                    {"duration", durationOf(job, now)},
                    {"last-modification", job.end_time < 0 ? job.start_time : job.end_time},
                    {"tasks", lower}});
  }
  return {{"jobs", list}};
}

json jobDetailsInfo(const JobView& job, int64_t now) {
  json vertices = json::array();
  json nodes = json::array();
  for (size_t i = 0; i < job.vertices.size(); ++i) {
    const runtime::JobVertexInfo& vertex = job.vertices[i];
    std::string id = vertexId(job, i);
    vertices.push_back({{"id", id},
                        {"name", vertex.name},
                        {"maxParallelism", vertex.max_parallelism},
                        {"parallelism", vertex.parallelism},
                        {"status", jobStateName(job.status)},
                        {"start-time", job.start_time},
                        {"end-time", job.end_time},
                        {"duration", durationOf(job, now)},
                        {"tasks", taskCounts(job.status, vertex.parallelism)},
                        {"metrics", json::object()}});
    nodes.push_back({{"id", id}, {"parallelism", vertex.parallelism}, {"description", vertex.name}});
  }
  json timestamps = {{"INITIALIZING", job.start_time}, {"CREATED", job.start_time}, {"RUNNING", job.start_time}};
  if (job.end_time >= 0) timestamps[jobStateName(job.status)] = job.end_time;
  return {{"jid", job.job_id},
          {"name", job.name},
          {"isStoppable", false},
          {"state", jobStateName(job.status)},
          {"job-type", "STREAMING"},
          {"start-time", job.start_time},
          {"end-time", job.end_time},
          {"duration", durationOf(job, now)},
          {"maxParallelism", -1},
          {"now", now},
          {"timestamps", timestamps},
          {"vertices", vertices},
          {"status-counts", taskCounts(job.status, static_cast<int>(job.vertices.size()))},
          {"plan", {{"jid", job.job_id}, {"name", job.name}, {"type", "STREAMING"}, {"nodes", nodes}}}};
}

json jobExceptionsInfo(const JobView& job) {
  json root = job.failure.empty() ? json(nullptr) : json(job.failure);
  json timestamp = job.failure.empty() ? json(nullptr) : json(job.end_time);
  return {{"root-exception", root},
          {"timestamp", timestamp},
          {"all-exceptions", json::array()},
          {"truncated", false},
          {"exceptionHistory", {{"entries", json::array()}, {"truncated", false}}}};
}

json checkpointingStatistics(const runtime::CheckpointStatsSnapshot& stats) {
  json history = json::array();
  for (const runtime::CheckpointStats& checkpoint : stats.history) history.push_back(checkpointStatistics(checkpoint));
  json restored = nullptr;
  if (stats.latest_restored) {
    restored = {{"id", stats.latest_restored->checkpoint_id},
                {"restore_timestamp", stats.latest_restored->restore_timestamp},
                {"is_savepoint", stats.latest_restored->is_savepoint},
                {"external_path", stats.latest_restored->external_path}};
  }
  return {{"counts",
           {{"restored", stats.num_restored},
            {"total", stats.numTotal()},
            {"in_progress", stats.num_in_progress},
            {"completed", stats.num_completed},
            {"failed", stats.num_failed}}},
          {"summary",
           {{"checkpointed_size", minMaxAvg(stats.checkpointed_size)},
            {"state_size", minMaxAvg(stats.state_size)},
            {"end_to_end_duration", minMaxAvg(stats.end_to_end_duration)},
            {"alignment_buffered", zeroSummary()},
            {"processed_data", zeroSummary()},
            {"persisted_data", zeroSummary()}}},
          {"latest",
           {{"completed", optionalStats(stats.latest_completed)},
            {"savepoint", optionalStats(stats.latest_savepoint)},
            {"failed", optionalStats(stats.latest_failed)},
            {"restored", restored}}},
          {"history", history}};
}

json clusterOverview(const std::vector<JobView>& jobs, int slots, const std::string& flink_version) {
  int running = 0, finished = 0, cancelled = 0, failed = 0, used = 0;
  for (const JobView& job : jobs) {
    switch (job.status) {
      case runtime::JobStatus::kRunning: {
        ++running;
        // A job takes as many slots as its widest vertex (slot sharing).
        int widest = 0;
        for (const auto& vertex : job.vertices) widest = std::max(widest, vertex.parallelism);
        used += widest;
        break;
      }
      case runtime::JobStatus::kFinished: ++finished; break;
      case runtime::JobStatus::kCanceled: ++cancelled; break;
      case runtime::JobStatus::kFailed: ++failed; break;
    }
  }
  return {{"taskmanagers", 1},
          {"slots-total", slots},
          {"slots-available", std::max(0, slots - used)},
          {"jobs-running", running},
          {"jobs-finished", finished},
          {"jobs-cancelled", cancelled},
          {"jobs-failed", failed},
          {"flink-version", flink_version},
          {"flink-commit", ""}};
}

json savepointStatus(const SavepointOperation& operation) {
  if (!operation.done) return {{"status", {{"id", "IN_PROGRESS"}}}, {"operation", nullptr}};
  if (!operation.failure.empty()) {
    return {{"status", {{"id", "COMPLETED"}}},
            {"operation",
             {{"failure-cause",
               {{"class", "org.apache.flink.util.FlinkException"}, {"stack-trace", operation.failure}}}}}};
  }
  return {{"status", {{"id", "COMPLETED"}}}, {"operation", {{"location", operation.location}}}};
}

}  // namespace eddy::cluster
