#include "runtime/local_executor.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <random>

#include <fmt/format.h>

#include "eddy/state/key_group_range_assignment.h"
#include "runtime/job_graph.h"
#include "runtime/local_channel.h"
#include "runtime/stream_task.h"

namespace eddy::runtime {

namespace {

// Batches a channel holds before its producer blocks: the bound on in-flight memory.
constexpr size_t kChannelCapacity = 8;

bool isPointwise(PartitionerKind kind) { return kind == PartitionerKind::kForward || kind == PartitionerKind::kRescale; }

// Whether producer `i` of `ps` feeds consumer `j` of `pt` (Flink's pointwise pattern for
// forward and rescale; all-to-all otherwise).
bool connected(PartitionerKind kind, int i, int ps, int j, int pt) {
  if (!isPointwise(kind)) return true;
  if (ps >= pt) return j * ps / pt <= i && i < (j + 1) * ps / pt;
  int start = (i * pt + ps - 1) / ps;
  int end = ((i + 1) * pt + ps - 1) / ps;
  return start <= j && j < end;
}

std::string newJobId() {
  std::random_device rd;
  return fmt::format("{:016x}{:016x}", (uint64_t(rd()) << 32) | rd(), (uint64_t(rd()) << 32) | rd());
}

// The running job: its tasks, channels, and the completion state shared with JobClient.
class LocalJob final : public JobClient {
 public:
  LocalJob(StreamGraph graph, JobGraph job) : graph_(std::move(graph)), job_(std::move(job)), id_(newJobId()) {}

  ~LocalJob() override {
    cancel();
    for (auto& task : tasks_) task->join();
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

 private:
  void onTaskDone(StreamTask& task);
  void wireSubtask(const JobVertex& vertex, int subtask, StreamTask& task,
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
        consumer->addInputChannel(StreamTask::InputChannel{channel, stream_edge.target_input});
        producer->addDownstreamChannel(channel);
      }
    }
  }
  for (const JobVertex& vertex : job_.vertices) {
    for (int s = 0; s < vertex.parallelism; ++s) wireSubtask(vertex, s, *tasks_of_vertex[vertex.id][s], channels_by_edge);
  }
  return Status::OK();
}

void LocalJob::wireSubtask(const JobVertex& vertex, int subtask, StreamTask& task,
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
      auto backend = node.make_keyed_backend(range, vertex.max_parallelism);
      setup.keyed_state = backend.get();
      task.addKeyedStateBackend(std::move(backend));
    }
    op_of_node.at(node.id)->setup(std::move(setup));
  }
}

void LocalJob::start() {
  start_time_ = std::chrono::steady_clock::now();
  running_tasks_ = tasks_.size();
  for (auto& task : tasks_) task->start([this](StreamTask& t) { onTaskDone(t); });
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
      done_cv_.notify_all();
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

Result<std::unique_ptr<JobClient>> executeLocally(StreamGraph graph) {
  EDDY_ASSIGN_OR_RETURN(JobGraph job, buildJobGraph(graph));
  auto local = std::make_unique<LocalJob>(std::move(graph), std::move(job));
  EDDY_RETURN_IF_ERROR(local->deploy());
  local->start();
  return std::unique_ptr<JobClient>(std::move(local));
}

}  // namespace eddy::runtime
