#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "eddy/common/status.h"

namespace eddy {

// One committable handed to a Committer, and what the committer says became of it
// (Flink's Committer.CommitRequest). A request starts as pending; commit() leaves it
// committed (the default if it signals nothing), asks for a retry, or fails it.
template <typename CommT>
class CommitRequest {
 public:
  enum class State { kCommitted, kRetry, kFailedKnown, kFailedUnknown };

  CommitRequest(CommT committable, int number_of_retries)
      : committable_(std::move(committable)), number_of_retries_(number_of_retries) {}

  const CommT& getCommittable() const { return committable_; }
  // How often this committable was handed to commit() before without succeeding.
  int getNumberOfRetries() const { return number_of_retries_; }

  // The commit failed for a reason that retrying cannot fix: the committable is dropped
  // with a warning naming `reason`.
  void signalFailedWithKnownReason(Status reason) { fail(State::kFailedKnown, std::move(reason)); }
  // The commit failed unexpectedly: the job fails with `reason`.
  void signalFailedWithUnknownReason(Status reason) { fail(State::kFailedUnknown, std::move(reason)); }
  // Not committed yet, e.g. the external system is unavailable: it is handed to commit()
  // again later (on the next completed checkpoint, or after a delay).
  void retryLater() { state_ = State::kRetry; }
  // As retryLater(), with the committable replaced by `committable`.
  void updateAndRetryLater(CommT committable) {
    committable_ = std::move(committable);
    state_ = State::kRetry;
  }
  // It had been committed before (e.g. by the attempt before a failover); not an error.
  void signalAlreadyCommitted() { state_ = State::kCommitted; }

  State state() const { return state_; }
  const Status& failure() const { return failure_; }

 private:
  void fail(State state, Status reason) {
    state_ = state;
    failure_ = std::move(reason);
  }

  CommT committable_;
  int number_of_retries_;
  State state_ = State::kCommitted;
  Status failure_;
};

// Makes the committables of a checkpoint visible once the checkpoint completed, the second
// phase of a two-phase commit (Flink's Committer). commit() must be idempotent: after a
// failover the same committables are committed again, and some of them may have been
// committed already. Called from the sink's task thread only.
template <typename CommT>
class Committer {
 public:
  virtual ~Committer() = default;
  // Commits every request, setting the state of those that did not simply succeed. A
  // non-OK Status fails the job (as a thrown IOException in Flink).
  virtual Status commit(std::vector<CommitRequest<CommT>>& requests) = 0;
  virtual void close() {}
};

}  // namespace eddy
