#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/tests/temp_dir.h"
#include "eddy/runtime/output.h"
#include "eddy/runtime/source_operator.h"
#include "eddy/runtime/stream_graph.h"
#include "eddy/state/namespaces.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "runtime/local_executor.h"

namespace eddy::runtime {
namespace {

using namespace std::chrono_literals;

constexpr int kKeys = 100;
constexpr int kRecordsPerEmit = 16;

// Holds the asynchronous part of a snapshot until the test opens it, and tells when it
// was reached.
class Gate {
 public:
  explicit Gate(bool open) : open_(open) {}
  void passThrough() {
    std::unique_lock<std::mutex> lock(mutex_);
    reached_ = true;
    cv_.notify_all();
    cv_.wait(lock, [&] { return open_; });
  }
  bool waitReached() {
    std::unique_lock<std::mutex> lock(mutex_);
    return cv_.wait_for(lock, 60s, [&] { return reached_; });
  }
  void open() {
    std::lock_guard<std::mutex> lock(mutex_);
    open_ = true;
    cv_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool open_;
  bool reached_ = false;
};

// A backend whose snapshots' asynchronous part (a heap snapshot's write, an incremental
// RocksDB checkpoint's upload) waits at a gate: the test slows the asynchronous phase down
// without a hook in the runtime.
class GatedBackend final : public state::KeyedStateBackend {
 public:
  GatedBackend(std::shared_ptr<state::KeyedStateBackendT<int>> inner, std::shared_ptr<Gate> gate)
      : KeyedStateBackend(inner->getKeyGroupRange(), inner->getNumberOfKeyGroups()),
        inner_(std::move(inner)),
        gate_(std::move(gate)) {}

  state::KeyedStateBackendT<int>& inner() { return *inner_; }

  Result<std::unique_ptr<state::KeyedSnapshotResources>> syncPrepareResources() const override {
    EDDY_ASSIGN_OR_RETURN(std::unique_ptr<state::KeyedSnapshotResources> resources, inner_->syncPrepareResources());
    return std::unique_ptr<state::KeyedSnapshotResources>(std::make_unique<Gated>(std::move(resources), gate_));
  }
  Status restore(const state::KeyedStateSnapshot& snapshot) override { return inner_->restore(snapshot); }
  bool isIncremental() const override { return inner_->isIncremental(); }
  Result<std::unique_ptr<state::IncrementalSnapshotResources>> syncPrepareIncrementalResources(
      int64_t checkpoint_id, FileSystem& fs, const Path& shared_dir, const Path& exclusive_dir) override {
    EDDY_ASSIGN_OR_RETURN(std::unique_ptr<state::IncrementalSnapshotResources> resources,
                          inner_->syncPrepareIncrementalResources(checkpoint_id, fs, shared_dir, exclusive_dir));
    return std::unique_ptr<state::IncrementalSnapshotResources>(
        std::make_unique<GatedUpload>(std::move(resources), gate_));
  }
  Status restoreIncremental(const std::vector<state::IncrementalRemoteKeyedStateHandle>& handles, FileSystem& fs,
                            bool reuse_files) override {
    return inner_->restoreIncremental(handles, fs, reuse_files);
  }
  void notifyCheckpointComplete(int64_t checkpoint_id) override { inner_->notifyCheckpointComplete(checkpoint_id); }

 private:
  class Gated final : public state::KeyedSnapshotResources {
   public:
    Gated(std::unique_ptr<state::KeyedSnapshotResources> inner, std::shared_ptr<Gate> gate)
        : inner_(std::move(inner)), gate_(std::move(gate)) {}
    Result<state::KeyedStateSnapshot> write() override {
      gate_->passThrough();
      return inner_->write();
    }

   private:
    std::unique_ptr<state::KeyedSnapshotResources> inner_;
    std::shared_ptr<Gate> gate_;
  };
  class GatedUpload final : public state::IncrementalSnapshotResources {
   public:
    GatedUpload(std::unique_ptr<state::IncrementalSnapshotResources> inner, std::shared_ptr<Gate> gate)
        : inner_(std::move(inner)), gate_(std::move(gate)) {}
    Result<state::IncrementalRemoteKeyedStateHandle> upload() override {
      gate_->passThrough();
      return inner_->upload();
    }

   private:
    std::unique_ptr<state::IncrementalSnapshotResources> inner_;
    std::shared_ptr<Gate> gate_;
  };

  std::shared_ptr<state::KeyedStateBackendT<int>> inner_;
  std::shared_ptr<Gate> gate_;
};

// What the test reads from the job's operator.
struct Observed {
  std::atomic<int64_t> processed{0};
  std::atomic<int64_t> at_barrier{-1};
  // After a restore: the count of every key.
  std::vector<int64_t> restored_counts;
};

// Counts records per key (record i has key i % kKeys) in keyed ValueState, without end;
// its position is its operator state. With `read_only` it only reads the restored counts
// and ends.
class CountingSource final : public SourceOperatorBase {
 public:
  CountingSource(std::shared_ptr<Observed> observed, bool read_only)
      : observed_(std::move(observed)), read_only_(read_only) {}

  Status initializeState(const std::vector<std::string>& state) override {
    if (!state.empty()) position_ = std::stoll(state.front());
    return Status::OK();
  }
  void open() override {
    backend_ = &static_cast<GatedBackend*>(keyedState())->inner();
    counts_ = backend_->getPartitionedState<state::VoidNamespace>(state::ValueStateDescriptor<int64_t>("count"));
    if (!read_only_) return;
    for (int key = 0; key < kKeys; ++key) {
      backend_->setCurrentKey(key);
      observed_->restored_counts.push_back(counts_->value().value_or(0));
    }
  }
  InputStatus emitNext() override {
    if (read_only_) return InputStatus::kEndOfInput;
    for (int i = 0; i < kRecordsPerEmit; ++i, ++position_) {
      backend_->setCurrentKey(static_cast<int>(position_ % kKeys));
      bool created;
      ++counts_->getOrCreate(created);
    }
    observed_->processed.fetch_add(kRecordsPerEmit);
    return InputStatus::kMoreAvailable;
  }
  Result<std::vector<std::string>> snapshotOperatorState(int64_t) override {
    observed_->at_barrier.store(position_);
    return std::vector<std::string>{std::to_string(position_)};
  }

 private:
  std::shared_ptr<Observed> observed_;
  bool read_only_;
  int64_t position_ = 0;
  state::KeyedStateBackendT<int>* backend_ = nullptr;
  state::HeapValueState<int, state::VoidNamespace, int64_t>* counts_ = nullptr;
};

// The job on the heap backend, or with `checkpoints_dir` on incremental RocksDB checkpoints
// written there.
StreamGraph countingJob(std::shared_ptr<Observed> observed, std::shared_ptr<Gate> gate, bool read_only,
                        const std::string& checkpoints_dir = "") {
  StreamGraph graph;
  if (!checkpoints_dir.empty()) {
    state::EmbeddedRocksDBStateBackend rocksdb(true);
    rocksdb.local_dir = checkpoints_dir;
    graph.state_backend = state::StateBackendConfig(rocksdb);
    graph.checkpoint_config.checkpoints_dir = checkpoints_dir;
    // Kept when the job is cancelled, for the restore.
    graph.checkpoint_config.externalized_retention = ExternalizedCheckpointRetention::RETAIN_ON_CANCELLATION;
  }
  graph.job_name = "async checkpoint";
  StreamNode node;
  node.name = "counting";
  node.uid = "counting";
  node.max_parallelism = 128;
  node.num_inputs = 0;
  node.make_keyed_backend = [gate](state::KeyGroupRange range, int max_parallelism,
                                   const state::StateBackendConfig& config)
      -> Result<std::shared_ptr<state::KeyedStateBackend>> {
    EDDY_ASSIGN_OR_RETURN(std::shared_ptr<state::KeyedStateBackendT<int>> inner,
                          state::KeyedStateBackendT<int>::create(range, max_parallelism, config));
    return std::shared_ptr<state::KeyedStateBackend>(std::make_shared<GatedBackend>(std::move(inner), gate));
  };
  node.operator_factory = [observed, read_only] { return std::make_unique<CountingSource>(observed, read_only); };
  node.make_discarding_output = [] { return std::make_unique<DiscardingOutput<int>>(); };
  graph.nodes.push_back(std::move(node));
  graph.checkpoint_stats = std::make_shared<CheckpointStatsTracker>();
  return graph;
}

bool waitFor(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

// The task keeps processing while the asynchronous part of its checkpoint is held at the
// gate; the checkpoint holds exactly the counts at the barrier, and its statistics show
// the asynchronous part's duration. On the heap, or (with `checkpoints_dir`) on RocksDB
// with incremental checkpoints.
void processesWhileTheSnapshotIsWritten(const std::string& checkpoints_dir) {
  auto observed = std::make_shared<Observed>();
  auto gate = std::make_shared<Gate>(false);
  StreamGraph graph = countingJob(observed, gate, false, checkpoints_dir);
  std::shared_ptr<CheckpointStatsTracker> stats = graph.checkpoint_stats;
  auto client = executeAttempt(std::move(graph), "async-checkpoint-job");
  ASSERT_TRUE(client.ok()) << client.status().toString();
  ASSERT_TRUE(waitFor([&] { return observed->processed.load() > 1000; }));

  Result<std::shared_ptr<const CompletedCheckpoint>> checkpoint = Internal("not taken");
  std::thread trigger([&] { checkpoint = (*client)->triggerCheckpoint(); });
  ASSERT_TRUE(gate->waitReached());
  const int64_t while_writing = observed->processed.load();
  EXPECT_TRUE(waitFor([&] { return observed->processed.load() >= while_writing + 10'000; }));
  std::this_thread::sleep_for(20ms);
  gate->open();
  trigger.join();
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.status().toString();
  const int64_t at_barrier = observed->at_barrier.load();
  EXPECT_GE(observed->processed.load() - at_barrier, 10'000);
  const OperatorSubtaskState& taken = (*checkpoint)->operators.at("counting").subtasks.at(0);
  EXPECT_EQ(taken.incremental_keyed.size(), checkpoints_dir.empty() ? 0u : 1u);

  CheckpointStatsSnapshot snapshot = stats->snapshot();
  ASSERT_TRUE(snapshot.latest_completed.has_value());
  ASSERT_EQ(snapshot.latest_completed->tasks.size(), 1u);
  ASSERT_EQ(snapshot.latest_completed->tasks[0].acknowledged.size(), 1u);
  EXPECT_GE(snapshot.latest_completed->tasks[0].acknowledged[0].async_duration, 20);
  (*client)->cancel();
  (*client)->waitForCompletion();

  auto restored = std::make_shared<Observed>();
  StreamGraph again = countingJob(restored, std::make_shared<Gate>(true), true, checkpoints_dir);
  again.restore.checkpoint = *checkpoint;
  auto restarted = executeAttempt(std::move(again), "async-checkpoint-restore");
  ASSERT_TRUE(restarted.ok()) << restarted.status().toString();
  ASSERT_TRUE((*restarted)->waitForCompletion().ok());
  std::vector<int64_t> expected;
  for (int key = 0; key < kKeys; ++key) expected.push_back(at_barrier / kKeys + (key < at_barrier % kKeys ? 1 : 0));
  EXPECT_EQ(restored->restored_counts, expected);
}

TEST(AsyncCheckpointTest, TaskProcessesWhileTheSnapshotIsWrittenAndTheSnapshotIsTheBarrierState) {
  processesWhileTheSnapshotIsWritten("");
}

// The RocksDB checkpoint is taken at the barrier; its files are uploaded while the task
// goes on writing.
TEST(AsyncCheckpointTest, TaskProcessesWhileTheIncrementalRocksDBCheckpointIsUploaded) {
  eddy::testing::TempDir dir("eddy_async_rocksdb");
  processesWhileTheSnapshotIsWritten(dir.path());
}

// A task cancelled while the asynchronous part runs acknowledges nothing and ends once the
// part is done: the checkpoint is aborted.
TEST(AsyncCheckpointTest, CancellingTheTaskDuringTheAsynchronousPartAbortsTheCheckpoint) {
  auto observed = std::make_shared<Observed>();
  auto gate = std::make_shared<Gate>(false);
  auto client = executeAttempt(countingJob(observed, gate, false), "async-checkpoint-cancel");
  ASSERT_TRUE(client.ok()) << client.status().toString();
  Result<std::shared_ptr<const CompletedCheckpoint>> checkpoint = Internal("not taken");
  std::thread trigger([&] { checkpoint = (*client)->triggerCheckpoint(); });
  ASSERT_TRUE(gate->waitReached());
  (*client)->cancel();
  std::thread opener([&] {
    std::this_thread::sleep_for(20ms);
    gate->open();
  });
  (*client)->waitForCompletion();
  trigger.join();
  opener.join();
  ASSERT_FALSE(checkpoint.ok());
  EXPECT_EQ(checkpoint.status().message(),
            "Checkpoint 1 of job async-checkpoint-cancel was aborted: task 'counting' ended before the checkpoint "
            "completed");
}

}  // namespace
}  // namespace eddy::runtime
