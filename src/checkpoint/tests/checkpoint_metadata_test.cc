#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

#include "eddy/checkpoint/checkpoint_metadata.h"
#include "eddy/common/checksum.h"

namespace eddy::checkpoint {
namespace {

Path mustParse(std::string_view uri) { return Path::parse(uri).value(); }

const Path kDir = mustParse("file:///ck/job/chk-3");
const Path kMetadataFile = mustParse("file:///ck/job/chk-3/_metadata");

CheckpointMetadata sample() {
  CheckpointMetadata metadata;
  metadata.checkpoint_id = 3;
  metadata.timestamp = 1700000000123;
  metadata.is_savepoint = false;
  OperatorState window;
  window.uid = "window-agg";
  window.parallelism = 2;
  window.max_parallelism = 128;
  SubtaskState first;
  first.subtask = 0;
  first.keyed_state = {{kDir.child("0f1e"), 120, 0xDEADBEEF},
                       {mustParse("file:///ck/job/shared/abcd"), 4096, 0x01020304}};
  first.operator_state = {{kDir.child("op-0"), 7, 0x7FFFFFFF}};
  SubtaskState second;
  second.subtask = 1;
  window.subtasks = {first, second};
  OperatorState source;
  source.uid = "source";
  source.parallelism = 1;
  source.max_parallelism = 128;
  SubtaskState reader;
  reader.inline_operator_state = std::string("offset\0=42", 10);
  source.subtasks = {reader};
  metadata.operators = {window, source};
  return metadata;
}

TEST(CheckpointMetadataTest, RoundTrip) {
  const CheckpointMetadata metadata = sample();
  const std::string bytes = CheckpointMetadataFormat::store(metadata, kDir);
  Result<CheckpointMetadata> loaded = CheckpointMetadataFormat::load(bytes, kMetadataFile);
  ASSERT_TRUE(loaded.ok()) << loaded.status().toString();
  EXPECT_EQ(*loaded, metadata);
}

TEST(CheckpointMetadataTest, HeaderAndEmptyMetadataBytes) {
  CheckpointMetadata metadata;
  metadata.checkpoint_id = 1;
  metadata.timestamp = 2;
  metadata.is_savepoint = true;
  const std::string bytes = CheckpointMetadataFormat::store(metadata, kDir);
  const std::string without_crc(
      "\x45\x44\x44\x59"                  // magic "EDDY"
      "\x00\x00\x00\x05"                  // version 5
      "\x00\x00\x00\x00\x00\x00\x00\x15"  // body of 21 bytes
      "\x00\x00\x00\x00\x00\x00\x00\x01"  // checkpoint id
      "\x00\x00\x00\x00\x00\x00\x00\x02"  // timestamp
      "\x01"                              // savepoint
      "\x00\x00\x00\x00",                 // no operators
      37);
  ASSERT_EQ(bytes.size(), without_crc.size() + 4);
  EXPECT_EQ(bytes.substr(0, without_crc.size()), without_crc);
  const uint32_t crc = crc32c::value(without_crc);
  const std::string crc_bytes{static_cast<char>(crc >> 24), static_cast<char>(crc >> 16), static_cast<char>(crc >> 8),
                              static_cast<char>(crc)};
  EXPECT_EQ(bytes.substr(without_crc.size()), crc_bytes);
}

TEST(CheckpointMetadataTest, StateInsideTheDirectoryIsStoredRelative) {
  const std::string bytes = CheckpointMetadataFormat::store(sample(), kDir);
  EXPECT_EQ(bytes.find("file:///ck/job/chk-3/0f1e"), std::string::npos);
  EXPECT_NE(bytes.find("0f1e"), std::string::npos);
  EXPECT_NE(bytes.find("file:///ck/job/shared/abcd"), std::string::npos);

  // A savepoint moved elsewhere finds its files in its new directory.
  Result<CheckpointMetadata> moved = CheckpointMetadataFormat::load(bytes, mustParse("/moved/sp/_metadata"));
  ASSERT_TRUE(moved.ok()) << moved.status().toString();
  EXPECT_EQ(moved->operators[0].subtasks[0].keyed_state[0].path.toString(), "/moved/sp/0f1e");
  EXPECT_EQ(moved->operators[0].subtasks[0].keyed_state[1].path.toString(), "file:///ck/job/shared/abcd");
  EXPECT_EQ(moved->operators[0].subtasks[0].operator_state[0].path.toString(), "/moved/sp/op-0");
}

TEST(CheckpointMetadataTest, EveryTruncationIsCorruption) {
  const std::string bytes = CheckpointMetadataFormat::store(sample(), kDir);
  EXPECT_EQ(CheckpointMetadataFormat::load(bytes.substr(0, 10), kMetadataFile).status(),
            Corruption("checkpoint metadata file 'file:///ck/job/chk-3/_metadata' is truncated: 10 bytes"));
  EXPECT_EQ(CheckpointMetadataFormat::load(bytes.substr(0, bytes.size() - 1), kMetadataFile).status(),
            Corruption("checkpoint metadata file 'file:///ck/job/chk-3/_metadata' is truncated: " +
                       std::to_string(bytes.size() - 1) + " bytes, expected " + std::to_string(bytes.size())));
  for (size_t n = 0; n < bytes.size(); ++n) {
    Status status = CheckpointMetadataFormat::load(bytes.substr(0, n), kMetadataFile).status();
    EXPECT_EQ(status.code(), StatusCode::kCorruption) << n;
    EXPECT_NE(status.message().find("'file:///ck/job/chk-3/_metadata'"), std::string::npos) << status.toString();
  }
}

TEST(CheckpointMetadataTest, EveryGarbledByteIsCorruption) {
  const std::string bytes = CheckpointMetadataFormat::store(sample(), kDir);
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string garbled = bytes;
    garbled[i] = static_cast<char>(garbled[i] ^ 0x20);
    Status status = CheckpointMetadataFormat::load(garbled, kMetadataFile).status();
    EXPECT_EQ(status.code(), StatusCode::kCorruption) << i << " " << status.toString();
  }
  std::string garbled = bytes;
  garbled[40] ^= 0x01;
  const uint32_t actual = crc32c::value(std::string_view(garbled).substr(0, garbled.size() - 4));
  const uint32_t expected = crc32c::value(std::string_view(bytes).substr(0, bytes.size() - 4));
  EXPECT_EQ(CheckpointMetadataFormat::load(garbled, kMetadataFile).status(),
            Corruption(fmt::format("checkpoint metadata file 'file:///ck/job/chk-3/_metadata' has checksum {:08x}, "
                                   "expected {:08x}",
                                   actual, expected)));
  garbled = bytes;
  garbled[0] = 'X';
  EXPECT_EQ(CheckpointMetadataFormat::load(garbled, kMetadataFile).status(),
            Corruption("'file:///ck/job/chk-3/_metadata' is not a checkpoint metadata file: magic number 58444459, "
                       "expected 45444459"));
}

// Rewrites the CRC of `bytes` after a deliberate change, as a crafted file would have it.
void fixChecksum(std::string& bytes) {
  const uint32_t crc = crc32c::value(std::string_view(bytes).substr(0, bytes.size() - 4));
  for (int i = 0; i < 4; ++i) bytes[bytes.size() - 4 + i] = static_cast<char>(crc >> (24 - 8 * i));
}

TEST(CheckpointMetadataTest, RelativePathLeavingTheDirectoryIsCorruption) {
  CheckpointMetadata metadata;
  SubtaskState subtask;
  subtask.keyed_state = {{kDir.child("ab"), 1, 2}};
  metadata.operators = {OperatorState{"op", 1, 128, {subtask}}};
  std::string bytes = CheckpointMetadataFormat::store(metadata, kDir);
  const size_t at = bytes.find("ab");
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at, 2, "..");
  fixChecksum(bytes);
  EXPECT_EQ(CheckpointMetadataFormat::load(bytes, kMetadataFile).status(),
            Corruption("checkpoint metadata file 'file:///ck/job/chk-3/_metadata': bad relative path '..'"));
}

TEST(CheckpointMetadataTest, NewerVersionIsNotSupported) {
  std::string bytes = CheckpointMetadataFormat::store(CheckpointMetadata{}, kDir);
  bytes[7] = 6;
  fixChecksum(bytes);
  EXPECT_EQ(CheckpointMetadataFormat::load(bytes, kMetadataFile).status(),
            NotSupported("checkpoint metadata file 'file:///ck/job/chk-3/_metadata' has version 6; this Eddy reads "
                         "versions 1 to 5"));
}

TEST(CheckpointMetadataTest, IncrementalHandlesRoundTrip) {
  CheckpointMetadata metadata = sample();
  state::IncrementalRemoteKeyedStateHandle handle;
  handle.checkpoint_id = 3;
  handle.backend_identifier = "0a1b2c3d";
  handle.key_group_range = state::KeyGroupRange{0, 63};
  handle.max_parallelism = 128;
  handle.states = {{"sum", state::StateType::kValue}};
  handle.shared_state = {{"000009.sst", mustParse("file:///ck/job/shared/0a1b2c3d-000009.sst"), 2048, 0x11223344}};
  handle.private_state = {{"MANIFEST-000005", kDir.child("0a1b2c3d-MANIFEST-000005"), 120, 0x55667788}};
  handle.checkpointed_size = 2168;
  metadata.operators[0].subtasks[0].incremental_keyed_state = {handle};
  const std::string bytes = CheckpointMetadataFormat::store(metadata, kDir);
  Result<CheckpointMetadata> loaded = CheckpointMetadataFormat::load(bytes, kMetadataFile);
  ASSERT_TRUE(loaded.ok()) << loaded.status().toString();
  EXPECT_EQ(*loaded, metadata);
  EXPECT_EQ(loaded->operators[0].subtasks[0].incremental_keyed_state[0].stateSize(), 2168);
}

TEST(CheckpointMetadataTest, Version1FilesAreStillRead) {
  const CheckpointMetadata metadata = sample();
  const std::string bytes = CheckpointMetadataFormat::store(metadata, kDir, 1);
  EXPECT_EQ(bytes.substr(4, 4), std::string("\x00\x00\x00\x01", 4));
  EXPECT_LT(bytes.size(), CheckpointMetadataFormat::store(metadata, kDir).size());
  Result<CheckpointMetadata> loaded = CheckpointMetadataFormat::load(bytes, kMetadataFile);
  ASSERT_TRUE(loaded.ok()) << loaded.status().toString();
  EXPECT_EQ(*loaded, metadata);
}

TEST(CheckpointMetadataTest, ManagedOperatorStateRoundTrips) {
  CheckpointMetadata metadata = sample();
  using state::OperatorStateDistributionMode;
  metadata.operators[0].subtasks[1].managed_operator_state = {
      {"buffer", OperatorStateDistributionMode::SPLIT_DISTRIBUTE, {"a", std::string("b\0c", 3)}},
      {"offsets", OperatorStateDistributionMode::UNION, {}},
      {"rules", OperatorStateDistributionMode::BROADCAST, {"rule-1"}}};
  const std::string bytes = CheckpointMetadataFormat::store(metadata, kDir);
  Result<CheckpointMetadata> loaded = CheckpointMetadataFormat::load(bytes, kMetadataFile);
  ASSERT_TRUE(loaded.ok()) << loaded.status().toString();
  EXPECT_EQ(*loaded, metadata);
}

TEST(CheckpointMetadataTest, Version2FilesAreStillRead) {
  const CheckpointMetadata metadata = sample();
  const std::string bytes = CheckpointMetadataFormat::store(metadata, kDir, 2);
  EXPECT_EQ(bytes.substr(4, 4), std::string("\x00\x00\x00\x02", 4));
  // Versions 3 and 4 add a count of managed operator states and one of input channel
  // states to each of the three subtasks.
  EXPECT_EQ(bytes.size() + 3 * 4 + 3 * 4, CheckpointMetadataFormat::store(metadata, kDir).size());
  Result<CheckpointMetadata> loaded = CheckpointMetadataFormat::load(bytes, kMetadataFile);
  ASSERT_TRUE(loaded.ok()) << loaded.status().toString();
  EXPECT_EQ(*loaded, metadata);
}

TEST(CheckpointMetadataTest, InputChannelStateRoundTrips) {
  CheckpointMetadata metadata = sample();
  metadata.operators[0].subtasks[1].input_channel_state = {{0, 0, std::string("\x00\x01a", 3)}, {1, 3, "bc"}};
  const std::string bytes = CheckpointMetadataFormat::store(metadata, kDir);
  Result<CheckpointMetadata> loaded = CheckpointMetadataFormat::load(bytes, kMetadataFile);
  ASSERT_TRUE(loaded.ok()) << loaded.status().toString();
  EXPECT_EQ(*loaded, metadata);
}

// Version 5 adds a kind byte to each channel: inline data, or a range of a state file,
// stored relative to the checkpoint's directory when it is inside it.
TEST(CheckpointMetadataTest, InputChannelStateInAFileRoundTrips) {
  CheckpointMetadata metadata = sample();
  const StreamStateHandle file{kDir.child("c4a1"), 9, 0x0BADF00D};
  metadata.operators[0].subtasks[1].input_channel_state = {{0, 0, "", file, 0, 4}, {1, 3, "", file, 4, 5}};
  const std::string bytes = CheckpointMetadataFormat::store(metadata, kDir);
  EXPECT_EQ(bytes.find("file:///ck/job/chk-3/c4a1"), std::string::npos);
  Result<CheckpointMetadata> loaded = CheckpointMetadataFormat::load(bytes, kMetadataFile);
  ASSERT_TRUE(loaded.ok()) << loaded.status().toString();
  EXPECT_EQ(*loaded, metadata);

  // A range beyond the file's recorded size is corruption, not a read past its end.
  metadata.operators[0].subtasks[1].input_channel_state[1].size = 6;
  EXPECT_EQ(CheckpointMetadataFormat::load(CheckpointMetadataFormat::store(metadata, kDir), kMetadataFile).status(),
            Corruption("checkpoint metadata file 'file:///ck/job/chk-3/_metadata': channel state range [4, +6) is "
                       "outside the 9 bytes of 'file:///ck/job/chk-3/c4a1'"));
}

TEST(CheckpointMetadataTest, Version4FilesAreStillRead) {
  CheckpointMetadata metadata = sample();
  metadata.operators[0].subtasks[1].input_channel_state = {{0, 0, std::string("\x00\x01a", 3)}, {1, 3, "bc"}};
  const std::string bytes = CheckpointMetadataFormat::store(metadata, kDir, 4);
  EXPECT_EQ(bytes.substr(4, 4), std::string("\x00\x00\x00\x04", 4));
  // Version 5 adds a kind byte to each of the two channels.
  EXPECT_EQ(bytes.size() + 2, CheckpointMetadataFormat::store(metadata, kDir).size());
  Result<CheckpointMetadata> loaded = CheckpointMetadataFormat::load(bytes, kMetadataFile);
  ASSERT_TRUE(loaded.ok()) << loaded.status().toString();
  EXPECT_EQ(*loaded, metadata);
}

TEST(CheckpointMetadataTest, Version3FilesAreStillRead) {
  const CheckpointMetadata metadata = sample();
  const std::string bytes = CheckpointMetadataFormat::store(metadata, kDir, 3);
  EXPECT_EQ(bytes.substr(4, 4), std::string("\x00\x00\x00\x03", 4));
  // Version 4 adds a count of input channel states to each of the three subtasks.
  EXPECT_EQ(bytes.size() + 3 * 4, CheckpointMetadataFormat::store(metadata, kDir).size());
  Result<CheckpointMetadata> loaded = CheckpointMetadataFormat::load(bytes, kMetadataFile);
  ASSERT_TRUE(loaded.ok()) << loaded.status().toString();
  EXPECT_EQ(*loaded, metadata);
}

}  // namespace
}  // namespace eddy::checkpoint
