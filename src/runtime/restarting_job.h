#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "eddy/runtime/job_client.h"
#include "eddy/runtime/stream_graph.h"

namespace eddy::runtime {

// A job under a restart strategy (Flink's failover with RestartBackoffTimeStrategy, for
// the whole job): when an attempt fails, it waits the strategy's delay and runs the job
// again from the latest completed checkpoint (or what the first attempt started from),
// under the same job id, until the attempts are used up; then the job fails with the last
// attempt's error. Cancel stops it at once. Thread-safe.
class RestartingJob final : public JobClient {
 public:
  static Result<std::unique_ptr<JobClient>> start(StreamGraph graph, std::string job_id);
  ~RestartingJob() override;

  const std::string& getJobID() const override { return job_id_; }
  JobStatus getJobStatus() const override;
  void cancel() override;
  Status waitForCompletion() override;
  JobExecutionResult getJobExecutionResult() const override;
  Result<std::shared_ptr<const CompletedCheckpoint>> triggerCheckpoint() override;
  std::shared_ptr<const CompletedCheckpoint> getLatestCompletedCheckpoint() const override;
  Result<std::shared_ptr<const CompletedCheckpoint>> triggerSavepoint() override;
  Result<std::shared_ptr<const CompletedCheckpoint>> stopWithSavepoint(bool drain) override;
  // Restarts done so far.
  int getNumberOfRestarts() const;

 private:
  RestartingJob(StreamGraph graph, std::string job_id, std::unique_ptr<JobClient> first);
  void supervise();
  std::shared_ptr<JobClient> current() const;

  StreamGraph graph_;
  std::string job_id_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::shared_ptr<JobClient> attempt_;
  std::shared_ptr<const CompletedCheckpoint> latest_checkpoint_;
  bool cancelled_ = false;
  bool done_ = false;
  int restarts_ = 0;
  JobStatus status_ = JobStatus::kRunning;
  Status final_status_;
  std::thread supervisor_;
};

}  // namespace eddy::runtime
