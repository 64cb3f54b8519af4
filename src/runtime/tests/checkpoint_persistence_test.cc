#include "runtime/checkpoint_persistence.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/tests/temp_dir.h"

namespace eddy::runtime {
namespace {

constexpr char kJobId[] = "fedcba9876543210fedcba9876543210";

// A completed unaligned checkpoint of one subtask with in-flight data on two channels.
CompletedCheckpoint unalignedCheckpoint() {
  CompletedCheckpoint checkpoint;
  checkpoint.checkpoint_id = 1;
  checkpoint.timestamp = 1700000000000;
  OperatorState& sums = checkpoint.operators["sums"];
  sums.parallelism = 1;
  sums.max_parallelism = 128;
  sums.subtasks[0].input_channel_state = {{0, 0, std::string(40, 'a')}, {0, 1, std::string(24, 'b')}};
  return checkpoint;
}

// The files in the checkpoint's directory but `_metadata`.
size_t stateFilesIn(const std::string& chk) {
  size_t n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(chk)) n += entry.path().filename() != "_metadata";
  return n;
}

// The channel state is written inline or into a file of the checkpoint by the threshold, and
// the checkpoint loaded for a restore holds the bytes either way.
TEST(CheckpointPersistenceTest, ChannelStateRestoresFromTheMetadataOrItsOwnFile) {
  for (const int64_t threshold : {64, 63}) {
    eddy::testing::TempDir dir("eddy_persistence");
    auto persistence = CheckpointPersistence::create(dir.path(), 1, kJobId, threshold);
    ASSERT_TRUE(persistence.ok()) << persistence.status().toString();
    const CompletedCheckpoint checkpoint = unalignedCheckpoint();
    auto stored = (*persistence)->persist(checkpoint);
    ASSERT_TRUE(stored.ok()) << stored.status().toString();
    const std::string chk = dir.path(std::string(kJobId) + "/chk-1");
    EXPECT_EQ(stateFilesIn(chk), threshold == 64 ? 0u : 1u) << threshold;

    auto loaded = loadCheckpoint(chk);
    ASSERT_TRUE(loaded.ok()) << loaded.status().toString();
    EXPECT_EQ((*loaded)->operators.at("sums").subtasks.at(0).input_channel_state,
              checkpoint.operators.at("sums").subtasks.at(0).input_channel_state)
        << threshold;
  }
}

}  // namespace
}  // namespace eddy::runtime
