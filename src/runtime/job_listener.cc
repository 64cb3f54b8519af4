#include "eddy/runtime/job_listener.h"

#include <chrono>
#include <utility>

#include "runtime/job_graph.h"
#include "runtime/local_executor.h"

namespace eddy::runtime {

namespace {

thread_local JobListener* thread_job_listener = nullptr;

// The caller's handle on a job whose client is shared with a listener: forwards every call,
// so the job outlives the caller's handle while the listener holds it.
class SharedJobClient final : public JobClient {
 public:
  explicit SharedJobClient(std::shared_ptr<JobClient> job) : job_(std::move(job)) {}

  const std::string& getJobID() const override { return job_->getJobID(); }
  JobStatus getJobStatus() const override { return job_->getJobStatus(); }
  void cancel() override { job_->cancel(); }
  Status waitForCompletion() override { return job_->waitForCompletion(); }
  JobExecutionResult getJobExecutionResult() const override { return job_->getJobExecutionResult(); }
  Result<std::shared_ptr<const CompletedCheckpoint>> triggerCheckpoint() override { return job_->triggerCheckpoint(); }
  std::shared_ptr<const CompletedCheckpoint> getLatestCompletedCheckpoint() const override {
    return job_->getLatestCompletedCheckpoint();
  }
  Result<std::shared_ptr<const CompletedCheckpoint>> triggerSavepoint() override { return job_->triggerSavepoint(); }
  Result<std::shared_ptr<const CompletedCheckpoint>> stopWithSavepoint(bool drain) override {
    return job_->stopWithSavepoint(drain);
  }

 private:
  std::shared_ptr<JobClient> job_;
};

}  // namespace

JobListener* threadJobListener() { return thread_job_listener; }

Result<std::unique_ptr<JobClient>> notifyJobListener(std::unique_ptr<JobClient> client, const StreamGraph& graph) {
  JobListener* listener = threadJobListener();
  if (!listener) return client;
  JobSubmission submission;
  submission.job_name = graph.job_name;
  submission.start_time =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  submission.checkpoint_stats = graph.checkpoint_stats;
  submission.checkpoint_config = graph.checkpoint_config;
  submission.state_backend = graph.state_backend;
  EDDY_ASSIGN_OR_RETURN(JobGraph job, buildJobGraph(graph));
  for (const JobVertex& vertex : job.vertices) {
    submission.vertices.push_back(JobVertexInfo{vertex.name, vertex.parallelism, vertex.max_parallelism});
  }
  submission.client = std::shared_ptr<JobClient>(std::move(client));
  listener->onJobSubmitted(submission);
  return std::unique_ptr<JobClient>(std::make_unique<SharedJobClient>(submission.client));
}

}  // namespace eddy::runtime

extern "C" void eddySetThreadJobListener(eddy::runtime::JobListener* listener) {
  eddy::runtime::thread_job_listener = listener;
}
