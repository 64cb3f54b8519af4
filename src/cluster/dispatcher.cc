#include "cluster/dispatcher.h"

#include <dlfcn.h>

#include <chrono>
#include <cstdlib>
#include <future>
#include <random>

#include <fmt/format.h>

#include "eddy/api/stream_execution_environment.h"
#include "eddy/common/config_options.h"
#include "eddy/common/logging.h"
#include "runtime/checkpoint_persistence.h"

namespace eddy::cluster {

namespace {

using JobEntryPoint = int (*)(int, char**);
using SetJobListener = void (*)(runtime::JobListener*);

int64_t nowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string newTriggerId() {
  std::random_device rd;
  return fmt::format("{:016x}{:016x}", (uint64_t(rd()) << 32) | rd(), (uint64_t(rd()) << 32) | rd());
}

// A savepoint directory as Flink prints it: file:/dir/savepoint-… for a local path.
std::string savepointUri(const Path& path) {
  if (path.scheme().empty() || path.scheme() == "file") return "file:" + path.path();
  return path.toString();
}

// The -p and -D of a request as the job's dynamic properties (see kDynamicPropertiesEnv).
std::string dynamicProperties(const JarRunRequest& request) {
  std::string lines;
  for (const auto& [key, value] : request.flink_configuration) lines += key + "=" + value + "\n";
  if (request.parallelism > 0) lines += fmt::format("parallelism.default={}\n", request.parallelism);
  if (!request.savepoint_path.empty()) lines += "execution.savepoint.path=" + request.savepoint_path + "\n";
  if (request.allow_non_restored_state) lines += "execution.savepoint.ignore-unclaimed-state=true\n";
  return lines;
}

}  // namespace

struct Dispatcher::Job {
  runtime::JobSubmission submission;
  std::string job_id;
  mutable std::mutex mutex;
  int64_t end_time = -1;
  std::string failure;
};

// Receives the job a program starts, in the program's thread.
class Dispatcher::SubmissionListener final : public runtime::JobListener {
 public:
  void onJobSubmitted(const runtime::JobSubmission& submission) override {
    if (job_) return;  // a program that starts several jobs: the cluster tracks the first
    job_ = std::make_shared<Job>();
    job_->submission = submission;
    job_->job_id = submission.client->getJobID();
    submitted_.set_value(job_);
  }
  // The program returned without starting a job.
  void onProgramEnded(int exit_code) {
    if (!job_) submitted_.set_value(Result<std::shared_ptr<Job>>(InvalidArgument(fmt::format(
                   "The program ended with exit code {} before it started a job (see the cluster's log)", exit_code))));
  }
  std::future<Result<std::shared_ptr<Job>>> future() { return submitted_.get_future(); }

 private:
  std::shared_ptr<Job> job_;
  std::promise<Result<std::shared_ptr<Job>>> submitted_;
};

Dispatcher::Dispatcher(Configuration configuration) : configuration_(std::move(configuration)) {}

Dispatcher::~Dispatcher() { shutdown(); }

Result<std::string> Dispatcher::submitJob(const JarRunRequest& request) {
  std::lock_guard<std::mutex> submission(submission_mutex_);
  void* handle = dlopen(request.jar_file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) return InvalidArgument(fmt::format("cannot load job '{}': {}", request.jar_file, dlerror()));
  auto entry = reinterpret_cast<JobEntryPoint>(dlsym(handle, "eddyMain"));
  auto set_listener = reinterpret_cast<SetJobListener>(dlsym(handle, kEddySetThreadJobListenerSymbol));
  if (!entry || !set_listener) {
    return InvalidArgument(fmt::format(
        "'{}' has no entry point: export extern \"C\" int eddyMain(int, char**) and link the Eddy API",
        request.jar_file));
  }
  // Read by the program's getExecutionEnvironment() before it starts its job.
  std::string properties = dynamicProperties(request);
  if (properties.empty()) {
    unsetenv(kDynamicPropertiesEnv);
  } else {
    setenv(kDynamicPropertiesEnv, properties.c_str(), 1);
  }
  auto listener = std::make_shared<SubmissionListener>();
  std::future<Result<std::shared_ptr<Job>>> submitted = listener->future();
  std::vector<std::string> args = request.program_args;
  args.insert(args.begin(), request.jar_file);
  std::thread program([listener, entry, set_listener, args]() mutable {
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    set_listener(listener.get());
    int exit_code = entry(static_cast<int>(args.size()), argv.data());
    set_listener(nullptr);
    log::info("Program {} returned {}", args.front(), exit_code);
    listener->onProgramEnded(exit_code);
  });
  Result<std::shared_ptr<Job>> job = submitted.get();
  unsetenv(kDynamicPropertiesEnv);
  std::lock_guard<std::mutex> lock(mutex_);
  threads_.push_back(std::move(program));
  EDDY_RETURN_IF_ERROR(job.status());
  std::shared_ptr<Job> started = *job;
  jobs_[started->job_id] = started;
  job_order_.push_back(started->job_id);
  // Records when and how the job ended.
  threads_.emplace_back([started] {
    Status result = started->submission.client->waitForCompletion();
    std::lock_guard<std::mutex> job_lock(started->mutex);
    started->end_time = nowMillis();
    if (started->submission.client->getJobStatus() == runtime::JobStatus::kFailed) started->failure = result.toString();
  });
  log::info("Job {} ({}) submitted from {}", started->job_id, started->submission.job_name, request.jar_file);
  return started->job_id;
}

JobView Dispatcher::viewOf(const Job& job) {
  JobView view;
  view.job_id = job.job_id;
  view.name = job.submission.job_name;
  view.start_time = job.submission.start_time;
  view.vertices = job.submission.vertices;
  view.checkpoint_stats = job.submission.checkpoint_stats;
  view.checkpoint_config = job.submission.checkpoint_config;
  view.state_backend = job.submission.state_backend;
  std::lock_guard<std::mutex> lock(job.mutex);
  view.end_time = job.end_time;
  view.failure = job.failure;
  // The status only counts as ended once the end time is known, so that the two agree.
  runtime::JobStatus status = job.submission.client->getJobStatus();
  view.status = job.end_time < 0 ? runtime::JobStatus::kRunning : status;
  return view;
}

std::vector<JobView> Dispatcher::listJobs() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<JobView> views;
  for (const std::string& id : job_order_) views.push_back(viewOf(*jobs_.at(id)));
  return views;
}

std::shared_ptr<Dispatcher::Job> Dispatcher::findJob(const std::string& job_id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = jobs_.find(job_id);
  return it == jobs_.end() ? nullptr : it->second;
}

Result<JobView> Dispatcher::getJob(const std::string& job_id) const {
  std::shared_ptr<Job> job = findJob(job_id);
  if (!job) return NotFound("Job could not be found.");
  return viewOf(*job);
}

Status Dispatcher::cancelJob(const std::string& job_id) {
  std::shared_ptr<Job> job = findJob(job_id);
  if (!job) return NotFound("Job could not be found.");
  job->submission.client->cancel();
  return Status::OK();
}

Result<std::string> Dispatcher::triggerSavepoint(const std::string& job_id, const std::string& target_dir,
                                                 bool cancel_job) {
  return startSavepointOperation(job_id, target_dir, cancel_job, false, false);
}

Result<std::string> Dispatcher::stopWithSavepoint(const std::string& job_id, const std::string& target_dir,
                                                  bool drain) {
  return startSavepointOperation(job_id, target_dir, false, true, drain);
}

Result<std::string> Dispatcher::startSavepointOperation(const std::string& job_id, const std::string& target_dir,
                                                        bool then_cancel, bool stop, bool drain) {
  std::shared_ptr<Job> job = findJob(job_id);
  if (!job) return NotFound("Job could not be found.");
  EDDY_ASSIGN_OR_RETURN(std::optional<std::string> default_dir,
                        configuration_.getOptional(CheckpointingOptions::kSavepointDirectory));
  if (target_dir.empty() && !default_dir) {
    return InvalidArgument(
        "No savepoint directory configured. You can either specify a directory when triggering this savepoint or "
        "configure a cluster-wide default via key 'state.savepoints.dir'.");
  }
  std::string trigger_id = newTriggerId();
  std::lock_guard<std::mutex> lock(mutex_);
  operations_[{job_id, trigger_id}] = SavepointOperation{};
  threads_.emplace_back([this, job, job_id, trigger_id, target_dir, dir = default_dir.value_or(""), then_cancel,
                         stop, drain] {
    auto& client = *job->submission.client;
    Result<std::shared_ptr<const runtime::CompletedCheckpoint>> savepoint =
        stop ? client.stopWithSavepoint(drain) : client.triggerSavepoint();
    SavepointOperation outcome;
    outcome.done = true;
    if (savepoint.ok()) {
      Result<Path> written = runtime::writeSavepoint(**savepoint, job_id, target_dir, dir);
      if (written.ok()) {
        outcome.location = savepointUri(*written);
      } else {
        outcome.failure = written.status().toString();
      }
    } else {
      outcome.failure = savepoint.status().toString();
    }
    if (then_cancel && outcome.failure.empty()) client.cancel();
    log::info("Savepoint {} of job {}: {}", trigger_id, job_id,
              outcome.failure.empty() ? outcome.location : outcome.failure);
    std::lock_guard<std::mutex> done_lock(mutex_);
    operations_[{job_id, trigger_id}] = std::move(outcome);
  });
  return trigger_id;
}

Result<SavepointOperation> Dispatcher::getSavepointOperation(const std::string& job_id,
                                                             const std::string& trigger_id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!jobs_.count(job_id)) return NotFound("Job could not be found.");
  auto it = operations_.find({job_id, trigger_id});
  if (it == operations_.end()) return NotFound(fmt::format("There is no savepoint operation with trigger id {}.", trigger_id));
  return it->second;
}

void Dispatcher::shutdown() {
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (shut_down_) return;
    shut_down_ = true;
    for (auto& [id, job] : jobs_) job->submission.client->cancel();
  }
  // Threads started meanwhile (an operation that just began) are taken in a later round.
  while (true) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      threads.swap(threads_);
    }
    if (threads.empty()) break;
    for (std::thread& t : threads) t.join();
    threads.clear();
  }
}

}  // namespace eddy::cluster
