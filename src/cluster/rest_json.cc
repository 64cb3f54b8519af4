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

// Flink's StatsSummaryDto of `values`: min, max, average and percentiles (nearest rank).
json statsSummary(std::vector<int64_t> values) {
  if (values.empty()) {
    return {{"min", 0}, {"max", 0}, {"avg", 0}, {"p50", 0}, {"p90", 0}, {"p95", 0}, {"p99", 0}, {"p999", 0}};
  }
  std::sort(values.begin(), values.end());
  int64_t sum = 0;
  for (int64_t v : values) sum += v;
  auto percentile = [&values](double q) {
    size_t rank = static_cast<size_t>(q * static_cast<double>(values.size()) + 0.999999);
    return values[std::min(values.size(), std::max<size_t>(rank, 1)) - 1];
  };
  return {{"min", values.front()},
          {"max", values.back()},
          {"avg", sum / static_cast<int64_t>(values.size())},
          {"p50", percentile(0.5)},
          {"p90", percentile(0.9)},
          {"p95", percentile(0.95)},
          {"p99", percentile(0.99)},
          {"p999", percentile(0.999)}};
}

const char* statusName(runtime::CheckpointStatsStatus status) {
  switch (status) {
    case runtime::CheckpointStatsStatus::kCompleted: return "COMPLETED";
    case runtime::CheckpointStatsStatus::kFailed: return "FAILED";
    case runtime::CheckpointStatsStatus::kInProgress: break;
  }
  return "IN_PROGRESS";
}

// Flink's RestAPICheckpointType.
const char* checkpointType(const runtime::CheckpointStats& stats) {
  if (stats.is_savepoint) return "SAVEPOINT";
  return stats.unaligned ? "UNALIGNED_CHECKPOINT" : "CHECKPOINT";
}

// Flink's TaskCheckpointStatistics of one vertex in checkpoint `stats`.
json taskCheckpointStatistics(const runtime::CheckpointStats& stats, const runtime::TaskCheckpointStats& task) {
  int64_t latest_ack = 0, state_size = 0, checkpointed_size = 0, persisted_data = 0;
  for (const runtime::SubtaskCheckpointStats& subtask : task.acknowledged) {
    latest_ack = std::max(latest_ack, subtask.ack_timestamp);
    state_size += subtask.state_size;
    checkpointed_size += subtask.checkpointed_size;
    persisted_data += subtask.persisted_data;
  }
  return {{"id", stats.checkpoint_id},
          {"status", statusName(stats.status)},
          {"latest_ack_timestamp", latest_ack},
          {"checkpointed_size", checkpointed_size},
          {"state_size", state_size},
          {"end_to_end_duration", latest_ack == 0 ? -1 : latest_ack - stats.trigger_timestamp},
          {"alignment_buffered", 0},
          {"processed_data", 0},
          {"persisted_data", persisted_data},
          {"num_subtasks", task.num_subtasks},
          {"num_acknowledged_subtasks", static_cast<int>(task.acknowledged.size())}};
}

// Flink's CheckpointStatistics; with `job`, the per-vertex statistics under "tasks" (the
// details endpoint), without them in the history (as Flink's overview).
json checkpointStatistics(const runtime::CheckpointStats& stats, const JobView* job = nullptr) {
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
              {"persisted_data", stats.persisted_data},
              {"num_subtasks", stats.num_subtasks},
              {"num_acknowledged_subtasks", stats.num_acknowledged_subtasks},
              {"checkpoint_type", checkpointType(stats)},
              {"tasks", json::object()}};
  if (job) {
    for (size_t v = 0; v < stats.tasks.size() && v < job->vertices.size(); ++v) {
      out["tasks"][vertexId(*job, v)] = taskCheckpointStatistics(stats, stats.tasks[v]);
    }
  }
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

std::optional<json> checkpointConfigInfo(const JobView& job) {
  const runtime::CheckpointConfig& config = job.checkpoint_config;
  if (!config.isCheckpointingEnabled()) return std::nullopt;
  const bool externalized =
      config.externalized_retention != runtime::ExternalizedCheckpointRetention::NO_EXTERNALIZED_CHECKPOINTS;
  const bool rocksdb = job.state_backend.kind == state::StateBackendConfig::Kind::kRocksDB;
  // Eddy has no changelog state backend yet: its fields carry Flink's values for a job
  // without it.
  return json{{"mode", config.mode == runtime::CheckpointingMode::EXACTLY_ONCE ? "exactly_once" : "at_least_once"},
              {"interval", config.interval_ms},
              {"timeout", config.timeout_ms},
              {"min_pause", config.min_pause_ms},
              {"max_concurrent", config.max_concurrent},
              {"externalization",
               {{"enabled", externalized},
                {"delete_on_cancellation",
                 config.externalized_retention == runtime::ExternalizedCheckpointRetention::DELETE_ON_CANCELLATION}}},
              {"state_backend", rocksdb ? "EmbeddedRocksDBStateBackend" : "HashMapStateBackend"},
              {"checkpoint_storage",
               config.checkpoints_dir.empty() ? "JobManagerCheckpointStorage" : "FileSystemCheckpointStorage"},
              {"unaligned_checkpoints", config.unaligned},
              {"tolerable_failed_checkpoints", config.tolerable_failures},
              {"aligned_checkpoint_timeout", config.aligned_checkpoint_timeout_ms},
              {"checkpoints_after_tasks_finish", true},
              {"state_changelog_enabled", false},
              {"changelog_periodic_materialization_interval", 600000},
              {"changelog_storage", "memory"}};
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
            {"persisted_data", minMaxAvg(stats.persisted_data)}}},
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

namespace eddy::cluster {

json checkpointDetails(const JobView& job, const runtime::CheckpointStats& stats) {
  return checkpointStatistics(stats, &job);
}

std::optional<json> taskCheckpointDetails(const JobView& job, const runtime::CheckpointStats& stats,
                                          const std::string& vertex_id) {
  size_t v = 0;
  while (v < job.vertices.size() && vertexId(job, v) != vertex_id) ++v;
  if (v >= job.vertices.size() || v >= stats.tasks.size()) return std::nullopt;
  const runtime::TaskCheckpointStats& task = stats.tasks[v];
  json out = taskCheckpointStatistics(stats, task);
  std::vector<const runtime::SubtaskCheckpointStats*> by_index(static_cast<size_t>(task.num_subtasks), nullptr);
  std::vector<int64_t> checkpointed, state, duration, sync, async, alignment, start_delay, persisted;
  for (const runtime::SubtaskCheckpointStats& subtask : task.acknowledged) {
    if (subtask.subtask >= 0 && subtask.subtask < task.num_subtasks) by_index[static_cast<size_t>(subtask.subtask)] = &subtask;
    checkpointed.push_back(subtask.checkpointed_size);
    state.push_back(subtask.state_size);
    duration.push_back(subtask.ack_timestamp - stats.trigger_timestamp);
    sync.push_back(subtask.sync_duration);
    async.push_back(subtask.async_duration);
    alignment.push_back(subtask.alignment_duration);
    start_delay.push_back(subtask.start_delay);
    persisted.push_back(subtask.persisted_data);
  }
  const json zeros = statsSummary({});
  out["summary"] = {{"checkpointed_size", statsSummary(checkpointed)},
                    {"state_size", statsSummary(state)},
                    {"end_to_end_duration", statsSummary(duration)},
                    {"checkpoint_duration", {{"sync", statsSummary(sync)}, {"async", statsSummary(async)}}},
                    {"alignment",
                     {{"buffered", zeros}, {"processed", zeros}, {"persisted", statsSummary(persisted)},
                      {"duration", statsSummary(alignment)}}},
                    {"start_delay", statsSummary(start_delay)}};
  json subtasks = json::array();
  for (size_t i = 0; i < by_index.size(); ++i) {
    const runtime::SubtaskCheckpointStats* subtask = by_index[i];
    if (!subtask) {
      subtasks.push_back({{"index", i}, {"status", "pending_or_failed"}});
      continue;
    }
    subtasks.push_back({{"index", i},
                        {"status", "completed"},
                        {"ack_timestamp", subtask->ack_timestamp},
                        {"end_to_end_duration", subtask->ack_timestamp - stats.trigger_timestamp},
                        {"state_size", subtask->state_size},
                        {"checkpointed_size", subtask->checkpointed_size},
                        {"checkpoint", {{"sync", subtask->sync_duration}, {"async", subtask->async_duration}}},
                        {"alignment",
                         {{"buffered", 0},
                          {"processed", 0},
                          {"persisted", subtask->persisted_data},
                          {"duration", subtask->alignment_duration}}},
                        {"start_delay", subtask->start_delay},
                        {"unaligned_checkpoint", subtask->unaligned},
                        {"aborted", false}});
  }
  out["subtasks"] = subtasks;
  return out;
}

}  // namespace eddy::cluster
