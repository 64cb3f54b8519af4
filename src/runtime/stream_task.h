#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "eddy/checkpoint/fs_checkpoint_storage_access.h"
#include "eddy/common/status.h"
#include "eddy/runtime/checkpoint.h"
#include "runtime/async_checkpoint_runnable.h"
#include "runtime/async_operations_thread.h"
#include "runtime/channel_state_writer.h"
#include "runtime/checkpoint_barrier_handler.h"
#include "eddy/runtime/stream_operator.h"
#include "runtime/local_channel.h"
#include "runtime/mailbox.h"
#include "runtime/task_wakeup.h"
#include "runtime/timer_queue.h"
#include "runtime/watermark_valve.h"

namespace eddy::state {
class KeyedStateBackend;
}  // namespace eddy::state

namespace eddy::runtime {

// One parallel instance of a chain of operators, running in its own thread with a mailbox
// loop, as Flink's StreamTask:
//
//   open operators (tail first) → loop { mails; due timers; input (or source reads) }
//     → end of input: finish operators (head first), flush, end-of-partition downstream
//     → close operators
//
// The loop sleeps only when there is no input, mail or due timer, after flushing the
// partially filled batches for downstream tasks. Cancel and status are thread-safe; the
// rest belongs to the task thread.
class StreamTask {
 public:
  struct InputChannel {
    LocalChannel* channel;
    int input;  // 0, or 1 for the second input of a two-input head operator
    // How the channel's batches serialize (unaligned checkpoints); null if they cannot.
    const BatchSerializer* serializer = nullptr;
  };

  StreamTask(std::string name, int subtask_index);
  ~StreamTask();

  // Wiring, before start().
  TaskWakeup* wakeup() { return &wakeup_; }
  const std::atomic<bool>* cancelledFlag() const { return &cancelled_; }
  ProcessingTimeService* processingTimeService() { return &timers_; }
  void addOperator(std::unique_ptr<StreamOperator> op) { operators_.push_back(std::move(op)); }
  StreamOperator* operatorAt(size_t i) { return operators_[i].get(); }
  void addOutput(std::unique_ptr<OutputBase> output, bool is_network);
  void addInputChannel(InputChannel input) { inputs_.push_back(input); }
  void addDownstreamChannel(LocalChannel* channel) { downstream_.push_back(channel); }
  void addKeyedStateBackend(std::shared_ptr<state::KeyedStateBackend> backend) {
    keyed_backends_.push_back(std::move(backend));
  }

  // How long this task took over a checkpoint, in milliseconds (Flink's
  // CheckpointMetrics): the snapshot's synchronous part on the task thread and its
  // asynchronous part (writing the keyed state), from the first barrier to the last, and
  // from the trigger to the first barrier.
  struct CheckpointMetrics {
    int64_t sync_duration = 0;
    int64_t async_duration = 0;
    int64_t alignment_duration = 0;
    int64_t start_delay = 0;
    // An unaligned checkpoint, and the bytes of in-flight data it persisted.
    bool unaligned = false;
    int64_t persisted_data = 0;
  };
  // Checkpoints. `ack` is called with the snapshot of every operator of the chain, by
  // operator uid, once this task has taken checkpoint `id` (or with the error that made it
  // fail), and the task's metrics: from the task's AsyncOperationsThread after the
  // asynchronous part, in checkpoint order, or from the task thread when the synchronous
  // part failed. A task that fails or is cancelled acknowledges nothing more; one that
  // finishes first acknowledges what it took. Set before start().
  using CheckpointAck = std::function<void(
      int64_t id, Result<std::vector<std::pair<std::string, OperatorSubtaskState>>>, const CheckpointMetrics&)>;
  void setCheckpointing(CheckpointingMode mode, std::vector<std::string> operator_uids, CheckpointAck ack) {
    checkpoint_mode_ = mode;
    operator_uids_ = std::move(operator_uids);
    checkpoint_ack_ = std::move(ack);
  }
  // Unaligned checkpoints (execution.checkpointing.unaligned.enabled and
  // aligned-checkpoint-timeout): this task's checkpoints send priority barriers downstream,
  // and, if every input channel's records can be serialized, take unaligned barriers
  // themselves (else they align, logged once). Sets what the input channels' producers
  // send. Call after the inputs were added, before any task starts.
  void setUnalignedCheckpoints(bool enabled, int64_t aligned_checkpoint_timeout_ms);
  // The in-flight data this task's head operator restores (an unaligned checkpoint's),
  // replayed per channel before any new input. Before start().
  void setRestoredChannelState(std::vector<InputChannelState> state) { restored_channel_state_ = std::move(state); }
  // Where incremental keyed snapshots upload their files (state.checkpoints.dir); without
  // it every snapshot is canonical. Set before start(); must outlive the task.
  void setCheckpointStorage(const checkpoint::FsCheckpointStorageAccess* storage) { checkpoint_storage_ = storage; }
  // Thread-safe: a source task takes checkpoint `id` (a savepoint if `is_savepoint`) at its
  // next mail check and sends the barrier downstream.
  void triggerCheckpoint(int64_t id, int64_t timestamp, bool is_savepoint);
  // Thread-safe: as triggerCheckpoint, then the source stops reading and the task ends as
  // at the end of its input (stop-with-savepoint). With `drain`, the source emits the MAX
  // watermark before the barrier, so that event time ends inside the savepoint.
  void triggerStopWithSavepoint(int64_t id, int64_t timestamp, bool drain);
  // Thread-safe: tells the operators that checkpoint `id` completed.
  void notifyCheckpointComplete(int64_t id);
  bool isSourceTask() const;

  // Runs the task in a new thread; `on_done` is called from that thread at the end.
  void start(std::function<void(StreamTask&)> on_done);
  void cancel();
  void join();

  // Valid after the thread ended: OK, Cancelled, or the failure.
  const Status& result() const { return result_; }
  const std::string& name() const { return name_; }

 private:
  void run();
  Status runLoop();
  void processSourceLoop(class SourceOperatorBase* source);
  void processInputLoop();
  bool pollInputs();
  void handle(const InputChannel& input, size_t channel_index, ChannelElement& element);
  void sleepUntilWork(uint64_t seen_epoch);
  void flushOutputs();
  void endOfInput();
  void applyValveUpdate(int input, const WatermarkValve::Update& update);
  void onBarrier(size_t channel_index, const ChannelElement& barrier);
  void onChannelFinishedWhileAligning(size_t channel_index);
  // `first_barrier`: when the first of its barriers arrived (ms since the epoch; 0 for a
  // source, which takes it when triggered). `unaligned`: the task snapshots before every
  // barrier arrived and collects its channels' in-flight data (channel_state_).
  void performCheckpoint(int64_t id, int64_t timestamp, bool is_savepoint, int64_t first_barrier = 0,
                         bool unaligned = false);
  // Sends the barrier of checkpoint `id` downstream after the records emitted so far:
  // overtaking queued data (priority barriers) when `unaligned`, in order otherwise.
  void emitBarriers(int64_t id, int64_t timestamp, bool is_savepoint, bool unaligned);
  // Whether this task's barriers for a checkpoint triggered at `timestamp` overtake data.
  bool sendsUnalignedBarriers(int64_t timestamp, bool is_savepoint) const;
  // Unaligned checkpoints (stream_task_unaligned.cc): a priority barrier or announcement
  // taken from a channel; the aligned-checkpoint-timeout check (a pending checkpoint whose
  // barriers arrived or were announced turns unaligned once the timeout passed since its
  // trigger); replaying restored channel state.
  void onPriorityBarrier(size_t channel_index, const LocalChannel::PriorityBarrier& barrier);
  void switchToUnalignedOnTimeout();
  Status replayChannelState();
  // The unaligned checkpoint in progress is complete once its channel state is: its
  // asynchronous part starts.
  void finishUnalignedCheckpointIfComplete();
  // Runs the asynchronous part of checkpoint `id` and acknowledges.
  void submitAsyncPart(int64_t id, std::vector<AsyncCheckpointRunnable::OperatorSnapshot> snapshots,
                       CheckpointMetrics metrics);
  // The keyed state of `op` for checkpoint `id`: incremental when its backend is and this
  // is not a savepoint (uploaded now), canonical otherwise (frozen now, written by the
  // asynchronous part).
  Status snapshotKeyedState(StreamOperator* op, int64_t id, bool is_savepoint,
                            AsyncCheckpointRunnable::OperatorSnapshot& snapshot);
  // Runs `runnable` on the AsyncOperationsThread; an exception becomes the checkpoint's error.
  Result<std::vector<std::pair<std::string, OperatorSubtaskState>>> runAsyncPart(AsyncCheckpointRunnable& runnable);

  std::string name_;
  int subtask_index_;
  std::vector<std::unique_ptr<StreamOperator>> operators_;  // head first
  std::vector<std::unique_ptr<OutputBase>> outputs_;
  std::vector<OutputBase*> network_outputs_;
  std::vector<std::shared_ptr<state::KeyedStateBackend>> keyed_backends_;
  std::vector<InputChannel> inputs_;
  std::vector<bool> channel_finished_;
  std::vector<int> channel_in_input_;  // index of each channel within its input's valve
  std::vector<std::unique_ptr<WatermarkValve>> valves_;
  std::vector<LocalChannel*> downstream_;
  size_t finished_channels_ = 0;
  size_t next_channel_ = 0;

  // Checkpointing: the mode, the chain's operator uids, where acknowledgements go, and the
  // barriers seen on the inputs.
  CheckpointingMode checkpoint_mode_ = CheckpointingMode::EXACTLY_ONCE;
  std::vector<std::string> operator_uids_;
  CheckpointAck checkpoint_ack_;
  const checkpoint::FsCheckpointStorageAccess* checkpoint_storage_ = nullptr;
  std::optional<CheckpointBarrierHandler> barriers_;  // created with the inputs, in runLoop
  // Unaligned checkpoints: on for the job; taken by this task (its inputs serialize); the
  // aligned-checkpoint-timeout; the checkpoint whose channel state is being collected, with
  // its synchronous part and metrics until then; restored channel state to replay.
  bool unaligned_enabled_ = false;
  bool unaligned_inputs_ = false;
  int64_t aligned_checkpoint_timeout_ms_ = 0;
  std::optional<ChannelStateWriter> channel_state_;
  std::vector<AsyncCheckpointRunnable::OperatorSnapshot> unaligned_snapshots_;
  CheckpointMetrics unaligned_metrics_;
  int64_t unaligned_first_barrier_ = 0;
  std::vector<InputChannelState> restored_channel_state_;
  // Per input channel: the announced barrier queued in order, while its checkpoint is pending.
  std::vector<std::optional<LocalChannel::PriorityBarrier>> announced_;
  // A source task leaves its loop after a stop-with-savepoint barrier.
  bool stop_source_ = false;

  TaskWakeup wakeup_;
  Mailbox mailbox_{&wakeup_};
  TimerQueue timers_;
  std::atomic<bool> cancelled_{false};
  std::thread thread_;
  // Declared after what its parts use (keyed backends, the ack), so destroyed (joined) first.
  AsyncOperationsThread async_operations_;
  std::function<void(StreamTask&)> on_done_;
  Status result_;
};

}  // namespace eddy::runtime
