#include "eddy/checkpoint/keyed_state_snapshot_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/tests/temp_dir.h"
#include "eddy/checkpoint/fs_checkpoint_storage_access.h"
#include "eddy/common/checksum.h"

namespace eddy::checkpoint {
namespace {

state::KeyedStateSnapshot sampleSnapshot() {
  state::KeyedStateSnapshot snapshot;
  snapshot.max_parallelism = 128;
  state::StateSnapshot count{"count", state::StateType::kValue, {}};
  count.key_groups[3] = {{"k1", "", "", std::string("\x00\x00\x00\x07", 4)}};
  count.key_groups[90] = {{"k2", "", "", std::string("\x00\x00\x00\x02", 4)}};
  state::StateSnapshot tags{"tags", state::StateType::kMap, {}};
  tags.key_groups[3] = {{"k1", "", "a", "1"}, {"k1", "", "b", "2"}};
  snapshot.states = {count, tags};
  return snapshot;
}

class KeyedStateSnapshotFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    access_ = std::make_unique<FsCheckpointStorageAccess>(LocalFileSystem::getSharedInstance(),
                                                          Path::parse(dir_.path("ck")).value(), std::nullopt,
                                                          "0123456789abcdef0123456789abcdef");
  }

  testing::TempDir dir_{"eddy_ck_keyed"};
  std::unique_ptr<FsCheckpointStorageAccess> access_;
};

TEST_F(KeyedStateSnapshotFileTest, RoundTrip) {
  Result<CheckpointStorageLocation> location = access_->initializeLocationForCheckpoint(4);
  ASSERT_TRUE(location.ok());
  const state::KeyedStateSnapshot snapshot = sampleSnapshot();
  Result<StreamStateHandle> handle = writeKeyedStateSnapshot(*location, CheckpointedStateScope::kExclusive, snapshot);
  ASSERT_TRUE(handle.ok()) << handle.status().toString();
  types::DataOutputSerializer expected;
  snapshot.writeTo(expected);
  EXPECT_EQ(handle->size, static_cast<int64_t>(expected.length()));
  EXPECT_EQ(handle->checksum, crc32c::value(expected.data()));
  EXPECT_EQ(handle->path.parent(), location->getCheckpointDirectory());

  Result<state::KeyedStateSnapshot> read = readKeyedStateSnapshot(*access_->fileSystem(), *handle);
  ASSERT_TRUE(read.ok()) << read.status().toString();
  EXPECT_EQ(*read, snapshot);
}

TEST_F(KeyedStateSnapshotFileTest, GarbledFileIsCorruptionNamingIt) {
  Result<CheckpointStorageLocation> location = access_->initializeLocationForCheckpoint(4);
  ASSERT_TRUE(location.ok());
  Result<StreamStateHandle> handle =
      writeKeyedStateSnapshot(*location, CheckpointedStateScope::kShared, sampleSnapshot());
  ASSERT_TRUE(handle.ok());
  EXPECT_EQ(handle->path.parent(), access_->getSharedStateDirectory());
  {
    std::fstream f(handle->path.path(), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(10);
    f.put('\x7F');
  }
  Status status = readKeyedStateSnapshot(*access_->fileSystem(), *handle).status();
  EXPECT_EQ(status.code(), StatusCode::kCorruption);
  const std::string prefix = "state file '" + handle->path.toString() + "' has checksum ";
  EXPECT_EQ(status.message().substr(0, prefix.size()), prefix) << status.toString();
}

TEST_F(KeyedStateSnapshotFileTest, TrailingBytesAreCorruption) {
  Result<CheckpointStorageLocation> location = access_->initializeLocationForCheckpoint(4);
  ASSERT_TRUE(location.ok());
  types::DataOutputSerializer bytes;
  sampleSnapshot().writeTo(bytes);
  Result<std::unique_ptr<CheckpointStateOutputStream>> out =
      location->createCheckpointStateOutputStream(CheckpointedStateScope::kExclusive);
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE((*out)->write(bytes.data()).ok());
  ASSERT_TRUE((*out)->write("xy").ok());
  Result<StreamStateHandle> handle = (*out)->closeAndGetHandle();
  ASSERT_TRUE(handle.ok());
  EXPECT_EQ(readKeyedStateSnapshot(*access_->fileSystem(), *handle).status(),
            Corruption("state file '" + handle->path.toString() + "' has 2 bytes after the keyed state snapshot"));
}

}  // namespace
}  // namespace eddy::checkpoint
