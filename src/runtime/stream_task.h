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
  void addDownstreamChannel(ChannelWriter* channel) { downstream_.push_back(channel); }
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
  // source, which takes it when triggered).
  void performCheckpoint(int64_t id, int64_t timestamp, bool is_savepoint, int64_t first_barrier = 0);
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
  std::vector<ChannelWriter*> downstream_;
  size_t finished_channels_ = 0;
  size_t next_channel_ = 0;

  // Checkpointing: the mode, the chain's operator uids, where acknowledgements go, and the
  // barriers seen on the inputs.
  CheckpointingMode checkpoint_mode_ = CheckpointingMode::EXACTLY_ONCE;
  std::vector<std::string> operator_uids_;
  CheckpointAck checkpoint_ack_;
  const checkpoint::FsCheckpointStorageAccess* checkpoint_storage_ = nullptr;
  std::optional<CheckpointBarrierHandler> barriers_;  // created with the inputs, in runLoop
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
