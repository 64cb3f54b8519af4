#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "eddy/common/result.h"
#include "eddy/common/status.h"
#include "eddy/runtime/checkpoint.h"

namespace eddy::runtime {

// Flink's JobStatus, as far as a local job goes.
enum class JobStatus { kRunning, kFinished, kFailed, kCanceled };

std::string jobStatusName(JobStatus status);

// What a finished job reports (Flink's JobExecutionResult).
struct JobExecutionResult {
  std::string job_name;
  int64_t net_runtime_ms = 0;
};

// A handle on a submitted job (Flink's JobClient). Thread-safe.
class JobClient {
 public:
  virtual ~JobClient() = default;
  virtual const std::string& getJobID() const = 0;
  virtual JobStatus getJobStatus() const = 0;
  // Cancels the job; waitForCompletion then returns a Cancelled status.
  virtual void cancel() = 0;
  // Blocks until the job ends. OK for a job that finished; otherwise the failure, which
  // names the failing operator, or Cancelled.
  virtual Status waitForCompletion() = 0;
  virtual JobExecutionResult getJobExecutionResult() const = 0;

  // Takes a checkpoint now and waits for it (the basis of savepoints); an error if the job
  // is not running or a task could not take it.
  virtual Result<std::shared_ptr<const CompletedCheckpoint>> triggerCheckpoint() = 0;
  // The newest completed checkpoint, or null.
  virtual std::shared_ptr<const CompletedCheckpoint> getLatestCompletedCheckpoint() const = 0;

  // Takes a savepoint now and waits for it: a checkpoint that is neither written to
  // state.checkpoints.dir nor counted among the retained checkpoints; the caller writes it
  // where savepoints go.
  virtual Result<std::shared_ptr<const CompletedCheckpoint>> triggerSavepoint() = 0;
  // Flink's stop-with-savepoint: the sources take a savepoint and stop reading right after
  // it (with `drain`, after ending event time with the MAX watermark), so the job finishes
  // with nothing processed past the savepoint. Returns the savepoint once every task took it.
  virtual Result<std::shared_ptr<const CompletedCheckpoint>> stopWithSavepoint(bool drain) = 0;
};

}  // namespace eddy::runtime
