#pragma once

#include <chrono>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "eddy/common/logging.h"
#include "eddy/functions/two_phase_committing_sink.h"
#include "eddy/operators/committing_sink_state.h"
#include "eddy/runtime/stream_operator.h"

namespace eddy::operators {

// Runs a TwoPhaseCommittingSink: Flink's SinkWriterOperator and CommitterOperator in one
// operator, since the committer runs in the writer's task here. Lifecycle, in the task:
//
//   initializeState (committables and writer states of the restored checkpoint)
//   → open: the writer is created or restored; restored committables are committed again
//     (idempotently) before any new record
//   → processBatch* → on each barrier, snapshotOperatorState(id): writer.prepareCommit()
//     (the committables of checkpoint id), writer.snapshotState(id); both go into the state
//   → notifyCheckpointComplete(id): commits the committables of every checkpoint <= id
//   → finish (end of input): flush(true), prepareCommit(), and everything is committed
//
// Checkpoints are committed in order: while committables of a checkpoint wait for a
// retry, those of later checkpoints wait too, so what is visible is always the output of a
// prefix of checkpoints. Retries happen on the next completed checkpoint or after
// kRetryDelayMs, whichever comes first. The operator state is one entry per subtask, so
// that at an unchanged parallelism every subtask gets its own state back.
template <typename T, typename CommT, typename WriterStateT>
class CommittingSinkOperator final : public runtime::StreamOperator {
 public:
  using SinkType = TwoPhaseCommittingSink<T, CommT, WriterStateT>;
  // The checkpoint id under which the committables of the end of input are committed.
  static constexpr int64_t kEndOfInput = std::numeric_limits<int64_t>::max();
  // Flink's CommitterOperator RETRY_DELAY.
  static constexpr int64_t kRetryDelayMs = 1000;
  // At the end of input the task waits for retried commits this many times at most.
  static constexpr int kMaxEndOfInputRetries = 60;

  explicit CommittingSinkOperator(std::shared_ptr<SinkType> sink) : sink_(std::move(sink)) {}

  Status initializeState(const std::vector<std::string>& operator_state) override {
    restored_ = !operator_state.empty();
    const auto& committable_serializer = sink_->getCommittableSerializer();
    const auto& state_serializer = sink_->getWriterStateSerializer();
    std::map<int64_t, std::vector<Pending>> restored;
    for (const std::string& entry : operator_state) {
      EDDY_ASSIGN_OR_RETURN(CommittingSinkState state, CommittingSinkState::decode(entry));
      for (const auto& committable : state.committables) {
        EDDY_ASSIGN_OR_RETURN(CommT value, committable_serializer.deserialize(state.committable_version, committable.bytes));
        restored[committable.checkpoint_id].push_back(Pending{std::move(value), 0});
      }
      for (const std::string& bytes : state.writer_states) {
        EDDY_ASSIGN_OR_RETURN(WriterStateT value, state_serializer.deserialize(state.writer_state_version, bytes));
        restored_writer_states_.push_back(std::move(value));
      }
    }
    // Restored checkpoints all completed before any of this attempt's: they are renumbered
    // below 0, in their order, so that they come first whatever ids the new attempt uses.
    int64_t id = -static_cast<int64_t>(restored.size());
    for (auto& [old_id, committables] : restored) pending_[id++] = std::move(committables);
    return Status::OK();
  }

  void open() override {
    PrecommittingSinkWriterContext context{info().subtask_index, info().parallelism, &processingTimeService()};
    auto writer = restored_ ? sink_->restoreWriter(context, restored_writer_states_) : sink_->createWriter(context);
    writer_ = check(std::move(writer));
    restored_writer_states_.clear();
    committer_ = check(sink_->createCommitter());
    // Flink commits what the checkpoint restored before the first record.
    if (!pending_.empty()) {
      last_completed_checkpoint_ = pending_.rbegin()->first;
      commitUpTo(last_completed_checkpoint_);
    }
  }

  void processBatch(runtime::BatchBase& batch, int) override {
    writer_->writeBatch(static_cast<runtime::RecordBatch<T>&>(batch));
  }

  Result<std::vector<std::string>> snapshotOperatorState(int64_t checkpoint_id) override {
    EDDY_ASSIGN_OR_RETURN(std::vector<CommT> prepared, writer_->prepareCommit());
    for (CommT& committable : prepared) pending_[checkpoint_id].push_back(Pending{std::move(committable), 0});
    EDDY_ASSIGN_OR_RETURN(std::vector<WriterStateT> writer_states, writer_->snapshotState(checkpoint_id));
    const auto& committable_serializer = sink_->getCommittableSerializer();
    const auto& state_serializer = sink_->getWriterStateSerializer();
    CommittingSinkState state;
    state.committable_version = committable_serializer.getVersion();
    state.writer_state_version = state_serializer.getVersion();
    for (const auto& [id, committables] : pending_) {
      for (const Pending& p : committables) state.committables.push_back({id, committable_serializer.serialize(p.committable)});
    }
    for (const WriterStateT& s : writer_states) state.writer_states.push_back(state_serializer.serialize(s));
    return std::vector<std::string>{state.encode()};
  }

  void notifyCheckpointComplete(int64_t checkpoint_id) override {
    if (checkpoint_id > last_completed_checkpoint_) last_completed_checkpoint_ = checkpoint_id;
    commitUpTo(last_completed_checkpoint_);
  }

  // Flink's final checkpoint, without a checkpoint: everything left is committed now.
  void finish() override {
    writer_->flush(true);
    std::vector<CommT> prepared = check(writer_->prepareCommit());
    for (CommT& committable : prepared) pending_[kEndOfInput].push_back(Pending{std::move(committable), 0});
    last_completed_checkpoint_ = kEndOfInput;
    for (int attempt = 0; !pending_.empty(); ++attempt) {
      if (attempt > kMaxEndOfInputRetries) {
        throw std::runtime_error(
            fmt::format("could not commit the sink's output at the end of input after {} retries", attempt - 1));
      }
      if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(kRetryDelayMs));
      commitUpTo(kEndOfInput);
    }
  }

  void close() override {
    if (writer_) writer_->close();
    if (committer_) committer_->close();
  }

 protected:
  void onWatermark(int64_t) override {}

 private:
  struct Pending {
    CommT committable;
    int retries;
  };

  template <typename V>
  static V check(Result<V> result) {
    if (!result.ok()) throw std::runtime_error(result.status().toString());
    return std::move(result).value();
  }

  // Commits checkpoint by checkpoint, oldest first, up to `checkpoint_id`; stops at the
  // first checkpoint with committables left to retry and schedules the retry.
  void commitUpTo(int64_t checkpoint_id) {
    while (!pending_.empty() && pending_.begin()->first <= checkpoint_id) {
      auto& [id, committables] = *pending_.begin();
      std::vector<CommitRequest<CommT>> requests;
      requests.reserve(committables.size());
      for (Pending& p : committables) requests.emplace_back(std::move(p.committable), p.retries);
      Status status = committer_->commit(requests);
      if (!status.ok()) throw std::runtime_error(status.withContext(fmt::format("committing checkpoint {}", id)).toString());
      std::vector<Pending> retry;
      for (CommitRequest<CommT>& request : requests) {
        switch (request.state()) {
          case CommitRequest<CommT>::State::kCommitted:
            break;
          case CommitRequest<CommT>::State::kRetry:
            retry.push_back(Pending{request.getCommittable(), request.getNumberOfRetries() + 1});
            break;
          case CommitRequest<CommT>::State::kFailedKnown:
            log::warn("Sink '{}' dropped a committable of checkpoint {}: {}", name(), id, request.failure().toString());
            break;
          case CommitRequest<CommT>::State::kFailedUnknown:
            throw std::runtime_error(request.failure().withContext(fmt::format("committing checkpoint {}", id)).toString());
        }
      }
      if (!retry.empty()) {
        committables = std::move(retry);
        scheduleRetry();
        return;
      }
      pending_.erase(pending_.begin());
    }
  }

  void scheduleRetry() {
    if (retry_scheduled_ || last_completed_checkpoint_ == kEndOfInput) return;
    retry_scheduled_ = true;
    runtime::ProcessingTimeService& time = processingTimeService();
    time.registerTimer(time.getCurrentProcessingTime() + kRetryDelayMs, [this](int64_t) {
      retry_scheduled_ = false;
      commitUpTo(last_completed_checkpoint_);
    });
  }

  std::shared_ptr<SinkType> sink_;
  std::unique_ptr<typename SinkType::Writer> writer_;
  std::unique_ptr<Committer<CommT>> committer_;
  bool restored_ = false;
  std::vector<WriterStateT> restored_writer_states_;
  // Committables not committed yet, by the checkpoint that produced them.
  std::map<int64_t, std::vector<Pending>> pending_;
  int64_t last_completed_checkpoint_ = std::numeric_limits<int64_t>::min();
  bool retry_scheduled_ = false;
};

// The CommittingSinkOperator that runs a TwoPhaseCommittingSink<T, CommT, WriterStateT>.
template <typename Sink>
struct CommittingSinkOperatorFor;
template <typename T, typename CommT, typename WriterStateT>
struct CommittingSinkOperatorFor<TwoPhaseCommittingSink<T, CommT, WriterStateT>> {
  using type = CommittingSinkOperator<T, CommT, WriterStateT>;
};

}  // namespace eddy::operators
