#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/tests/temp_dir.h"
#include "eddy/connectors/datagen_source.h"
#include "eddy/datastream.h"
#include "sum_job.h"

namespace eddy {
namespace {

using testing::KeyValue;
using testing::lastPerKey;
constexpr int64_t kRecords = 100000;
constexpr int64_t kKeys = 5000;
constexpr testing::SumJob kSumJob{kRecords, kKeys};

// A job on EmbeddedRocksDBStateBackend(true) writing into `dir`, checkpointed on demand.
std::unique_ptr<StreamExecutionEnvironment> incrementalEnvironment(const std::string& dir, const std::string& retention,
                                                                   const std::string& restore_path = "") {
  Configuration conf;
  conf.setString("state.checkpoints.dir", dir);
  conf.setString("state.backend.type", "rocksdb");
  conf.setString("state.backend.incremental", "true");
  conf.setString("execution.checkpointing.num-retained", "2");
  conf.setString("execution.checkpointing.externalized-checkpoint-retention", retention);
  if (!restore_path.empty()) conf.setString("execution.savepoint.path", restore_path);
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(conf);
  env->setParallelism(2);
  return env;
}

std::set<std::string> filesIn(const std::string& dir) {
  std::set<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) files.insert(entry.path().string());
  return files;
}

// The shared files the "sums" state of `checkpoint` refers to, and its bytes: all it refers
// to, and what it uploaded itself.
struct SumsState {
  std::set<std::string> shared;
  int64_t state_size = 0;
  int64_t checkpointed_size = 0;
};

SumsState sumsState(const runtime::CompletedCheckpoint& checkpoint) {
  SumsState out;
  for (const auto& [subtask, part] : checkpoint.operators.at("sums").subtasks) {
    EXPECT_FALSE(part.keyed) << "subtask " << subtask << " took a full snapshot";
    for (const state::IncrementalRemoteKeyedStateHandle& handle : part.incremental_keyed) {
      for (const state::RocksDBFileHandle& file : handle.shared_state) out.shared.insert(file.path.path());
      out.state_size += handle.stateSize();
      out.checkpointed_size += handle.checkpointed_size;
    }
  }
  return out;
}

TEST(IncrementalCheckpointTest, CheckpointsUploadOnlyNewFilesRetentionDeletesOnlyUnreferencedOnesAndRestoreIsExact) {
  testing::TempDir dir("eddy_incremental");
  auto env = incrementalEnvironment(dir.path(), "RETAIN_ON_CANCELLATION");
  kSumJob.build(*env);
  auto client = env->executeAsync("sums");
  ASSERT_TRUE(client.ok()) << client.status().toString();
  const std::string job_dir = dir.path() + "/" + (*client)->getJobID();

  // A fifth of the input, so that every key has state, then checkpoints 50 ms apart.
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  std::vector<SumsState> states;
  std::shared_ptr<const runtime::CompletedCheckpoint> last;
  std::set<std::string> ever_uploaded;
  for (int i = 0; i < 8; ++i) {
    auto checkpoint = (*client)->triggerCheckpoint();
    ASSERT_TRUE(checkpoint.ok()) << checkpoint.status().toString();
    EXPECT_EQ((*checkpoint)->checkpoint_id, i + 1);
    states.push_back(sumsState(**checkpoint));
    ever_uploaded.insert(states.back().shared.begin(), states.back().shared.end());
    last = *checkpoint;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  (*client)->cancel();
  (void)(*client)->waitForCompletion();

  // The second checkpoint refers to the first one's SST files and uploads far less.
  ASSERT_FALSE(states[0].shared.empty());
  EXPECT_EQ(states[0].checkpointed_size, states[0].state_size);
  for (const std::string& file : states[0].shared) EXPECT_TRUE(states[1].shared.contains(file)) << file;
  EXPECT_LT(states[1].checkpointed_size, states[1].state_size);
  EXPECT_LT(states[1].checkpointed_size, states[0].checkpointed_size);

  // Two retained: shared/ holds exactly what checkpoints 7 and 8 refer to; the files only
  // older checkpoints referred to (compacted away since) are deleted.
  std::set<std::string> retained = states[6].shared;
  retained.insert(states[7].shared.begin(), states[7].shared.end());
  EXPECT_EQ(filesIn(job_dir + "/shared"), retained);
  EXPECT_GT(ever_uploaded.size(), retained.size());
  EXPECT_EQ(filesIn(job_dir), (std::set<std::string>{job_dir + "/chk-7", job_dir + "/chk-8", job_dir + "/shared",
                                                      job_dir + "/taskowned"}));

  // A new job from chk-8's path (as `eddy run -s` after the process died) continues with
  // exactly the checkpointed sums and takes checkpoint 9 next.
  auto restored_env = incrementalEnvironment(dir.path(), "RETAIN_ON_CANCELLATION", job_dir + "/chk-8");
  auto records = kSumJob.build(*restored_env);
  auto restored = restored_env->executeAsync("sums restored");
  ASSERT_TRUE(restored.ok()) << restored.status().toString();
  auto next = (*restored)->triggerCheckpoint();
  ASSERT_TRUE(next.ok()) << next.status().toString();
  EXPECT_EQ((*next)->checkpoint_id, 9);
  // The new job owns none of the old job's files: its first checkpoint uploads everything.
  const SumsState first_of_new_job = sumsState(**next);
  EXPECT_EQ(first_of_new_job.checkpointed_size, first_of_new_job.state_size);
  ASSERT_TRUE((*restored)->waitForCompletion().ok());
  EXPECT_EQ(lastPerKey(records->values()), kSumJob.expectedSums());
  EXPECT_LT(records->size(), static_cast<size_t>(kRecords));
  // It finished: Flink deletes a finished job's checkpoints, whatever the retention.
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/" + (*restored)->getJobID()));
  EXPECT_TRUE(std::filesystem::exists(job_dir + "/chk-8/_metadata"));
}

TEST(IncrementalCheckpointTest, CancellationDeletesOrRetainsCheckpointsAsConfigured) {
  for (const std::string retention : {"DELETE_ON_CANCELLATION", "RETAIN_ON_CANCELLATION"}) {
    testing::TempDir dir("eddy_retention");
    auto env = incrementalEnvironment(dir.path(), retention);
    kSumJob.build(*env);
    auto client = env->executeAsync("sums");
    ASSERT_TRUE(client.ok()) << client.status().toString();
    auto checkpoint = (*client)->triggerCheckpoint();
    ASSERT_TRUE(checkpoint.ok()) << checkpoint.status().toString();
    const std::string job_dir = dir.path() + "/" + (*client)->getJobID();
    EXPECT_TRUE(std::filesystem::exists(job_dir + "/chk-1/_metadata")) << retention;
    (*client)->cancel();
    EXPECT_EQ((*client)->waitForCompletion().code(), StatusCode::kCancelled);
    EXPECT_EQ(std::filesystem::exists(job_dir), retention == "RETAIN_ON_CANCELLATION") << retention;
  }
}

}  // namespace
}  // namespace eddy
