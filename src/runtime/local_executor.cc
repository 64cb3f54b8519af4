#include "runtime/local_executor.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "eddy/common/logging.h"
#include "eddy/state/key_group_range_assignment.h"
#include "eddy/state/keyed_state_backend.h"
#include "runtime/channel_state_restore.h"
#include "runtime/checkpoint_persistence.h"
#include "runtime/input_channel_layout.h"
#include "runtime/job_graph.h"
#include "runtime/restarting_job.h"
#include "runtime/local_channel.h"
#include "runtime/operator_state_repartitioner.h"
#include "runtime/stream_task.h"

namespace eddy::runtime {

namespace {

// Batches a channel holds before its producer blocks: the bound on in-flight memory.
constexpr size_t kChannelCapacity = 8;

// Flink's SavepointType, with plain checkpoints as one more kind: kSuspend stops the job
// after the savepoint, kTerminate drains it (MAX watermark) first.
enum class SnapshotType { kCheckpoint, kSavepoint, kSuspend, kTerminate };

int64_t nowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The bytes of a checkpoint: everything it refers to (what a full checkpoint writes), and
// what it wrote itself (less, for incremental RocksDB state).
struct CheckpointSize {
  int64_t state_size = 0;
  int64_t checkpointed_size = 0;
};

void addSubtaskSize(const OperatorSubtaskState& part, CheckpointSize& size) {
  auto add = [&size](int64_t bytes) {
    size.state_size += bytes;
    size.checkpointed_size += bytes;
  };
  for (const std::string& entry : part.operator_state) add(static_cast<int64_t>(entry.size()));
  for (const auto& named : part.managed_operator_state) {
    for (const std::string& element : named.elements) add(static_cast<int64_t>(element.size()));
  }
  for (const InputChannelState& channel : part.input_channel_state) add(static_cast<int64_t>(channel.data.size()));
  for (const state::IncrementalRemoteKeyedStateHandle& handle : part.incremental_keyed) {
    size.state_size += handle.stateSize();
    size.checkpointed_size += handle.checkpointed_size;
  }
  if (!part.keyed) return;
  for (const auto& state : part.keyed->states) {
    for (const auto& [group, entries] : state.key_groups) {
      for (const auto& e : entries) {
        add(static_cast<int64_t>(e.key.size() + e.ns.size() + e.user_key.size() + e.value.size()));
      }
    }
  }
}

CheckpointSize checkpointSize(const CompletedCheckpoint& checkpoint) {
  CheckpointSize size;
  for (const auto& [uid, op] : checkpoint.operators) {
    for (const auto& [subtask, part] : op.subtasks) addSubtaskSize(part, size);
  }
  return size;
}

std::string newJobId() {
  std::random_device rd;
  return fmt::format("{:016x}{:016x}", (uint64_t(rd()) << 32) | rd(), (uint64_t(rd()) << 32) | rd());
}

// The running job: its tasks, channels, and the completion state shared with JobClient.
class LocalJob final : public JobClient {
 public:
  LocalJob(StreamGraph graph, JobGraph job, std::string id)
      : graph_(std::move(graph)), job_(std::move(job)), id_(std::move(id)) {}

  ~LocalJob() override {
    cancel();
    for (auto& task : tasks_) task->join();
    stopCoordinator();
  }

  Status deploy();
  void start();

  const std::string& getJobID() const override { return id_; }
  JobStatus getJobStatus() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    return status_;
  }
  void cancel() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (status_ != JobStatus::kRunning) return;
      cancel_requested_ = true;
    }
    for (auto& task : tasks_) task->cancel();
  }
  Status waitForCompletion() override {
    std::unique_lock<std::mutex> lock(mutex_);
    done_cv_.wait(lock, [&] { return running_tasks_ == 0; });
    return final_status_;
  }
  JobExecutionResult getJobExecutionResult() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    return JobExecutionResult{graph_.job_name, net_runtime_ms_};
  }

  Result<std::shared_ptr<const CompletedCheckpoint>> triggerCheckpoint() override {
    return triggerAndWait(SnapshotType::kCheckpoint);
  }
  std::shared_ptr<const CompletedCheckpoint> getLatestCompletedCheckpoint() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    return latest_checkpoint_;
  }
  Result<std::shared_ptr<const CompletedCheckpoint>> triggerSavepoint() override {
    return triggerAndWait(SnapshotType::kSavepoint);
  }
  Result<std::shared_ptr<const CompletedCheckpoint>> stopWithSavepoint(bool drain) override {
    return triggerAndWait(drain ? SnapshotType::kTerminate : SnapshotType::kSuspend);
  }

 private:
  // A checkpoint triggered but not yet acknowledged by every task.
  struct PendingCheckpoint {
    std::shared_ptr<CompletedCheckpoint> checkpoint;
    size_t acks = 0;
    bool periodic = true;  // periodic checkpoints count towards the tolerable failures
    SnapshotType type = SnapshotType::kCheckpoint;
    std::chrono::steady_clock::time_point triggered;
    // Tasks that acknowledged: a task that ends after acknowledging (stop-with-savepoint)
    // does not abort the checkpoint.
    std::set<const StreamTask*> acked;
    // Every task acknowledged and it is being written out: it no longer expires.
    bool persisting = false;
  };

  // Triggers a checkpoint or savepoint and waits until it completed or was aborted.
  Result<std::shared_ptr<const CompletedCheckpoint>> triggerAndWait(SnapshotType type);

  Status restoreOperator(const StreamNode& node, int subtask, int parallelism, StreamOperator* op,
                         state::KeyedStateBackend* backend);
  Status checkRestoreCoversCheckpoint() const;
  // Unaligned checkpoints need EXACTLY_ONCE; a restored one's in-flight data, tasks reading it.
  Status checkUnalignedCheckpoints() const;
  // Creates the checkpoint storage (with state.checkpoints.dir) and picks the first
  // checkpoint id of this attempt.
  Status initializeCheckpointIds();
  // Restores the incremental keyed state of `restored` that overlaps `backend`'s key groups.
  Status restoreIncrementalKeyedState(const OperatorState& restored, state::KeyedStateBackend* backend) const;
  // Starts checkpoint `id` unless not every task runs; false if not.
  bool startCheckpointLocked(int64_t* id, bool periodic, SnapshotType type = SnapshotType::kCheckpoint);
  // Whether the coordinator may trigger a periodic checkpoint now (Flink's
  // CheckpointRequestDecider): fewer than max-concurrent in flight, none with a min pause.
  bool mayTriggerPeriodicLocked() const;
  // Gives pending checkpoint `id` up; a periodic one counts as a failure, and past
  // execution.checkpointing.tolerable-failed-checkpoints the job fails.
  void abortPendingLocked(int64_t id, Status reason, bool counts_as_failure);
  // Deletes what incremental keyed state uploaded for aborted checkpoint `id`.
  void discardAbortedState(int64_t id, const std::vector<OperatorSubtaskState>& states) const;
  void onCheckpointAck(int64_t id, int vertex, int subtask, const StreamTask* task,
                       Result<std::vector<std::pair<std::string, OperatorSubtaskState>>> states,
                       const StreamTask::CheckpointMetrics& metrics);
  // Writes a completed checkpoint to state.checkpoints.dir, if set.
  Status persist(CompletedCheckpoint& checkpoint);
  void runCoordinator();
  void stopCoordinator();
  void onTaskDone(StreamTask& task);
  Status wireSubtask(const JobVertex& vertex, int subtask, StreamTask& task,
                     std::map<std::pair<int, int>, std::vector<std::vector<LocalChannel*>>>& channels_by_edge);

  StreamGraph graph_;
  JobGraph job_;
  std::string id_;
  std::vector<std::unique_ptr<StreamTask>> tasks_;
  std::vector<std::unique_ptr<LocalChannel>> channels_;
  std::chrono::steady_clock::time_point start_time_;

  mutable std::mutex mutex_;
  std::condition_variable done_cv_;
  size_t running_tasks_ = 0;
  bool cancel_requested_ = false;
  JobStatus status_ = JobStatus::kRunning;
  Status final_status_;
  int64_t net_runtime_ms_ = 0;

  // The checkpoint coordinator (Flink's CheckpointCoordinator, for a local job).
  std::thread coordinator_;
  std::condition_variable coordinator_cv_;
  bool stop_coordinator_ = false;
  int64_t next_checkpoint_id_ = 1;
  // Checkpoints in flight by id: at most execution.checkpointing.max-concurrent-checkpoints
  // periodic ones (one when a min pause is set).
  std::map<int64_t, PendingCheckpoint> pending_;
  // Serializes writing completed checkpoints out (in order of completion).
  std::mutex persist_mutex_;
  std::condition_variable checkpoint_cv_;
  std::shared_ptr<const CompletedCheckpoint> latest_checkpoint_;
  // The newest savepoint: not a checkpoint to recover from, so kept apart.
  std::shared_ptr<const CompletedCheckpoint> latest_savepoint_;
  Status aborted_reason_;
  int consecutive_failures_ = 0;
  std::unique_ptr<CheckpointPersistence> persistence_;
  std::chrono::steady_clock::time_point last_checkpoint_end_;
};

Status LocalJob::deploy() {
  // Tasks first, so that channels can point at both ends' wakeups.
  std::vector<std::vector<StreamTask*>> tasks_of_vertex(job_.vertices.size());
  for (const JobVertex& vertex : job_.vertices) {
    for (int s = 0; s < vertex.parallelism; ++s) {
      std::string name = vertex.parallelism > 1 ? fmt::format("{} ({}/{})", vertex.name, s + 1, vertex.parallelism)
                                                : vertex.name;
      tasks_.push_back(std::make_unique<StreamTask>(std::move(name), s));
      tasks_of_vertex[vertex.id].push_back(tasks_.back().get());
    }
  }
  // channels_by_edge[(job edge, producer subtask)][consumer subtask] (null if unconnected).
  std::map<std::pair<int, int>, std::vector<std::vector<LocalChannel*>>> channels_by_edge;
  for (size_t e = 0; e < job_.edges.size(); ++e) {
    const JobEdge& edge = job_.edges[e];
    const StreamEdge& stream_edge = graph_.edges[edge.stream_edge];
    const JobVertex& up = job_.vertices[edge.source_vertex];
    const JobVertex& down = job_.vertices[edge.target_vertex];
    auto& matrix = channels_by_edge[{static_cast<int>(e), 0}];
    matrix.assign(up.parallelism, std::vector<LocalChannel*>(down.parallelism, nullptr));
    for (int j = 0; j < down.parallelism; ++j) {
      for (int i = 0; i < up.parallelism; ++i) {
        if (!connected(stream_edge.partitioner, i, up.parallelism, j, down.parallelism)) continue;
        StreamTask* producer = tasks_of_vertex[up.id][i];
        StreamTask* consumer = tasks_of_vertex[down.id][j];
        channels_.push_back(std::make_unique<LocalChannel>(kChannelCapacity, consumer->wakeup(), producer->wakeup(),
                                                           producer->cancelledFlag()));
        LocalChannel* channel = channels_.back().get();
        matrix[i][j] = channel;
        consumer->addInputChannel(
            StreamTask::InputChannel{channel, stream_edge.target_input, stream_edge.batch_serializer.get()});
        producer->addDownstreamChannel(channel);
      }
    }
  }
  EDDY_RETURN_IF_ERROR(checkRestoreCoversCheckpoint());
  EDDY_RETURN_IF_ERROR(checkUnalignedCheckpoints());
  EDDY_RETURN_IF_ERROR(initializeCheckpointIds());
  const CheckpointConfig& checkpoint_config = graph_.checkpoint_config;
  for (const JobVertex& vertex : job_.vertices) {
    std::vector<std::vector<InputChannelState>> channel_state(static_cast<size_t>(vertex.parallelism));
    if (graph_.restore.checkpoint) {
      EDDY_ASSIGN_OR_RETURN(channel_state, restoredChannelState(*graph_.restore.checkpoint, graph_, job_, vertex));
    }
    for (int s = 0; s < vertex.parallelism; ++s) {
      StreamTask& task = *tasks_of_vertex[vertex.id][s];
      EDDY_RETURN_IF_ERROR(wireSubtask(vertex, s, task, channels_by_edge));
      task.setUnalignedCheckpoints(checkpoint_config.unaligned, checkpoint_config.aligned_checkpoint_timeout_ms);
      task.setRestoredChannelState(std::move(channel_state[static_cast<size_t>(s)]));
      std::vector<std::string> uids;
      for (int id : vertex.nodes) uids.push_back(graph_.node(id).operatorId());
      task.setCheckpointing(graph_.checkpoint_config.mode, std::move(uids),
                            [this, v = vertex.id, s, t = &task](int64_t id, auto states, const auto& metrics) {
                              onCheckpointAck(id, v, s, t, std::move(states), metrics);
                            });
      if (persistence_) task.setCheckpointStorage(&persistence_->storageAccess());
    }
  }
  return Status::OK();
}

Status LocalJob::initializeCheckpointIds() {
  const CheckpointConfig& config = graph_.checkpoint_config;
  if (!config.checkpoints_dir.empty()) {
    EDDY_ASSIGN_OR_RETURN(persistence_, CheckpointPersistence::create(config.checkpoints_dir, config.num_retained, id_,
                                                                      config.memory_threshold));
    // A restarted attempt of the same job continues after every id used in its directory,
    // so that it never writes into the chk-N of an earlier attempt.
    EDDY_ASSIGN_OR_RETURN(int64_t highest, persistence_->highestCheckpointId());
    next_checkpoint_id_ = std::max(next_checkpoint_id_, highest + 1);
  }
  // Flink: a job restored from checkpoint or savepoint N takes checkpoint N + 1 next.
  if (graph_.restore.checkpoint) {
    next_checkpoint_id_ = std::max(next_checkpoint_id_, graph_.restore.checkpoint->checkpoint_id + 1);
  }
  return Status::OK();
}

Status LocalJob::checkUnalignedCheckpoints() const {
  // As Flink's InputProcessorUtil: unaligned barriers make sense only where barriers align.
  if (graph_.checkpoint_config.unaligned && graph_.checkpoint_config.mode == CheckpointingMode::AT_LEAST_ONCE &&
      !job_.edges.empty()) {
    return InvalidArgument("Cannot use unaligned checkpoints with AT_LEAST_ONCE checkpointing mode");
  }
  if (!graph_.restore.checkpoint) return Status::OK();
  return checkChannelStateRestorable(*graph_.restore.checkpoint, graph_, job_);
}

Status LocalJob::checkRestoreCoversCheckpoint() const {
  const RestoreSettings& restore = graph_.restore;
  if (!restore.checkpoint || restore.allow_non_restored_state) return Status::OK();
  for (const auto& [uid, state] : restore.checkpoint->operators) {
    bool found = false;
    for (const StreamNode& node : graph_.nodes) found |= node.operatorId() == uid;
    // As Flink: only state that holds something must find its operator.
    bool has_state = false;
    for (const auto& [subtask, part] : state.subtasks) has_state |= part.hasState();
    if (!found && has_state) {
      return InvalidArgument(fmt::format(
          "Failed to rollback to checkpoint/savepoint {}. Cannot map checkpoint/savepoint state for operator {} to "
          "the new program, because the operator is not available in the new program. If you want to allow to skip "
          "this, you can set the --allowNonRestoredState option on the CLI.",
          restore.checkpoint->checkpoint_id, uid));
    }
  }
  return Status::OK();
}

// The managed operator state instance `subtask` of `parallelism` restores from `restored`.
std::vector<state::OperatorStateSnapshot> managedOperatorStateOf(const OperatorState& restored, int parallelism,
                                                                 int subtask) {
  int old_parallelism = restored.parallelism;
  if (!restored.subtasks.empty()) old_parallelism = std::max(old_parallelism, restored.subtasks.rbegin()->first + 1);
  std::vector<std::vector<state::OperatorStateSnapshot>> old_states(static_cast<size_t>(old_parallelism));
  for (const auto& [old_subtask, part] : restored.subtasks) old_states[old_subtask] = part.managed_operator_state;
  return std::move(repartitionOperatorState(old_states, parallelism)[subtask]);
}

Status LocalJob::restoreOperator(const StreamNode& node, int subtask, int parallelism, StreamOperator* op,
                                 state::KeyedStateBackend* backend) {
  const auto& checkpoint = graph_.restore.checkpoint;
  if (!checkpoint) return Status::OK();
  auto it = checkpoint->operators.find(node.operatorId());
  if (it == checkpoint->operators.end()) {
    op->restoreManagedOperatorState(checkpoint->checkpoint_id, {});
    return Status::OK();
  }
  const OperatorState& restored = it->second;
  op->restoreManagedOperatorState(checkpoint->checkpoint_id, managedOperatorStateOf(restored, parallelism, subtask));
  // Keyed state: every old instance's key groups; the backend keeps those of its range.
  if (backend) {
    EDDY_RETURN_IF_ERROR(restoreIncrementalKeyedState(restored, backend).withContext(node.name));
    state::KeyedStateSnapshot all;
    for (const auto& [old_subtask, part] : restored.subtasks) {
      if (part.keyed) all.merge(*part.keyed);
    }
    if (all.max_parallelism != 0) EDDY_RETURN_IF_ERROR(backend->restore(all).withContext(node.name));
  }
  // Operator list state: all old entries, dealt round-robin over the new instances.
  std::vector<std::string> mine;
  size_t index = 0;
  for (const auto& [old_subtask, part] : restored.subtasks) {
    for (const std::string& entry : part.operator_state) {
      if (static_cast<int>(index++ % parallelism) == subtask) mine.push_back(entry);
    }
  }
  return op->initializeState(mine).withContext(node.name);
}

Status LocalJob::restoreIncrementalKeyedState(const OperatorState& restored, state::KeyedStateBackend* backend) const {
  std::vector<state::IncrementalRemoteKeyedStateHandle> handles;
  const state::KeyGroupRange& range = backend->getKeyGroupRange();
  for (const auto& [old_subtask, part] : restored.subtasks) {
    for (const state::IncrementalRemoteKeyedStateHandle& handle : part.incremental_keyed) {
      if (handle.key_group_range.end < range.start || handle.key_group_range.start > range.end) continue;
      handles.push_back(handle);
    }
  }
  if (handles.empty()) return Status::OK();
  const std::vector<state::RocksDBFileHandle>& files =
      handles.front().shared_state.empty() ? handles.front().private_state : handles.front().shared_state;
  if (files.empty()) return Corruption("an incremental keyed state handle without files");
  EDDY_ASSIGN_OR_RETURN(std::shared_ptr<FileSystem> fs, FileSystem::get(files.front().path));
  // Files of this job's own checkpoints are referenced again by the next checkpoints
  // (Flink's CLAIM); another job's stay its own, so the first checkpoint uploads everything
  // (NO_CLAIM, Flink's default restore mode).
  const std::string& pointer = graph_.restore.checkpoint->external_pointer;
  const bool own = persistence_ &&
                   pointer.starts_with(persistence_->storageAccess().getCheckpointsDirectory().toString() + "/");
  return backend->restoreIncremental(handles, *fs, own);
}

Status LocalJob::wireSubtask(const JobVertex& vertex, int subtask, StreamTask& task,
                             std::map<std::pair<int, int>, std::vector<std::vector<LocalChannel*>>>& channels_by_edge) {
  std::map<int, StreamOperator*> op_of_node;
  for (int id : vertex.nodes) {
    task.addOperator(graph_.node(id).operator_factory());
    op_of_node[id] = task.operatorAt(op_of_node.size());
  }
  // Outputs are built tail first so that chained targets exist; setup needs them all.
  for (auto it = vertex.nodes.rbegin(); it != vertex.nodes.rend(); ++it) {
    const StreamNode& node = graph_.node(*it);
    std::map<std::string, std::vector<OutputBase*>> outputs_by_tag;
    std::map<std::string, const StreamEdge*> any_edge_of_tag;
    for (size_t e = 0; e < graph_.edges.size(); ++e) {
      const StreamEdge& edge = graph_.edges[e];
      if (edge.source_id != node.id) continue;
      any_edge_of_tag[edge.side_output_tag] = &edge;
      std::unique_ptr<OutputBase> output;
      bool is_network = false;
      if (job_.vertex_of_node[edge.target_id] == vertex.id) {
        output = edge.make_chaining_output(op_of_node.at(edge.target_id), edge.target_input);
      } else {
        int job_edge = -1;
        for (size_t je = 0; je < job_.edges.size(); ++je) {
          if (job_.edges[je].stream_edge == static_cast<int>(e)) job_edge = static_cast<int>(je);
        }
        std::vector<ChannelWriter*> writers;
        for (LocalChannel* channel : channels_by_edge[{job_edge, 0}][subtask]) {
          if (channel) writers.push_back(channel);
        }
        const JobVertex& target = job_.vertices[job_.vertex_of_node[edge.target_id]];
        output = edge.make_network_output(std::move(writers), target.max_parallelism);
        is_network = true;
      }
      outputs_by_tag[edge.side_output_tag].push_back(output.get());
      task.addOutput(std::move(output), is_network);
    }
    OperatorSetup setup;
    setup.info = OperatorInfo{node.name, node.uid, subtask, vertex.parallelism, vertex.max_parallelism};
    setup.num_inputs = node.num_inputs;
    setup.processing_time = task.processingTimeService();
    for (auto& [tag, outputs] : outputs_by_tag) {
      OutputBase* combined = outputs.front();
      if (outputs.size() > 1) {
        auto broadcasting = any_edge_of_tag[tag]->make_broadcasting_output(outputs);
        combined = broadcasting.get();
        task.addOutput(std::move(broadcasting), false);
      }
      if (tag.empty()) setup.output = combined;
      else setup.side_outputs[tag] = combined;
    }
    if (!setup.output) {
      auto discarding = node.make_discarding_output();
      setup.output = discarding.get();
      task.addOutput(std::move(discarding), false);
    }
    if (node.make_keyed_backend) {
      auto range = state::KeyGroupRangeAssignment::computeKeyGroupRangeForOperatorIndex(vertex.max_parallelism,
                                                                                          vertex.parallelism, subtask);
      EDDY_ASSIGN_OR_RETURN(std::shared_ptr<state::KeyedStateBackend> backend,
                            node.make_keyed_backend(range, vertex.max_parallelism, graph_.state_backend));
      setup.keyed_state = backend.get();
      task.addKeyedStateBackend(std::move(backend));
    }
    StreamOperator* op = op_of_node.at(node.id);
    state::KeyedStateBackend* backend = setup.keyed_state;
    op->setup(std::move(setup));
    EDDY_RETURN_IF_ERROR(restoreOperator(node, subtask, vertex.parallelism, op, backend));
  }
  return Status::OK();
}

void LocalJob::start() {
  start_time_ = std::chrono::steady_clock::now();
  last_checkpoint_end_ = start_time_;
  running_tasks_ = tasks_.size();
  if (graph_.checkpoint_stats && graph_.restore.checkpoint) {
    const CompletedCheckpoint& restored = *graph_.restore.checkpoint;
    graph_.checkpoint_stats->reportRestored(RestoredCheckpointStats{
        restored.checkpoint_id, nowMillis(), restored.external_pointer.find("/savepoint-") != std::string::npos,
        restored.external_pointer});
  }
  for (auto& task : tasks_) task->start([this](StreamTask& t) { onTaskDone(t); });
  if (graph_.checkpoint_config.isCheckpointingEnabled()) coordinator_ = std::thread([this] { runCoordinator(); });
}

void LocalJob::abortPendingLocked(int64_t id, Status reason, bool counts_as_failure) {
  auto it = pending_.find(id);
  if (it == pending_.end() || it->second.persisting) return;
  bool periodic = it->second.periodic;
  std::vector<OperatorSubtaskState> acked_states;
  for (auto& [uid, state] : it->second.checkpoint->operators) {
    for (auto& [subtask, subtask_state] : state.subtasks) acked_states.push_back(std::move(subtask_state));
  }
  discardAbortedState(id, acked_states);
  if (graph_.checkpoint_stats) graph_.checkpoint_stats->reportFailed(id, nowMillis(), reason.message());
  aborted_reason_ = reason;
  pending_.erase(it);
  last_checkpoint_end_ = std::chrono::steady_clock::now();
  checkpoint_cv_.notify_all();
  if (!counts_as_failure || !periodic) return;
  if (++consecutive_failures_ <= graph_.checkpoint_config.tolerable_failures || !final_status_.ok()) return;
  final_status_ = Internal(fmt::format(
      "Exceeded checkpoint tolerable failure threshold. The latest checkpoint failed due to {}, view the Checkpoint "
      "History tab or the Job Manager log to find out why continuous checkpoints failed.",
      reason.message()));
  for (auto& task : tasks_) task->cancel();
}

void LocalJob::discardAbortedState(int64_t id, const std::vector<OperatorSubtaskState>& states) const {
  if (!persistence_) return;
  Status discarded = persistence_->discardAbortedState(id, states);
  if (!discarded.ok()) log::warn("Could not delete the state of aborted checkpoint {}: {}", id, discarded.toString());
}

bool LocalJob::mayTriggerPeriodicLocked() const {
  const CheckpointConfig& config = graph_.checkpoint_config;
  const size_t max_concurrent = config.min_pause_ms > 0 ? 1 : static_cast<size_t>(std::max(1, config.max_concurrent));
  return pending_.size() < max_concurrent;
}

bool LocalJob::startCheckpointLocked(int64_t* id, bool periodic, SnapshotType type) {
  if (status_ != JobStatus::kRunning || running_tasks_ < tasks_.size()) return false;
  *id = next_checkpoint_id_++;
  PendingCheckpoint pending;
  pending.periodic = periodic;
  pending.type = type;
  pending.triggered = std::chrono::steady_clock::now();
  pending.checkpoint = std::make_shared<CompletedCheckpoint>();
  pending.checkpoint->checkpoint_id = *id;
  pending.checkpoint->timestamp =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  for (const JobVertex& vertex : job_.vertices) {
    for (int node_id : vertex.nodes) {
      OperatorState& state = pending.checkpoint->operators[graph_.node(node_id).operatorId()];
      state.parallelism = vertex.parallelism;
      state.max_parallelism = vertex.max_parallelism;
    }
  }
  int64_t timestamp = pending.checkpoint->timestamp;
  pending_.emplace(*id, std::move(pending));
  if (graph_.checkpoint_stats) {
    std::vector<int> vertex_parallelism;
    for (const JobVertex& vertex : job_.vertices) vertex_parallelism.push_back(vertex.parallelism);
    const bool is_savepoint = type != SnapshotType::kCheckpoint;
    const CheckpointConfig& config = graph_.checkpoint_config;
    const bool unaligned = config.unaligned && !is_savepoint && config.aligned_checkpoint_timeout_ms == 0;
    graph_.checkpoint_stats->reportPending(*id, timestamp, is_savepoint, unaligned, vertex_parallelism);
  }
  for (auto& task : tasks_) {
    if (!task->isSourceTask()) continue;
    if (type == SnapshotType::kSuspend || type == SnapshotType::kTerminate) {
      task->triggerStopWithSavepoint(*id, timestamp, type == SnapshotType::kTerminate);
    } else {
      task->triggerCheckpoint(*id, timestamp, type != SnapshotType::kCheckpoint);
    }
  }
  return true;
}

Result<std::shared_ptr<const CompletedCheckpoint>> LocalJob::triggerAndWait(SnapshotType type) {
  std::unique_lock<std::mutex> lock(mutex_);
  int64_t id = 0;
  // Wait for the checkpoints in flight to end first.
  checkpoint_cv_.wait(lock, [&] { return pending_.empty() || status_ != JobStatus::kRunning; });
  if (!startCheckpointLocked(&id, false, type)) {
    return InvalidArgument(fmt::format("Cannot trigger a checkpoint of job {}: not all of its tasks are running", id_));
  }
  checkpoint_cv_.wait(lock, [&] { return !pending_.count(id); });
  if (type != SnapshotType::kCheckpoint) {
    if (latest_savepoint_ && latest_savepoint_->checkpoint_id == id) return latest_savepoint_;
  } else if (latest_checkpoint_ && latest_checkpoint_->checkpoint_id == id) {
    return latest_checkpoint_;
  }
  return aborted_reason_.withContext(fmt::format("Checkpoint {} of job {} was aborted", id, id_));
}

void LocalJob::onCheckpointAck(int64_t id, int vertex, int subtask, const StreamTask* task,
                               Result<std::vector<std::pair<std::string, OperatorSubtaskState>>> states,
                               const StreamTask::CheckpointMetrics& metrics) {
  std::vector<StreamTask*> to_notify;
  std::shared_ptr<CompletedCheckpoint> completed;
  bool is_savepoint = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = pending_.find(id);
    if (it == pending_.end()) {
      // Aborted meanwhile: what this task uploaded for it is garbage.
      if (states.ok()) {
        std::vector<OperatorSubtaskState> late;
        for (auto& [uid, state] : *states) late.push_back(std::move(state));
        discardAbortedState(id, late);
      }
      return;
    }
    PendingCheckpoint& pending = it->second;
    if (!states.ok()) {
      abortPendingLocked(id, states.status(), true);
      return;
    }
    CheckpointSize size;
    for (auto& [uid, state] : *states) {
      addSubtaskSize(state, size);
      pending.checkpoint->operators[uid].subtasks[subtask] = std::move(state);
    }
    pending.acked.insert(task);
    if (graph_.checkpoint_stats) {
      graph_.checkpoint_stats->reportAcknowledged(
          id, vertex,
          SubtaskCheckpointStats{subtask, nowMillis(), size.state_size, size.checkpointed_size, metrics.sync_duration,
                                 metrics.async_duration, metrics.alignment_duration, metrics.start_delay,
                                 metrics.unaligned, metrics.persisted_data});
    }
    if (++pending.acks < tasks_.size()) return;
    pending.persisting = true;
    completed = pending.checkpoint;
    is_savepoint = pending.type != SnapshotType::kCheckpoint;
  }
  // Every task acknowledged: write it out (it stays pending meanwhile), then publish it. A
  // savepoint is written by whoever asked for it.
  std::lock_guard<std::mutex> persisting(persist_mutex_);
  Status persisted = is_savepoint ? Status::OK() : persist(*completed);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_[id].persisting = false;
    if (persisted.ok()) {
      if (graph_.checkpoint_stats) {
        const CheckpointSize size = checkpointSize(*completed);
        graph_.checkpoint_stats->reportCompleted(id, nowMillis(), size.state_size, size.checkpointed_size,
                                                 completed->external_pointer);
      }
      pending_.erase(id);
      // Older checkpoints still in flight are subsumed by this one (Flink's CHECKPOINT_SUBSUMED).
      std::vector<int64_t> subsumed;
      for (const auto& [older, pending] : pending_) {
        if (older < id && !is_savepoint && pending.type == SnapshotType::kCheckpoint && !pending.persisting) {
          subsumed.push_back(older);
        }
      }
      for (int64_t older : subsumed) abortPendingLocked(older, Cancelled("Checkpoint has been subsumed."), false);
      last_checkpoint_end_ = std::chrono::steady_clock::now();
      consecutive_failures_ = 0;
      auto& latest = is_savepoint ? latest_savepoint_ : latest_checkpoint_;
      if (!latest || latest->checkpoint_id < id) latest = completed;
      for (auto& task : tasks_) to_notify.push_back(task.get());
      checkpoint_cv_.notify_all();
    } else {
      abortPendingLocked(id, persisted, true);
    }
  }
  for (StreamTask* task : to_notify) task->notifyCheckpointComplete(id);
}

Status LocalJob::persist(CompletedCheckpoint& checkpoint) {
  if (!persistence_) return Status::OK();
  EDDY_ASSIGN_OR_RETURN(checkpoint::CompletedCheckpointStorageLocation location, persistence_->persist(checkpoint));
  checkpoint.external_pointer = location.external_pointer.toString();
  return Status::OK();
}

void LocalJob::runCoordinator() {
  const CheckpointConfig& config = graph_.checkpoint_config;
  const auto interval = std::chrono::milliseconds(config.interval_ms);
  const auto min_pause = std::chrono::milliseconds(config.min_pause_ms);
  const auto timeout = std::chrono::milliseconds(config.timeout_ms);
  auto last_trigger = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_coordinator_) {
    // Flink's rules: `interval` between triggers, `min_pause` from the end of one
    // checkpoint to the start of the next, at most max-concurrent in flight.
    auto now = std::chrono::steady_clock::now();
    auto expiring = std::find_if(pending_.begin(), pending_.end(), [](const auto& p) { return !p.second.persisting; });
    if (expiring != pending_.end()) {
      auto expires = expiring->second.triggered + timeout;
      if (now >= expires) {
        abortPendingLocked(expiring->first, Status(StatusCode::kTimedOut, "Checkpoint expired before completing."), true);
        continue;
      }
    }
    if (!mayTriggerPeriodicLocked()) {
      auto wake = now + interval;
      if (expiring != pending_.end()) wake = std::min(wake, expiring->second.triggered + timeout);
      coordinator_cv_.wait_until(lock, wake, [&] { return stop_coordinator_; });
      continue;
    }
    auto due = std::max(last_trigger + interval, last_checkpoint_end_ + min_pause);
    if (now < due) {
      coordinator_cv_.wait_until(lock, due, [&] { return stop_coordinator_; });
      continue;
    }
    int64_t id;
    if (startCheckpointLocked(&id, true)) last_trigger = now;
    else coordinator_cv_.wait_until(lock, now + interval, [&] { return stop_coordinator_; });
  }
}

void LocalJob::stopCoordinator() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_coordinator_ = true;
  }
  coordinator_cv_.notify_all();
  if (coordinator_.joinable()) coordinator_.join();
}

void LocalJob::onTaskDone(StreamTask& task) {
  bool cancel_others = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const Status& result = task.result();
    if (!result.ok() && result.code() != StatusCode::kCancelled && final_status_.ok()) {
      final_status_ = result;
      cancel_others = true;
    }
    // A task that ended will never acknowledge: give the checkpoints it did not up.
    std::vector<int64_t> unacknowledged;
    for (const auto& [id, pending] : pending_) {
      if (!pending.acked.count(&task) && !pending.persisting) unacknowledged.push_back(id);
    }
    for (int64_t id : unacknowledged) {
      abortPendingLocked(id, InvalidArgument(fmt::format("task '{}' ended before the checkpoint completed", task.name())),
                         false);
    }
    if (--running_tasks_ == 0) {
      net_runtime_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                              start_time_).count();
      if (!final_status_.ok()) {
        status_ = JobStatus::kFailed;
      } else if (cancel_requested_) {
        status_ = JobStatus::kCanceled;
        final_status_ = Cancelled(fmt::format("Job {} ({}) was cancelled", graph_.job_name, id_));
      } else {
        status_ = JobStatus::kFinished;
      }
      // A failed attempt under a restart strategy is not the job's end: RestartingJob decides.
      if (status_ != JobStatus::kFailed || graph_.restart_strategy.type == RestartStrategyType::kNone) {
        Status discarded = discardCheckpointsOnShutdown(graph_.checkpoint_config, id_, status_);
        if (!discarded.ok()) log::warn("Could not delete the checkpoints of job {}: {}", id_, discarded.toString());
      }
      done_cv_.notify_all();
      checkpoint_cv_.notify_all();
    }
  }
  if (cancel_others) {
    for (auto& t : tasks_) t->cancel();
  }
}

}  // namespace

std::string jobStatusName(JobStatus status) {
  switch (status) {
    case JobStatus::kRunning: return "RUNNING";
    case JobStatus::kFinished: return "FINISHED";
    case JobStatus::kFailed: return "FAILED";
    case JobStatus::kCanceled: return "CANCELED";
  }
  return "UNKNOWN";
}

Result<std::unique_ptr<JobClient>> executeAttempt(StreamGraph graph, const std::string& job_id) {
  EDDY_ASSIGN_OR_RETURN(JobGraph job, buildJobGraph(graph));
  // Keyed state of an operator without uid() is mapped by an id derived from the graph,
  // which changes when the job's topology does.
  for (const StreamNode& node : graph.nodes) {
    if (node.make_keyed_backend && node.uid.empty()) {
      log::warn("Operator '{}' holds keyed state but has no uid(); its state is mapped by the generated id '{}', "
                "which changes when the job's graph changes. Set uid() to restore it after such changes.",
                node.name, node.operatorId());
    }
  }
  auto local = std::make_unique<LocalJob>(std::move(graph), std::move(job), job_id);
  EDDY_RETURN_IF_ERROR(local->deploy());
  local->start();
  return std::unique_ptr<JobClient>(std::move(local));
}

Result<std::unique_ptr<JobClient>> executeLocally(StreamGraph graph) {
  graph.checkpoint_stats = std::make_shared<CheckpointStatsTracker>();
  std::unique_ptr<JobClient> client;
  if (graph.restart_strategy.type == RestartStrategyType::kNone) {
    EDDY_ASSIGN_OR_RETURN(client, executeAttempt(graph, newJobId()));
  } else {
    EDDY_ASSIGN_OR_RETURN(client, RestartingJob::start(graph, newJobId()));
  }
  return notifyJobListener(std::move(client), graph);
}

}  // namespace eddy::runtime
