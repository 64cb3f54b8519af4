#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "checkpoint/tests/checkpoint_storage_test_support.h"
#include "eddy/checkpoint/completed_checkpoint_store.h"
#include "eddy/common/checksum.h"

namespace eddy::checkpoint {
namespace {

constexpr char kJobId[] = "ffeeddccbbaa99887766554433221100";

// Incremental checkpoints whose handles refer to files in shared/, to check which files the
// store's retention deletes.
class SharedStateRetentionTest : public testing::CheckpointStorageTest {
 protected:
  SharedStateRetentionTest() : CheckpointStorageTest("eddy_shared_state", kJobId) {}

  Path sharedPath(const std::string& name) const { return access_->getSharedStateDirectory().child(name); }

  // shared/<name>, created on first use.
  state::RocksDBFileHandle sharedFile(const std::string& name) {
    Path path = sharedPath(name);
    if (!fs_->exists(path).value()) {
      auto out = fs_->create(path, WriteMode::kNoOverwrite);
      EXPECT_TRUE(out.ok());
      EXPECT_TRUE((*out)->write("sst " + name).ok());
      EXPECT_TRUE((*out)->close().ok());
    }
    const std::string bytes = "sst " + name;
    return {name, path, static_cast<int64_t>(bytes.size()), crc32c::value(bytes)};
  }

  // Checkpoint `id` with one incremental handle that refers to the shared files `shared`.
  CompletedCheckpointStorageLocation take(int64_t id, const std::vector<std::string>& shared) {
    CheckpointStorageLocation location = access_->initializeLocationForCheckpoint(id).value();
    state::IncrementalRemoteKeyedStateHandle handle;
    handle.checkpoint_id = id;
    handle.backend_identifier = "b";
    handle.key_group_range = state::KeyGroupRange{0, 127};
    handle.max_parallelism = 128;
    for (const std::string& name : shared) handle.shared_state.push_back(sharedFile(name));
    CheckpointMetadata metadata;
    metadata.checkpoint_id = id;
    SubtaskState subtask;
    subtask.incremental_keyed_state = {handle};
    metadata.operators = {OperatorState{"counter", 1, 128, {subtask}}};
    return location.finalizeCheckpoint(metadata).value();
  }

  std::map<std::string, int> sharedFiles() {
    std::map<std::string, int> out;
    for (const FileStatus& file : fs_->listStatus(access_->getSharedStateDirectory()).value()) {
      out[std::string(file.path.getName())] = 1;
    }
    return out;
  }

};

TEST_F(SharedStateRetentionTest, ASubsumedCheckpointDeletesOnlyFilesNoRetainedCheckpointRefersTo) {
  CompletedCheckpointStore store(fs_, access_->getCheckpointsDirectory(), 2);
  ASSERT_TRUE(store.addCheckpointAndSubsumeOldestOne(take(1, {"a.sst", "b.sst"})).ok());
  ASSERT_TRUE(store.addCheckpointAndSubsumeOldestOne(take(2, {"a.sst", "c.sst"})).ok());
  EXPECT_EQ(store.sharedStateRegistry().referenceCount(sharedPath("a.sst")), 2);
  EXPECT_EQ(store.sharedStateRegistry().referenceCount(sharedPath("b.sst")), 1);

  // chk-1 goes: b.sst was only its; a.sst is still chk-2's and chk-3's.
  ASSERT_TRUE(store.addCheckpointAndSubsumeOldestOne(take(3, {"a.sst", "d.sst"})).ok());
  EXPECT_EQ(sharedFiles(), (std::map<std::string, int>{{"a.sst", 1}, {"c.sst", 1}, {"d.sst", 1}}));
  EXPECT_EQ(store.sharedStateRegistry().referenceCount(sharedPath("a.sst")), 2);
  EXPECT_EQ(store.sharedStateRegistry().referenceCount(sharedPath("b.sst")), 0);

  // chk-2 goes: c.sst with it.
  ASSERT_TRUE(store.addCheckpointAndSubsumeOldestOne(take(4, {"d.sst", "e.sst"})).ok());
  EXPECT_EQ(sharedFiles(), (std::map<std::string, int>{{"a.sst", 1}, {"d.sst", 1}, {"e.sst", 1}}));
}

TEST_F(SharedStateRetentionTest, ANewStoreRebuildsTheRegistryFromTheRetainedCheckpoints) {
  {
    CompletedCheckpointStore store(fs_, access_->getCheckpointsDirectory(), 2);
    ASSERT_TRUE(store.addCheckpointAndSubsumeOldestOne(take(1, {"a.sst", "b.sst"})).ok());
    ASSERT_TRUE(store.addCheckpointAndSubsumeOldestOne(take(2, {"b.sst", "c.sst"})).ok());
  }
  // As after a process restart: the new store learns chk-1's and chk-2's references from
  // their metadata, so that dropping chk-1 keeps b.sst (chk-2's) and deletes a.sst.
  CompletedCheckpointStore store(fs_, access_->getCheckpointsDirectory(), 2);
  ASSERT_TRUE(store.addCheckpointAndSubsumeOldestOne(take(3, {"c.sst", "d.sst"})).ok());
  EXPECT_EQ(sharedFiles(), (std::map<std::string, int>{{"b.sst", 1}, {"c.sst", 1}, {"d.sst", 1}}));
  EXPECT_EQ(store.sharedStateRegistry().referenceCount(sharedPath("c.sst")), 2);
  EXPECT_FALSE(fs_->exists(access_->getCheckpointsDirectory().child("chk-1")).value());
}

}  // namespace
}  // namespace eddy::checkpoint
