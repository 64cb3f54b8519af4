#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "checkpoint/tests/fault_injection_file_system.h"
#include "common/tests/temp_dir.h"
#include "eddy/checkpoint/completed_checkpoint_store.h"
#include "eddy/checkpoint/fs_checkpoint_storage_access.h"
#include "eddy/common/logging.h"

namespace eddy::checkpoint {
namespace {

constexpr char kJobId[] = "00112233445566778899aabbccddeeff";

// Takes checkpoints with one state file each through the storage API, and captures the log.
class CompletedCheckpointStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    saved_sinks_ = log::logger().sinks();
    log::setSinks({std::make_shared<spdlog::sinks::ostream_sink_mt>(log_)});
    root_ = Path::parse("file://" + dir_.path("ck")).value();
    useFileSystem(LocalFileSystem::getSharedInstance());
  }
  void TearDown() override { log::setSinks(saved_sinks_); }

  void useFileSystem(std::shared_ptr<FileSystem> fs) {
    fs_ = std::move(fs);
    access_ = std::make_unique<FsCheckpointStorageAccess>(fs_, root_, std::nullopt, kJobId);
    ASSERT_TRUE(access_->initializeBaseLocations().ok());
  }

  CompletedCheckpointStore store(int retained) {
    return CompletedCheckpointStore(fs_, access_->getCheckpointsDirectory(), retained);
  }

  // Checkpoint `id` with one keyed state file holding `state`; the result of finalizing it.
  Result<CompletedCheckpointStorageLocation> takeCheckpoint(int64_t id, const std::string& state) {
    EDDY_ASSIGN_OR_RETURN(CheckpointStorageLocation location, access_->initializeLocationForCheckpoint(id));
    EDDY_ASSIGN_OR_RETURN(std::unique_ptr<CheckpointStateOutputStream> out,
                          location.createCheckpointStateOutputStream(CheckpointedStateScope::kExclusive));
    EDDY_RETURN_IF_ERROR(out->write(state));
    EDDY_ASSIGN_OR_RETURN(StreamStateHandle handle, out->closeAndGetHandle());
    CheckpointMetadata metadata;
    metadata.checkpoint_id = id;
    metadata.timestamp = 1000 + id;
    SubtaskState subtask;
    subtask.keyed_state = {handle};
    metadata.operators = {OperatorState{"counter", 1, 128, {subtask}}};
    return location.finalizeCheckpoint(metadata);
  }

  // takeCheckpoint, then the store's retention.
  void complete(CompletedCheckpointStore& store, int64_t id) {
    Result<CompletedCheckpointStorageLocation> done = takeCheckpoint(id, "state of " + std::to_string(id));
    ASSERT_TRUE(done.ok()) << done.status().toString();
    ASSERT_TRUE(store.addCheckpointAndSubsumeOldestOne(*done).ok());
  }

  std::vector<int64_t> ids(const CompletedCheckpointStore& store) {
    std::vector<int64_t> out;
    Result<std::vector<CompletedCheckpointStorageLocation>> all = store.getAllCheckpoints();
    EXPECT_TRUE(all.ok()) << all.status().toString();
    for (const CompletedCheckpointStorageLocation& c : all.valueOr({})) out.push_back(c.checkpoint_id);
    return out;
  }

  std::string jobDir(const std::string& name) { return dir_.path("ck/" + std::string(kJobId) + "/" + name); }
  Path at(const std::string& name) { return Path::parse("file://" + jobDir(name)).value(); }

  // The state file of checkpoint `id`.
  std::string stateFile(int64_t id) {
    Result<CompletedCheckpoint> checkpoint =
        loadCompletedCheckpoint(*fs_, at("chk-" + std::to_string(id)));
    EXPECT_TRUE(checkpoint.ok()) << checkpoint.status().toString();
    return checkpoint->metadata.operators[0].subtasks[0].keyed_state[0].path.path();
  }

  // Log lines without their timestamp and logger columns.
  std::vector<std::string> logLines() {
    std::vector<std::string> lines;
    std::istringstream in(log_.str());
    for (std::string line; std::getline(in, line);) lines.push_back(line.substr(line.find(" [] - ") + 6));
    log_.str("");
    return lines;
  }

  static void overwriteByte(const std::string& file, size_t offset) {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(offset));
    char c = 0;
    f.get(c);
    f.seekp(static_cast<std::streamoff>(offset));
    f.put(static_cast<char>(c ^ 0x5A));
  }

  testing::TempDir dir_{"eddy_ck_store"};
  Path root_;
  std::shared_ptr<FileSystem> fs_;
  std::unique_ptr<FsCheckpointStorageAccess> access_;
  std::ostringstream log_;
  std::vector<std::shared_ptr<spdlog::sinks::sink>> saved_sinks_;
};

TEST_F(CompletedCheckpointStoreTest, MetadataIsWrittenLastUnderItsFinalName) {
  CompletedCheckpointStore s = store(3);
  EXPECT_EQ(ids(s), std::vector<int64_t>{});
  complete(s, 1);
  Result<std::vector<FileStatus>> files = fs_->listStatus(at("chk-1"));
  ASSERT_TRUE(files.ok());
  // The state file and `_metadata`; the temporary name is gone.
  ASSERT_EQ(files->size(), 2u);
  const bool metadata_first = (*files)[0].path.getName() == "_metadata";
  EXPECT_EQ((*files)[metadata_first ? 0 : 1].path.getName(), "_metadata");
  EXPECT_EQ((*files)[metadata_first ? 1 : 0].path.getName().size(), 36u);
  EXPECT_EQ(ids(s), std::vector<int64_t>{1});
  EXPECT_EQ(s.getAllCheckpoints()->at(0).external_pointer.toString(), "file://" + jobDir("chk-1"));
}

TEST_F(CompletedCheckpointStoreTest, CrashBeforeRenameLeavesNoCompletedCheckpoint) {
  auto faulty = std::make_shared<testing::FaultInjectionFileSystem>(LocalFileSystem::getSharedInstance());
  useFileSystem(faulty);
  CompletedCheckpointStore s = store(2);
  complete(s, 1);

  faulty->failRenamesTo("_metadata");
  Result<CompletedCheckpointStorageLocation> crashed = takeCheckpoint(2, "state of 2");
  EXPECT_EQ(crashed.status(), IOError("injected crash before rename to 'file://" + jobDir("chk-2/_metadata") + "'"));
  EXPECT_EQ(faulty->refusedRenames(),
            std::vector<std::string>{"file://" + jobDir("chk-2/._metadata_temp") + " -> file://" +
                                     jobDir("chk-2/_metadata")});
  // The fully written temporary file is there, and still not taken for a checkpoint.
  EXPECT_TRUE(fs_->exists(at("chk-2/._metadata_temp")).valueOr(false));
  EXPECT_FALSE(fs_->exists(at("chk-2/_metadata")).valueOr(true));
  EXPECT_EQ(ids(s), std::vector<int64_t>{1});
  Result<std::optional<CompletedCheckpoint>> latest = s.latestValid();
  ASSERT_TRUE(latest.ok());
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->location.checkpoint_id, 1);
  EXPECT_EQ(logLines(), std::vector<std::string>{});

  // The next checkpoint that completes removes the leftover.
  faulty->failRenamesTo("");
  complete(s, 3);
  EXPECT_EQ(ids(s), (std::vector<int64_t>{3, 1}));
  EXPECT_FALSE(fs_->exists(at("chk-2")).valueOr(true));
}

TEST_F(CompletedCheckpointStoreTest, FinalizingTwiceIsAlreadyExists) {
  CompletedCheckpointStore s = store(1);
  complete(s, 1);
  Result<CheckpointStorageLocation> again = access_->initializeLocationForCheckpoint(1);
  ASSERT_TRUE(again.ok());
  CheckpointMetadata metadata;
  metadata.checkpoint_id = 1;
  EXPECT_EQ(again->finalizeCheckpoint(metadata).status(),
            AlreadyExists("checkpoint metadata file 'file://" + jobDir("chk-1/_metadata") + "' already exists"));
}

TEST_F(CompletedCheckpointStoreTest, RetainsTheNewestN) {
  CompletedCheckpointStore one = store(1);
  complete(one, 1);
  complete(one, 2);
  EXPECT_EQ(ids(one), std::vector<int64_t>{2});
  EXPECT_FALSE(fs_->exists(at("chk-1")).valueOr(true));

  CompletedCheckpointStore three = store(3);
  for (int64_t id = 3; id <= 7; ++id) complete(three, id);
  EXPECT_EQ(ids(three), (std::vector<int64_t>{7, 6, 5}));
  // chk-10 sorts before chk-9 by name; retention goes by id.
  for (int64_t id = 8; id <= 11; ++id) complete(three, id);
  EXPECT_EQ(ids(three), (std::vector<int64_t>{11, 10, 9}));
  EXPECT_EQ(logLines()[0], "Deleting checkpoint 1 of " + std::string(kJobId) + " at file://" + jobDir("chk-1") + ".");
  // shared/ and taskowned/ are not checkpoints.
  EXPECT_TRUE(fs_->exists(access_->getSharedStateDirectory()).valueOr(false));
  EXPECT_TRUE(fs_->exists(access_->getTaskOwnedStateDirectory()).valueOr(false));
}

TEST_F(CompletedCheckpointStoreTest, GarbledStateFileIsCorruptionNamingIt) {
  CompletedCheckpointStore s = store(2);
  complete(s, 1);
  const std::string file = stateFile(1);
  overwriteByte(file, 3);
  Result<CompletedCheckpoint> loaded = loadCompletedCheckpoint(*fs_, at("chk-1"));
  EXPECT_EQ(loaded.status().code(), StatusCode::kCorruption);
  const std::string prefix = "state file 'file://" + file + "' has checksum ";
  EXPECT_EQ(loaded.status().message().substr(0, prefix.size()), prefix) << loaded.status().toString();
}

TEST_F(CompletedCheckpointStoreTest, TruncatedStateFileIsCorruptionNamingIt) {
  CompletedCheckpointStore s = store(2);
  complete(s, 1);
  const std::string file = stateFile(1);
  std::filesystem::resize_file(file, 4);
  EXPECT_EQ(loadCompletedCheckpoint(*fs_, at("chk-1")).status(),
            Corruption("state file 'file://" + file + "' has 4 bytes, expected 10"));
}

TEST_F(CompletedCheckpointStoreTest, TruncatedMetadataIsCorruption) {
  CompletedCheckpointStore s = store(2);
  complete(s, 1);
  std::filesystem::resize_file(jobDir("chk-1/_metadata"), 12);
  EXPECT_EQ(loadCompletedCheckpoint(*fs_, at("chk-1/_metadata")).status(),
            Corruption("checkpoint metadata file 'file://" + jobDir("chk-1/_metadata") + "' is truncated: 12 bytes"));
}

TEST_F(CompletedCheckpointStoreTest, LatestValidFallsBackToThePreviousCheckpointAndSaysSo) {
  CompletedCheckpointStore s = store(3);
  complete(s, 1);
  complete(s, 2);
  complete(s, 3);
  logLines();
  overwriteByte(stateFile(3), 0);
  std::filesystem::resize_file(jobDir("chk-2/_metadata"), 30);

  Result<std::optional<CompletedCheckpoint>> latest = s.latestValid();
  ASSERT_TRUE(latest.ok()) << latest.status().toString();
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->location.checkpoint_id, 1);
  EXPECT_EQ((*latest)->metadata.timestamp, 1001);
  EXPECT_EQ(readStateHandle(*fs_, (*latest)->metadata.operators[0].subtasks[0].keyed_state[0]).valueOr(""),
            "state of 1");

  const std::vector<std::string> lines = logLines();
  ASSERT_EQ(lines.size(), 2u);
  const std::string chk3 = "Checkpoint 3 at file://" + jobDir("chk-3") + " cannot be restored (Corruption: state file";
  EXPECT_EQ(lines[0].substr(0, chk3.size()), chk3) << lines[0];
  EXPECT_TRUE(lines[0].ends_with("); falling back to checkpoint 2.")) << lines[0];
  EXPECT_EQ(lines[1], "Checkpoint 2 at file://" + jobDir("chk-2") +
                          " cannot be restored (Corruption: checkpoint metadata file 'file://" +
                          jobDir("chk-2/_metadata") + "' is truncated: 30 bytes, expected " +
                          std::to_string(fs_->getFileStatus(at("chk-1/_metadata"))->length) +
                          "); falling back to checkpoint 1.");
}

TEST_F(CompletedCheckpointStoreTest, AllDamagedIsCorruption) {
  CompletedCheckpointStore s = store(1);
  complete(s, 1);
  std::filesystem::resize_file(jobDir("chk-1/_metadata"), 0);
  EXPECT_EQ(s.latestValid().status(),
            Corruption("none of the 1 retained checkpoints in 'file://" + dir_.path("ck/") + kJobId +
                       "' can be restored; the newest: checkpoint metadata file 'file://" + jobDir("chk-1/_metadata") +
                       "' is truncated: 0 bytes"));
}

TEST_F(CompletedCheckpointStoreTest, NoCheckpointYet) {
  Result<std::optional<CompletedCheckpoint>> latest = store(1).latestValid();
  ASSERT_TRUE(latest.ok());
  EXPECT_FALSE(latest->has_value());
  CompletedCheckpointStore missing(fs_, root_.child("no-such-job"), 1);
  EXPECT_EQ(missing.getAllCheckpoints()->size(), 0u);
}

}  // namespace
}  // namespace eddy::checkpoint
