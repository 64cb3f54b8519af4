#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "eddy/common/configuration.h"
#include "eddy/common/result.h"
#include "eddy/runtime/job_listener.h"

namespace eddy::cluster {

// What `eddy run` asks the cluster to run (Flink's JarRunRequestBody, with the library's
// path on this machine instead of an uploaded jar's id).
struct JarRunRequest {
  std::string jar_file;  // absolute path of the job's shared library
  std::vector<std::string> program_args;
  int parallelism = 0;  // 0: the configuration's parallelism.default
  std::string savepoint_path;
  bool allow_non_restored_state = false;
  std::map<std::string, std::string> flink_configuration;  // -D overrides
};

// One job of the cluster, as the REST API shows it.
struct JobView {
  std::string job_id;
  std::string name;
  runtime::JobStatus status = runtime::JobStatus::kRunning;
  int64_t start_time = 0;
  int64_t end_time = -1;  // -1 while running, as Flink
  std::vector<runtime::JobVertexInfo> vertices;
  std::string failure;  // the job's error when it failed
  std::shared_ptr<const runtime::CheckpointStatsTracker> checkpoint_stats;
  runtime::CheckpointConfig checkpoint_config;
  state::StateBackendConfig state_backend;
};

// An asynchronous savepoint or stop-with-savepoint (Flink's trigger id operations).
struct SavepointOperation {
  bool done = false;
  std::string location;  // when it succeeded: the savepoint directory as a URI
  std::string failure;   // when it failed
};

// The session cluster's JobManager side (Flink's Dispatcher): runs submitted job programs
// in this process — each program's eddyMain in a thread of its own, the job it starts
// reported back through a runtime::JobListener — and answers for the jobs it knows:
// status, cancel, savepoints, stop-with-savepoint. Thread-safe.
class Dispatcher {
 public:
  explicit Dispatcher(Configuration configuration);
  // Cancels every running job and waits for the programs to return.
  ~Dispatcher();

  // Loads the library and runs its program until it has started a job; the job's id, or
  // why no job started.
  Result<std::string> submitJob(const JarRunRequest& request);

  std::vector<JobView> listJobs() const;
  // NotFound for an unknown job.
  Result<JobView> getJob(const std::string& job_id) const;
  Status cancelJob(const std::string& job_id);
  // Starts a savepoint (or a stop-with-savepoint) and returns its trigger id at once.
  // `target_dir` empty: state.savepoints.dir.
  Result<std::string> triggerSavepoint(const std::string& job_id, const std::string& target_dir, bool cancel_job);
  Result<std::string> stopWithSavepoint(const std::string& job_id, const std::string& target_dir, bool drain);
  // NotFound for an unknown job or trigger id.
  Result<SavepointOperation> getSavepointOperation(const std::string& job_id, const std::string& trigger_id) const;

  // Cancels every running job and waits for every program and operation thread.
  void shutdown();

  const Configuration& configuration() const { return configuration_; }

 private:
  struct Job;
  class SubmissionListener;

  std::shared_ptr<Job> findJob(const std::string& job_id) const;
  // Runs `take` (which returns the savepoint) in a thread, writes the savepoint, and
  // records the outcome under a new trigger id; `then_cancel` cancels the job afterwards.
  Result<std::string> startSavepointOperation(const std::string& job_id, const std::string& target_dir,
                                              bool then_cancel, bool stop, bool drain);
  static JobView viewOf(const Job& job);

  const Configuration configuration_;
  // One submission at a time: the job's configuration goes through the process environment.
  std::mutex submission_mutex_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  std::vector<std::string> job_order_;
  std::map<std::pair<std::string, std::string>, SavepointOperation> operations_;
  std::vector<std::thread> threads_;
  bool shut_down_ = false;
};

}  // namespace eddy::cluster
