#include "cluster/rest_server_endpoint.h"

#include <httplib.h>

#include <chrono>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "cluster/rest_json.h"
#include "eddy/common/config_options.h"
#include "eddy/common/logging.h"

namespace eddy::cluster {

namespace {

using nlohmann::json;

int64_t nowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void reply(httplib::Response& res, int code, const json& body) {
  res.status = code;
  res.set_content(body.dump(), "application/json; charset=UTF-8");
}

void replyError(httplib::Response& res, int code, const std::string& message) {
  reply(res, code, json{{"errors", json::array({message})}});
}

// Flink's status codes: 404 for what does not exist, 400 for a bad request.
void replyStatus(httplib::Response& res, const Status& status) {
  replyError(res, status.code() == StatusCode::kNotFound ? 404 : 400, status.message());
}

// The job and the statistics of its checkpoint `checkpoint_id` (one of the history Flink
// keeps, web.checkpoints.history).
Result<std::pair<JobView, runtime::CheckpointStats>> findCheckpoint(Dispatcher& dispatcher, const std::string& job_id,
                                                                    const std::string& checkpoint_id) {
  EDDY_ASSIGN_OR_RETURN(JobView job, dispatcher.getJob(job_id));
  const int64_t id = std::stoll(checkpoint_id);
  for (const runtime::CheckpointStats& stats : job.checkpoint_stats->snapshot().history) {
    if (stats.checkpoint_id == id) return std::make_pair(std::move(job), stats);
  }
  return NotFound(fmt::format("Could not find checkpointing statistics for checkpoint {}.", id));
}

// The request's JSON body; an empty body is an empty object.
Result<json> parseBody(const httplib::Request& req) {
  if (req.body.empty()) return json::object();
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return InvalidArgument("Request body is not a JSON object.");
  return body;
}

std::string stringField(const json& body, const char* name) {
  auto it = body.find(name);
  return it != body.end() && it->is_string() ? it->get<std::string>() : "";
}

bool boolField(const json& body, const char* name) {
  auto it = body.find(name);
  return it != body.end() && it->is_boolean() && it->get<bool>();
}

Result<JarRunRequest> parseJarRunRequest(const json& body) {
  JarRunRequest request;
  request.jar_file = stringField(body, "jarFile");
  if (request.jar_file.empty()) return InvalidArgument("The request names no jarFile (the job library's path).");
  if (auto it = body.find("programArgsList"); it != body.end() && it->is_array()) {
    for (const json& arg : *it) {
      if (arg.is_string()) request.program_args.push_back(arg.get<std::string>());
    }
  }
  if (auto it = body.find("parallelism"); it != body.end() && it->is_number_integer()) {
    request.parallelism = it->get<int>();
  }
  request.savepoint_path = stringField(body, "savepointPath");
  request.allow_non_restored_state = boolField(body, "allowNonRestoredState");
  if (auto it = body.find("flinkConfiguration"); it != body.end() && it->is_object()) {
    for (auto& [key, value] : it->items()) {
      request.flink_configuration[key] = value.is_string() ? value.get<std::string>() : value.dump();
    }
  }
  return request;
}

}  // namespace

RestServerEndpoint::RestServerEndpoint(Dispatcher* dispatcher, std::string flink_version)
    : dispatcher_(dispatcher), flink_version_(std::move(flink_version)), server_(std::make_unique<httplib::Server>()) {
  registerRoutes();
}

RestServerEndpoint::~RestServerEndpoint() = default;

Status RestServerEndpoint::bind(const std::string& address, int port) {
  if (!server_->bind_to_port(address, port)) {
    return IOError(fmt::format("Could not start the REST server on {}:{} (is the port in use?)", address, port));
  }
  log::info("Rest endpoint listening at {}:{}", address, port);
  return Status::OK();
}

void RestServerEndpoint::serve() { server_->listen_after_bind(); }

void RestServerEndpoint::stop() { server_->stop(); }

void RestServerEndpoint::registerRoutes() {
  httplib::Server& s = *server_;
  Dispatcher* d = dispatcher_;
  const std::string version = flink_version_;

  s.Get("/config", [version](const httplib::Request&, httplib::Response& res) {
    reply(res, 200,
          {{"refresh-interval", 3000},
           {"timezone-name", "Coordinated Universal Time"},
           {"timezone-offset", 0},
           {"flink-version", version},
           {"flink-revision", ""},
           {"features", {{"web-submit", false}, {"web-cancel", true}, {"web-history", false}}}});
  });
  s.Get("/overview", [d, version](const httplib::Request&, httplib::Response& res) {
    int slots = d->configuration().get(TaskManagerOptions::kNumTaskSlots).valueOr(1);
    reply(res, 200, clusterOverview(d->listJobs(), slots, version));
  });
  s.Get("/jobs", [d](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, jobIdsWithStatus(d->listJobs()));
  });
  s.Get("/jobs/overview", [d](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, multipleJobsDetails(d->listJobs(), nowMillis()));
  });
  s.Get("/jobs/([0-9a-fA-F]+)", [d](const httplib::Request& req, httplib::Response& res) {
    Result<JobView> job = d->getJob(req.matches[1]);
    if (!job.ok()) return replyStatus(res, job.status());
    reply(res, 200, jobDetailsInfo(*job, nowMillis()));
  });
  s.Patch("/jobs/([0-9a-fA-F]+)", [d](const httplib::Request& req, httplib::Response& res) {
    std::string mode = req.has_param("mode") ? req.get_param_value("mode") : "cancel";
    if (mode != "cancel") return replyError(res, 400, fmt::format("Unsupported termination mode: {}.", mode));
    Status cancelled = d->cancelJob(req.matches[1]);
    if (!cancelled.ok()) return replyStatus(res, cancelled);
    reply(res, 202, json::object());
  });
  s.Get("/jobs/([0-9a-fA-F]+)/exceptions", [d](const httplib::Request& req, httplib::Response& res) {
    Result<JobView> job = d->getJob(req.matches[1]);
    if (!job.ok()) return replyStatus(res, job.status());
    reply(res, 200, jobExceptionsInfo(*job));
  });
  s.Get("/jobs/([0-9a-fA-F]+)/checkpoints", [d](const httplib::Request& req, httplib::Response& res) {
    Result<JobView> job = d->getJob(req.matches[1]);
    if (!job.ok()) return replyStatus(res, job.status());
    reply(res, 200, checkpointingStatistics(job->checkpoint_stats->snapshot()));
  });
  s.Get("/jobs/([0-9a-fA-F]+)/checkpoints/config", [d](const httplib::Request& req, httplib::Response& res) {
    Result<JobView> job = d->getJob(req.matches[1]);
    if (!job.ok()) return replyStatus(res, job.status());
    std::optional<json> config = checkpointConfigInfo(*job);
    if (!config) {
      return replyError(res, 404, fmt::format("Checkpointing is not enabled for this job ({}).", job->job_id));
    }
    reply(res, 200, *config);
  });
  s.Get("/jobs/([0-9a-fA-F]+)/checkpoints/details/([0-9]+)", [d](const httplib::Request& req, httplib::Response& res) {
    Result<std::pair<JobView, runtime::CheckpointStats>> found = findCheckpoint(*d, req.matches[1], req.matches[2]);
    if (!found.ok()) return replyStatus(res, found.status());
    reply(res, 200, checkpointDetails(found->first, found->second));
  });
  s.Get("/jobs/([0-9a-fA-F]+)/checkpoints/details/([0-9]+)/subtasks/([0-9a-fA-F]+)",
        [d](const httplib::Request& req, httplib::Response& res) {
          Result<std::pair<JobView, runtime::CheckpointStats>> found = findCheckpoint(*d, req.matches[1], req.matches[2]);
          if (!found.ok()) return replyStatus(res, found.status());
          std::optional<json> details = taskCheckpointDetails(found->first, found->second, req.matches[3]);
          if (!details) {
            return replyError(res, 404, fmt::format("There is no checkpoint statistics for task {}.",
                                                    std::string(req.matches[3])));
          }
          reply(res, 200, *details);
        });
  s.Post("/jobs/([0-9a-fA-F]+)/savepoints", [d](const httplib::Request& req, httplib::Response& res) {
    Result<json> body = parseBody(req);
    if (!body.ok()) return replyStatus(res, body.status());
    Result<std::string> trigger =
        d->triggerSavepoint(req.matches[1], stringField(*body, "target-directory"), boolField(*body, "cancel-job"));
    if (!trigger.ok()) return replyStatus(res, trigger.status());
    reply(res, 202, {{"request-id", *trigger}});
  });
  s.Get("/jobs/([0-9a-fA-F]+)/savepoints/([0-9a-fA-F]+)", [d](const httplib::Request& req, httplib::Response& res) {
    Result<SavepointOperation> operation = d->getSavepointOperation(req.matches[1], req.matches[2]);
    if (!operation.ok()) return replyStatus(res, operation.status());
    reply(res, 200, savepointStatus(*operation));
  });
  s.Post("/jobs/([0-9a-fA-F]+)/stop", [d](const httplib::Request& req, httplib::Response& res) {
    Result<json> body = parseBody(req);
    if (!body.ok()) return replyStatus(res, body.status());
    Result<std::string> trigger =
        d->stopWithSavepoint(req.matches[1], stringField(*body, "targetDirectory"), boolField(*body, "drain"));
    if (!trigger.ok()) return replyStatus(res, trigger.status());
    reply(res, 202, {{"request-id", *trigger}});
  });
  s.Post("/jars/run", [d](const httplib::Request& req, httplib::Response& res) {
    Result<json> body = parseBody(req);
    if (!body.ok()) return replyStatus(res, body.status());
    Result<JarRunRequest> request = parseJarRunRequest(*body);
    if (!request.ok()) return replyStatus(res, request.status());
    Result<std::string> job_id = d->submitJob(*request);
    if (!job_id.ok()) return replyError(res, 400, job_id.status().message());
    reply(res, 200, {{"jobid", *job_id}});
  });
  s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (res.body.empty()) replyError(res, res.status, fmt::format("Not found: {}", req.path));
  });
}

}  // namespace eddy::cluster
