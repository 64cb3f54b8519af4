#include "eddy/checkpoint/channel_state_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "checkpoint/tests/checkpoint_storage_test_support.h"
#include "eddy/checkpoint/completed_checkpoint_store.h"

namespace eddy::checkpoint {
namespace {

constexpr char kJobId[] = "0123456789abcdef0123456789abcdef";

// Checkpoints of one subtask's in-flight data on two channels, written through the storage
// API and loaded back as a restore loads them.
class ChannelStateFileTest : public testing::CheckpointStorageTest {
 protected:
  ChannelStateFileTest() : CheckpointStorageTest("eddy_channel_state", kJobId) {}

  // Checkpoint `id` with `channels` (inline data) written under `memory_threshold`.
  CompletedCheckpointStorageLocation takeCheckpoint(int64_t id, const std::vector<InputChannelStateHandle>& channels,
                                                    int64_t memory_threshold) {
    CheckpointStorageLocation location = access_->initializeLocationForCheckpoint(id).value();
    Result<std::vector<InputChannelStateHandle>> written = writeInputChannelState(location, memory_threshold, channels);
    EXPECT_TRUE(written.ok()) << written.status().toString();
    CheckpointMetadata metadata;
    metadata.checkpoint_id = id;
    SubtaskState subtask;
    subtask.input_channel_state = written.valueOr({});
    metadata.operators = {OperatorState{"sums", 1, 128, {subtask}}};
    return location.finalizeCheckpoint(metadata).value();
  }

  // The state files in chk-<id>, by name.
  std::vector<std::string> stateFiles(int64_t id) const {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(chkDir(id))) {
      if (entry.path().filename() != "_metadata") files.push_back(entry.path().string());
    }
    return files;
  }
  std::string chkDir(int64_t id) const { return dir_.path("ck/" + std::string(kJobId) + "/chk-" + std::to_string(id)); }

  const std::vector<InputChannelStateHandle> channels_ = {{0, 0, std::string(3000, 'a')}, {1, 2, std::string(1000, 'b')}};
};

TEST_F(ChannelStateFileTest, AtMostTheThresholdStaysInTheMetadata) {
  takeCheckpoint(1, channels_, 4000);
  EXPECT_EQ(stateFiles(1), std::vector<std::string>{});
  Result<CompletedCheckpoint> loaded = loadCompletedCheckpoint(*fs_, access_->getCheckpointsDirectory().child("chk-1"));
  ASSERT_TRUE(loaded.ok()) << loaded.status().toString();
  EXPECT_EQ(loaded->metadata.operators[0].subtasks[0].input_channel_state, channels_);
}

TEST_F(ChannelStateFileTest, AboveTheThresholdGoesToOneFileOfTheCheckpointAndLoadsBack) {
  takeCheckpoint(1, channels_, 3999);
  const std::vector<std::string> files = stateFiles(1);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(std::filesystem::file_size(files[0]), 4000u);
  // The metadata refers to the file and holds none of the data.
  const std::string metadata_bytes = fs_->readFully(Path::parse(chkDir(1) + "/_metadata").value()).value();
  EXPECT_EQ(metadata_bytes.find("aaaa"), std::string::npos);

  Result<CompletedCheckpoint> loaded = loadCompletedCheckpoint(*fs_, access_->getCheckpointsDirectory().child("chk-1"));
  ASSERT_TRUE(loaded.ok()) << loaded.status().toString();
  const std::vector<InputChannelStateHandle>& restored = loaded->metadata.operators[0].subtasks[0].input_channel_state;
  ASSERT_EQ(restored.size(), 2u);
  for (size_t c = 0; c < 2; ++c) {
    EXPECT_EQ(restored[c].input, channels_[c].input);
    EXPECT_EQ(restored[c].channel, channels_[c].channel);
    EXPECT_EQ(restored[c].data, channels_[c].data);
    ASSERT_TRUE(restored[c].file.has_value());
    EXPECT_EQ(restored[c].file->path.toString(), "file://" + files[0]);
  }
  EXPECT_EQ(restored[1].offset, 3000);
  EXPECT_EQ(restored[1].size, 1000);
}

// A damaged channel state file is found by its checksum when the checkpoint is loaded, and
// the store falls back to the checkpoint before.
TEST_F(ChannelStateFileTest, GarbledFileIsCorruptionAndThePreviousCheckpointIsUsed) {
  CompletedCheckpointStore store(fs_, access_->getCheckpointsDirectory(), 2);
  ASSERT_TRUE(store.addCheckpointAndSubsumeOldestOne(takeCheckpoint(1, channels_, 0)).ok());
  ASSERT_TRUE(store.addCheckpointAndSubsumeOldestOne(takeCheckpoint(2, channels_, 0)).ok());
  const std::string file = stateFiles(2).at(0);
  {
    std::fstream garble(file, std::ios::in | std::ios::out | std::ios::binary);
    garble.seekp(3100);
    garble.put('x');
  }
  Result<CompletedCheckpoint> loaded = loadCompletedCheckpoint(*fs_, access_->getCheckpointsDirectory().child("chk-2"));
  EXPECT_EQ(loaded.status().code(), StatusCode::kCorruption);
  const std::string prefix = "state file 'file://" + file + "' has checksum ";
  EXPECT_EQ(loaded.status().message().substr(0, prefix.size()), prefix) << loaded.status().toString();

  Result<std::optional<CompletedCheckpoint>> latest = store.latestValid();
  ASSERT_TRUE(latest.ok()) << latest.status().toString();
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->location.checkpoint_id, 1);
  EXPECT_EQ((*latest)->metadata.operators[0].subtasks[0].input_channel_state[0].data, channels_[0].data);
}

// No channel state, no file: an unaligned checkpoint without in-flight data costs nothing.
TEST_F(ChannelStateFileTest, NoDataNoFile) {
  takeCheckpoint(1, {}, 0);
  EXPECT_EQ(stateFiles(1), std::vector<std::string>{});
}

}  // namespace
}  // namespace eddy::checkpoint
