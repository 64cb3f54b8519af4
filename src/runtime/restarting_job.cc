#include "runtime/restarting_job.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "eddy/common/logging.h"
#include "runtime/checkpoint_persistence.h"
#include "runtime/local_executor.h"

namespace eddy::runtime {

Result<std::unique_ptr<JobClient>> RestartingJob::start(StreamGraph graph, std::string job_id) {
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<JobClient> first, executeAttempt(graph, job_id));
  std::unique_ptr<RestartingJob> job(new RestartingJob(std::move(graph), std::move(job_id), std::move(first)));
  job->supervisor_ = std::thread([raw = job.get()] { raw->supervise(); });
  return std::unique_ptr<JobClient>(std::move(job));
}

RestartingJob::RestartingJob(StreamGraph graph, std::string job_id, std::unique_ptr<JobClient> first)
    : graph_(std::move(graph)), job_id_(std::move(job_id)), attempt_(std::move(first)) {}

RestartingJob::~RestartingJob() {
  cancel();
  if (supervisor_.joinable()) supervisor_.join();
}

std::shared_ptr<JobClient> RestartingJob::current() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return attempt_;
}

void RestartingJob::supervise() {
  const RestartStrategy& strategy = graph_.restart_strategy;
  int64_t delay_ms = strategy.delay_ms;
  while (true) {
    std::shared_ptr<JobClient> attempt = current();
    Status status = attempt->waitForCompletion();
    std::unique_lock<std::mutex> lock(mutex_);
    if (auto checkpoint = attempt->getLatestCompletedCheckpoint()) latest_checkpoint_ = checkpoint;
    bool failed = attempt->getJobStatus() == JobStatus::kFailed;
    if (!failed || cancelled_ || restarts_ >= strategy.attempts) {
      final_status_ = status;
      status_ = cancelled_ ? JobStatus::kCanceled : attempt->getJobStatus();
      if (failed && !cancelled_ && strategy.attempts > 0) {
        final_status_ = status.withContext(
            fmt::format("Recovery is suppressed by {}(maxNumberRestartAttempts={})",
                        strategy.type == RestartStrategyType::kFixedDelay ? "FixedDelayRestartBackoffTimeStrategy"
                                                                          : "ExponentialDelayRestartBackoffTimeStrategy",
                        strategy.attempts));
      }
      if (failed && !cancelled_) {
        Status discarded = discardCheckpointsOnShutdown(graph_.checkpoint_config, job_id_, JobStatus::kFailed);
        if (!discarded.ok()) log::warn("Could not delete the checkpoints of job {}: {}", job_id_, discarded.toString());
      }
      done_ = true;
      cv_.notify_all();
      return;
    }
    log::warn("Job {} failed: {}; restarting in {} ms from checkpoint {} (restart {} of {})", job_id_,
              status.message(), delay_ms, latest_checkpoint_ ? latest_checkpoint_->checkpoint_id : 0, restarts_ + 1,
              strategy.attempts);
    cv_.wait_for(lock, std::chrono::milliseconds(delay_ms), [&] { return cancelled_; });
    if (cancelled_) continue;
    ++restarts_;
    StreamGraph graph = graph_;
    if (latest_checkpoint_) graph.restore = RestoreSettings{latest_checkpoint_, graph_.restore.allow_non_restored_state};
    lock.unlock();
    Result<std::unique_ptr<JobClient>> next = executeAttempt(std::move(graph), job_id_);
    lock.lock();
    if (!next.ok()) {
      final_status_ = next.status();
      status_ = JobStatus::kFailed;
      done_ = true;
      cv_.notify_all();
      return;
    }
    attempt_ = std::move(next).value();
    if (cancelled_) attempt_->cancel();  // cancelled while the attempt was starting
    if (strategy.type == RestartStrategyType::kExponentialDelay) {
      delay_ms = std::min<int64_t>(strategy.max_backoff_ms,
                                   static_cast<int64_t>(std::llround(delay_ms * strategy.backoff_multiplier)));
    }
  }
}

JobStatus RestartingJob::getJobStatus() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return done_ ? status_ : JobStatus::kRunning;
}

void RestartingJob::cancel() {
  std::shared_ptr<JobClient> attempt;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (done_) return;
    cancelled_ = true;
    attempt = attempt_;
  }
  cv_.notify_all();
  attempt->cancel();
}

Status RestartingJob::waitForCompletion() {
  std::unique_lock<std::mutex> lock(mutex_);
  cv_.wait(lock, [&] { return done_; });
  return final_status_;
}

JobExecutionResult RestartingJob::getJobExecutionResult() const { return current()->getJobExecutionResult(); }

Result<std::shared_ptr<const CompletedCheckpoint>> RestartingJob::triggerCheckpoint() {
  return current()->triggerCheckpoint();
}

Result<std::shared_ptr<const CompletedCheckpoint>> RestartingJob::triggerSavepoint() {
  return current()->triggerSavepoint();
}

Result<std::shared_ptr<const CompletedCheckpoint>> RestartingJob::stopWithSavepoint(bool drain) {
  return current()->stopWithSavepoint(drain);
}

std::shared_ptr<const CompletedCheckpoint> RestartingJob::getLatestCompletedCheckpoint() const {
  std::shared_ptr<const CompletedCheckpoint> newest = current()->getLatestCompletedCheckpoint();
  std::lock_guard<std::mutex> lock(mutex_);
  return newest ? newest : latest_checkpoint_;
}

int RestartingJob::getNumberOfRestarts() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return restarts_;
}

}  // namespace eddy::runtime
