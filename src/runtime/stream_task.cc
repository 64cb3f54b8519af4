#include "runtime/stream_task.h"

#include <algorithm>
#include <chrono>
#include <exception>

#include <fmt/format.h>

#include "eddy/runtime/chaining_output.h"
#include "eddy/runtime/source_operator.h"
#include "eddy/state/keyed_state_backend.h"

namespace eddy::runtime {

namespace {
// How many channel elements the loop takes before it looks at mails and timers again.
constexpr int kElementsPerMailCheck = 64;
// How long an idle task sleeps at most before it looks again (a safety net: producers and
// mails wake it at once).
constexpr auto kMaxSleep = std::chrono::milliseconds(100);
// How long a source that has nothing available waits before it polls again.
constexpr auto kSourceRetry = std::chrono::milliseconds(1);
}  // namespace

StreamTask::StreamTask(std::string name, int subtask_index) : name_(std::move(name)), subtask_index_(subtask_index) {}

StreamTask::~StreamTask() {
  if (thread_.joinable()) thread_.join();
}

void StreamTask::addOutput(std::unique_ptr<OutputBase> output, bool is_network) {
  if (is_network) network_outputs_.push_back(output.get());
  outputs_.push_back(std::move(output));
}

bool StreamTask::isSourceTask() const {
  return dynamic_cast<SourceOperatorBase*>(operators_.front().get()) != nullptr;
}

void StreamTask::triggerCheckpoint(int64_t id, int64_t timestamp, bool is_savepoint) {
  mailbox_.put([this, id, timestamp, is_savepoint] { performCheckpoint(id, timestamp, is_savepoint); });
}

void StreamTask::triggerStopWithSavepoint(int64_t id, int64_t timestamp, bool drain) {
  mailbox_.put([this, id, timestamp, drain] {
    if (drain) {
      auto* source = static_cast<SourceOperatorBase*>(operators_.front().get());
      callOperator(source, [source] { source->emitMaxWatermark(); });
    }
    performCheckpoint(id, timestamp, true);
    stop_source_ = true;
  });
}

void StreamTask::notifyCheckpointComplete(int64_t id) {
  mailbox_.put([this, id] {
    for (auto& backend : keyed_backends_) backend->notifyCheckpointComplete(id);
    for (auto& op : operators_) {
      StreamOperator* o = op.get();
      callOperator(o, [o, id] { o->notifyCheckpointComplete(id); });
    }
  });
}

void StreamTask::start(std::function<void(StreamTask&)> on_done) {
  on_done_ = std::move(on_done);
  thread_ = std::thread([this] { run(); });
}

void StreamTask::cancel() {
  cancelled_.store(true);
  wakeup_.signal();
}

void StreamTask::join() {
  if (thread_.joinable()) thread_.join();
}

void StreamTask::run() {
  try {
    result_ = runLoop();
  } catch (const TaskCancelledException&) {
    result_ = Cancelled(fmt::format("task '{}' was cancelled", name_));
  } catch (const OperatorException& e) {
    result_ = UserFunctionError(fmt::format("operator '{}' failed: {}", e.operatorName(), e.what()));
  } catch (const std::exception& e) {
    result_ = Internal(fmt::format("task '{}' failed: {}", name_, e.what()));
  } catch (...) {
    result_ = Internal(fmt::format("task '{}' failed: an exception not derived from std::exception", name_));
  }
  if (!result_.ok() || cancelled_.load()) {
    for (auto it = operators_.rbegin(); it != operators_.rend(); ++it) {
      try {
        (*it)->close();
      } catch (...) {
        // The task already failed; a second failure while closing adds nothing.
      }
    }
    async_operations_.cancel();
  } else {
    // A finished task still acknowledges the checkpoints it took (stop-with-savepoint).
    async_operations_.drain();
  }
  if (on_done_) on_done_(*this);
}

Status StreamTask::runLoop() {
  // Initialize state and open from the tail so that an operator's consumers are ready
  // before it emits (Flink's initializeStateAndOpenOperators).
  for (auto it = operators_.rbegin(); it != operators_.rend(); ++it) {
    StreamOperator* op = it->get();
    callOperator(op, [op] {
      op->initializeManagedOperatorState();
      op->open();
    });
  }
  channel_finished_.assign(inputs_.size(), false);
  barriers_.emplace(checkpoint_mode_, inputs_.size());
  int channels_per_input[2] = {0, 0};
  for (const InputChannel& in : inputs_) channel_in_input_.push_back(channels_per_input[in.input]++);
  for (int i = 0; i < 2; ++i) valves_.push_back(std::make_unique<WatermarkValve>(channels_per_input[i]));

  StreamOperator* head = operators_.front().get();
  if (auto* source = dynamic_cast<SourceOperatorBase*>(head)) {
    processSourceLoop(source);
  } else {
    EDDY_RETURN_IF_ERROR(replayChannelState());
    processInputLoop();
  }
  if (cancelled_.load()) return Cancelled(fmt::format("task '{}' was cancelled", name_));
  endOfInput();
  for (auto it = operators_.rbegin(); it != operators_.rend(); ++it) {
    StreamOperator* op = it->get();
    callOperator(op, [op] { op->close(); });
  }
  return Status::OK();
}

void StreamTask::processSourceLoop(SourceOperatorBase* source) {
  while (!cancelled_.load()) {
    mailbox_.runAll();
    if (stop_source_) return;
    timers_.runDue();
    InputStatus status;
    callOperator(source, [&] { status = source->emitNext(); });
    if (status == InputStatus::kEndOfInput) return;
    if (status == InputStatus::kNothingAvailable) {
      flushOutputs();
      uint64_t seen = wakeup_.epoch();
      auto deadline = std::chrono::steady_clock::now() + kSourceRetry;
      wakeup_.waitUntil(seen, deadline);
    }
  }
}

void StreamTask::processInputLoop() {
  while (!cancelled_.load() && finished_channels_ < inputs_.size()) {
    uint64_t seen = wakeup_.epoch();
    bool progress = mailbox_.runAll();
    progress |= timers_.runDue();
    progress |= pollInputs();
    if (!progress) sleepUntilWork(seen);
  }
}

bool StreamTask::pollInputs() {
  bool progress = false;
  ChannelElement element;
  int taken = 0;
  size_t idle_rounds = 0;
  while (taken < kElementsPerMailCheck && idle_rounds < inputs_.size()) {
    size_t index = next_channel_;
    next_channel_ = (next_channel_ + 1) % inputs_.size();
    LocalChannel* channel = inputs_[index].channel;
    if (channel_finished_[index]) {
      ++idle_rounds;
      continue;
    }
    // A priority barrier is seen before the data it overtook.
    if (unaligned_inputs_) {
      if (aligned_checkpoint_timeout_ms_ > 0) switchToUnalignedOnTimeout();
      if (auto barrier = channel->takePriorityBarrier()) {
        idle_rounds = 0;
        onPriorityBarrier(index, *barrier);
        progress = true;
        ++taken;
        continue;
      }
    }
    // Under EXACTLY_ONCE a channel whose barrier arrived waits for the others (alignment).
    const bool blocked = barriers_->isBlocked(index);
    if (blocked || !(unaligned_inputs_ ? channel->pollBeforePriorityBarrier(element) : channel->poll(element))) {
      ++idle_rounds;
      continue;
    }
    idle_rounds = 0;
    if (channel_state_ && channel_state_->recording(index)) channel_state_->addDelivered(index, element);
    handle(inputs_[index], index, element);
    progress = true;
    ++taken;
  }
  return progress;
}

void StreamTask::handle(const InputChannel& input, size_t channel_index, ChannelElement& element) {
  StreamOperator* head = operators_.front().get();
  WatermarkValve& valve = *valves_[input.input];
  int in_valve = channel_in_input_[channel_index];
  switch (element.kind) {
    case ChannelElement::Kind::kBatch:
      callOperator(head, [&] { head->processBatch(*element.batch, input.input); });
      break;
    case ChannelElement::Kind::kWatermark:
      applyValveUpdate(input.input, valve.inputWatermark(in_valve, element.watermark));
      break;
    case ChannelElement::Kind::kIdle:
      applyValveUpdate(input.input, valve.inputIdle(in_valve));
      break;
    case ChannelElement::Kind::kActive:
      applyValveUpdate(input.input, valve.inputActive(in_valve));
      break;
    case ChannelElement::Kind::kEndOfPartition:
      channel_finished_[channel_index] = true;
      ++finished_channels_;
      applyValveUpdate(input.input, valve.channelFinished(in_valve));
      if (channel_state_) {
        channel_state_->channelDone(channel_index);
        finishUnalignedCheckpointIfComplete();
      }
      onChannelFinishedWhileAligning(channel_index);
      break;
    case ChannelElement::Kind::kBarrier:
      // An unaligned checkpoint's barrier that came in order (after a timeout switch)
      // ends its channel's in-flight data.
      if (channel_state_ && element.checkpoint_id == channel_state_->checkpointId()) {
        channel_state_->channelDone(channel_index);
        finishUnalignedCheckpointIfComplete();
      }
      onBarrier(channel_index, element);
      break;
  }
}

void StreamTask::onBarrier(size_t channel_index, const ChannelElement& barrier) {
  CheckpointBarrierHandler::Trigger received{barrier.checkpoint_id, barrier.checkpoint_timestamp, barrier.is_savepoint};
  if (auto trigger = barriers_->onBarrier(channel_index, received, finished_channels_)) {
    performCheckpoint(trigger->id, trigger->timestamp, trigger->is_savepoint, trigger->first_barrier);
  }
}

void StreamTask::onChannelFinishedWhileAligning(size_t channel_index) {
  if (auto trigger = barriers_->onChannelFinished(channel_index, finished_channels_)) {
    performCheckpoint(trigger->id, trigger->timestamp, trigger->is_savepoint, trigger->first_barrier);
  }
}

void StreamTask::performCheckpoint(int64_t id, int64_t timestamp, bool is_savepoint, int64_t first_barrier,
                                   bool unaligned) {
  const int64_t start = CheckpointBarrierHandler::nowMillis();
  if (first_barrier == 0) first_barrier = start;
  CheckpointMetrics metrics{0, 0, start - first_barrier, std::max<int64_t>(0, first_barrier - timestamp)};
  // An unaligned checkpoint's in-flight data: none on channels that ended or already
  // delivered the barrier in order (before a switch from aligned on timeout).
  std::optional<ChannelStateWriter> channel_state;
  if (unaligned) {
    std::vector<ChannelStateWriter::Channel> channels;
    for (const InputChannel& in : inputs_) channels.push_back(ChannelStateWriter::Channel{in.input, in.serializer});
    channel_state.emplace(id, std::move(channels));
    for (size_t c = 0; c < inputs_.size(); ++c) {
      if (channel_finished_[c] || barriers_->received(id, c)) channel_state->channelDone(c);
    }
  }
  if (barriers_) barriers_->checkpointTaken(id);
  emitBarriers(id, timestamp, is_savepoint, sendsUnalignedBarriers(timestamp, is_savepoint));
  // The synchronous part: operator state, and keyed state frozen (copy-on-write heap
  // tables; a RocksDB full snapshot is taken whole here, an incremental one's RocksDB
  // checkpoint is taken here and uploaded in the asynchronous part).
  std::vector<AsyncCheckpointRunnable::OperatorSnapshot> snapshots;
  for (size_t i = 0; i < operators_.size(); ++i) {
    StreamOperator* op = operators_[i].get();
    AsyncCheckpointRunnable::OperatorSnapshot snapshot{operator_uids_[i], op->name(), {}, nullptr};
    Result<std::vector<std::string>> operator_state = std::vector<std::string>{};
    callOperator(op, [&] { operator_state = op->snapshotOperatorState(id); });
    if (!operator_state.ok()) {
      checkpoint_ack_(id, operator_state.status().withContext(fmt::format("operator '{}'", op->name())), metrics);
      return;
    }
    snapshot.state.operator_state = std::move(operator_state).value();
    callOperator(op, [&] { snapshot.state.managed_operator_state = op->snapshotManagedOperatorState(id, timestamp); });
    if (Status keyed = snapshotKeyedState(op, id, is_savepoint, snapshot); !keyed.ok()) {
      checkpoint_ack_(id, keyed.withContext(fmt::format("operator '{}'", op->name())), metrics);
      return;
    }
    snapshots.push_back(std::move(snapshot));
  }
  metrics.sync_duration = CheckpointBarrierHandler::nowMillis() - start;
  if (!channel_state) {
    submitAsyncPart(id, std::move(snapshots), metrics);
    return;
  }
  // A newer unaligned checkpoint gives up one still collecting (Flink: a newer barrier
  // aborts the pending checkpoint).
  if (channel_state_) {
    checkpoint_ack_(channel_state_->checkpointId(),
                    Cancelled(fmt::format("task '{}' received the barrier of checkpoint {} before checkpoint {} "
                                          "completed", name_, id, channel_state_->checkpointId())),
                    unaligned_metrics_);
  }
  channel_state_ = std::move(channel_state);
  unaligned_snapshots_ = std::move(snapshots);
  unaligned_metrics_ = metrics;
  unaligned_metrics_.unaligned = true;
  unaligned_first_barrier_ = first_barrier;
}

void StreamTask::emitBarriers(int64_t id, int64_t timestamp, bool is_savepoint, bool unaligned) {
  // Records before the barrier go first: flush the partial batches, then the barrier. A
  // priority barrier sits right after them, so they may use the channels' headroom rather
  // than wait behind a full channel.
  if (unaligned) {
    for (LocalChannel* channel : downstream_) channel->setHeadroom(true);
  }
  flushOutputs();
  if (unaligned) {
    for (LocalChannel* channel : downstream_) channel->setHeadroom(false);
  }
  // A barrier in order may still overtake if its checkpoint's alignment times out.
  const bool announce = unaligned_enabled_ && !is_savepoint && aligned_checkpoint_timeout_ms_ > 0;
  for (LocalChannel* channel : downstream_) {
    if (unaligned && channel->consumerTakesPriorityBarriers()) {
      channel->postPriorityBarrier(id, timestamp);
      continue;
    }
    if (announce && channel->consumerTakesPriorityBarriers()) channel->postPriorityBarrier(id, timestamp, true);
    ChannelElement barrier;
    barrier.kind = ChannelElement::Kind::kBarrier;
    barrier.checkpoint_id = id;
    barrier.checkpoint_timestamp = timestamp;
    barrier.is_savepoint = is_savepoint;
    channel->push(std::move(barrier));
  }
}

void StreamTask::submitAsyncPart(int64_t id, std::vector<AsyncCheckpointRunnable::OperatorSnapshot> snapshots,
                                 CheckpointMetrics metrics) {
  // The asynchronous part writes the keyed snapshots and acknowledges, while this thread
  // goes on with its input.
  auto runnable = std::make_shared<AsyncCheckpointRunnable>(
      id, std::move(snapshots), checkpoint_storage_ ? checkpoint_storage_->fileSystem().get() : nullptr);
  async_operations_.submit([this, runnable, metrics]() mutable {
    const auto async_start = std::chrono::steady_clock::now();
    Result<std::vector<std::pair<std::string, OperatorSubtaskState>>> states = runAsyncPart(*runnable);
    metrics.async_duration =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - async_start).count();
    if (async_operations_.cancelled()) {
      if (states.ok() && checkpoint_storage_) {
        AsyncCheckpointRunnable::discardUploadedState(*states, *checkpoint_storage_->fileSystem());
      }
      return;
    }
    checkpoint_ack_(runnable->checkpointId(), std::move(states), metrics);
  });
}

Result<std::vector<std::pair<std::string, OperatorSubtaskState>>> StreamTask::runAsyncPart(
    AsyncCheckpointRunnable& runnable) {
  try {
    return runnable.run();
  } catch (const std::exception& e) {
    return Internal(fmt::format("task '{}' failed writing checkpoint {}: {}", name_, runnable.checkpointId(), e.what()));
  }
}

Status StreamTask::snapshotKeyedState(StreamOperator* op, int64_t id, bool is_savepoint,
                                      AsyncCheckpointRunnable::OperatorSnapshot& snapshot) {
  state::KeyedStateBackend* keyed = op->keyedState();
  if (!keyed) return Status::OK();
  if (keyed->isIncremental() && checkpoint_storage_ && !is_savepoint) {
    // The files go straight into checkpoint storage: shared/ for SST files, chk-N/ for the
    // rest (Flink's RocksIncrementalSnapshotStrategy with the task's stream factory).
    EDDY_ASSIGN_OR_RETURN(checkpoint::CheckpointStorageLocation location,
                          checkpoint_storage_->initializeLocationForCheckpoint(id));
    EDDY_ASSIGN_OR_RETURN(snapshot.incremental_keyed,
                          keyed->syncPrepareIncrementalResources(id, *checkpoint_storage_->fileSystem(),
                                                                 location.getSharedStateDirectory(),
                                                                 location.getCheckpointDirectory()));
    // Timers are not in RocksDB: they go beside the files, in canonical form.
    EDDY_ASSIGN_OR_RETURN(state::KeyedStateSnapshot timers, keyed->snapshotParticipantStates());
    if (!timers.states.empty()) snapshot.state.keyed = std::move(timers);
    return Status::OK();
  }
  EDDY_ASSIGN_OR_RETURN(snapshot.keyed, keyed->syncPrepareResources());
  return Status::OK();
}

void StreamTask::applyValveUpdate(int input, const WatermarkValve::Update& update) {
  StreamOperator* head = operators_.front().get();
  if (update.idle && *update.idle) head->processWatermarkStatus(true, input);
  if (update.watermark) callOperator(head, [&] { head->processWatermark(*update.watermark, input); });
  if (update.idle && !*update.idle) head->processWatermarkStatus(false, input);
}

void StreamTask::sleepUntilWork(uint64_t seen_epoch) {
  flushOutputs();
  auto deadline = std::chrono::steady_clock::now() + kMaxSleep;
  if (auto next = timers_.nextTime()) {
    int64_t wait_ms = *next - timers_.getCurrentProcessingTime();
    auto timer_deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max<int64_t>(wait_ms, 0));
    if (timer_deadline < deadline) deadline = timer_deadline;
  }
  wakeup_.waitUntil(seen_epoch, deadline);
}

void StreamTask::flushOutputs() {
  for (OutputBase* output : network_outputs_) output->flush();
}

void StreamTask::endOfInput() {
  // Finish head first: what an operator emits while finishing reaches operators that have
  // not finished yet, as in Flink.
  for (auto& op : operators_) {
    StreamOperator* o = op.get();
    callOperator(o, [o] { o->finish(); });
  }
  flushOutputs();
  for (LocalChannel* channel : downstream_) {
    ChannelElement element;
    element.kind = ChannelElement::Kind::kEndOfPartition;
    channel->push(std::move(element));
  }
}

}  // namespace eddy::runtime
