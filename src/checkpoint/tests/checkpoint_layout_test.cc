#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "common/tests/temp_dir.h"
#include "eddy/checkpoint/checkpoint_storage_options.h"
#include "eddy/checkpoint/fs_checkpoint_storage_access.h"
#include "eddy/common/configuration.h"

namespace eddy::checkpoint {
namespace {

constexpr char kJobId[] = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

class CheckpointLayoutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    options_.checkpoints_dir = "file://" + dir_.path("checkpoints");
    options_.savepoints_dir = dir_.path("savepoints");
    Result<std::unique_ptr<FsCheckpointStorageAccess>> access = FsCheckpointStorageAccess::create(options_, kJobId);
    ASSERT_TRUE(access.ok()) << access.status().toString();
    access_ = std::move(access).value();
  }

  std::string local(const std::string& name) { return "file://" + dir_.path(name); }

  testing::TempDir dir_{"eddy_ck_layout"};
  CheckpointStorageOptions options_;
  std::unique_ptr<FsCheckpointStorageAccess> access_;
};

TEST_F(CheckpointLayoutTest, JobDirectoriesAsFlink) {
  const std::string job = local("checkpoints/a1b2c3d4e5f60718293a4b5c6d7e8f90");
  EXPECT_EQ(access_->getCheckpointsDirectory().toString(), job);
  EXPECT_EQ(access_->getSharedStateDirectory().toString(), job + "/shared");
  EXPECT_EQ(access_->getTaskOwnedStateDirectory().toString(), job + "/taskowned");
  ASSERT_TRUE(access_->initializeBaseLocations().ok());
  EXPECT_TRUE(access_->fileSystem()->exists(access_->getSharedStateDirectory()).valueOr(false));
  EXPECT_TRUE(access_->fileSystem()->exists(access_->getTaskOwnedStateDirectory()).valueOr(false));
}

TEST_F(CheckpointLayoutTest, CheckpointLocationAndStateFiles) {
  ASSERT_TRUE(access_->initializeBaseLocations().ok());
  Result<CheckpointStorageLocation> location = access_->initializeLocationForCheckpoint(17);
  ASSERT_TRUE(location.ok()) << location.status().toString();
  const std::string job = local("checkpoints/a1b2c3d4e5f60718293a4b5c6d7e8f90");
  EXPECT_EQ(location->getCheckpointDirectory().toString(), job + "/chk-17");
  EXPECT_EQ(location->checkpointId(), 17);
  EXPECT_TRUE(access_->fileSystem()->exists(location->getCheckpointDirectory()).valueOr(false));

  const std::string uuid = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
  struct Case {
    Result<std::unique_ptr<CheckpointStateOutputStream>> stream;
    std::string dir;
  };
  Case cases[] = {
      {location->createCheckpointStateOutputStream(CheckpointedStateScope::kExclusive), job + "/chk-17/"},
      {location->createCheckpointStateOutputStream(CheckpointedStateScope::kShared), job + "/shared/"},
      {location->createTaskOwnedStateOutputStream(), job + "/taskowned/"},
  };
  for (Case& c : cases) {
    ASSERT_TRUE(c.stream.ok()) << c.stream.status().toString();
    ASSERT_TRUE((*c.stream)->write("state bytes").ok());
    Result<StreamStateHandle> handle = (*c.stream)->closeAndGetHandle();
    ASSERT_TRUE(handle.ok()) << handle.status().toString();
    const std::string path = handle->path.toString();
    EXPECT_TRUE(std::regex_match(path, std::regex(c.dir + uuid))) << path;
    EXPECT_EQ(handle->size, 11);
    EXPECT_EQ(handle->checksum, 0xE9872C99u);
    EXPECT_EQ(readStateHandle(*access_->fileSystem(), *handle).valueOr(""), "state bytes");
  }
}

TEST_F(CheckpointLayoutTest, AbandonedStateFileIsDeleted) {
  Result<CheckpointStorageLocation> location = access_->initializeLocationForCheckpoint(1);
  ASSERT_TRUE(location.ok());
  Path path;
  {
    Result<std::unique_ptr<CheckpointStateOutputStream>> stream =
        location->createCheckpointStateOutputStream(CheckpointedStateScope::kExclusive);
    ASSERT_TRUE(stream.ok());
    ASSERT_TRUE((*stream)->write("partial").ok());
    path = (*stream)->path();
    EXPECT_TRUE(access_->fileSystem()->exists(path).valueOr(false));
  }
  EXPECT_FALSE(access_->fileSystem()->exists(path).valueOr(true));
}

TEST_F(CheckpointLayoutTest, SavepointDirectoryNamedAsFlink) {
  Result<CheckpointStorageLocation> location = access_->initializeLocationForSavepoint(5, std::nullopt);
  ASSERT_TRUE(location.ok()) << location.status().toString();
  const std::string dir = location->getCheckpointDirectory().toString();
  EXPECT_TRUE(std::regex_match(dir, std::regex(dir_.path("savepoints") + "/savepoint-a1b2c3-[0-9a-f]{12}"))) << dir;
  EXPECT_EQ(location->getSharedStateDirectory(), location->getCheckpointDirectory());
  EXPECT_EQ(location->getTaskOwnedStateDirectory(), location->getCheckpointDirectory());
  EXPECT_TRUE(access_->fileSystem()->exists(location->getCheckpointDirectory()).valueOr(false));

  Result<Path> target = Path::parse(local("elsewhere"));
  ASSERT_TRUE(target.ok());
  Result<CheckpointStorageLocation> explicit_target = access_->initializeLocationForSavepoint(6, *target);
  ASSERT_TRUE(explicit_target.ok());
  EXPECT_TRUE(std::regex_match(explicit_target->getCheckpointDirectory().toString(),
                               std::regex(local("elsewhere") + "/savepoint-a1b2c3-[0-9a-f]{12}")));
  EXPECT_NE(location->getCheckpointDirectory().getName(), explicit_target->getCheckpointDirectory().getName());
}

TEST_F(CheckpointLayoutTest, SavepointWithoutDirectory) {
  CheckpointStorageOptions options;
  options.checkpoints_dir = dir_.path("checkpoints");
  Result<std::unique_ptr<FsCheckpointStorageAccess>> access = FsCheckpointStorageAccess::create(options, kJobId);
  ASSERT_TRUE(access.ok());
  EXPECT_EQ((*access)->initializeLocationForSavepoint(1, std::nullopt).status(),
            InvalidArgument("No savepoint location given and no default location configured."));
}

TEST(CheckpointStorageAccessTest, S3IsNotSupportedYet) {
  CheckpointStorageOptions options;
  options.checkpoints_dir = "s3://bucket/flink-checkpoints";
  EXPECT_EQ(FsCheckpointStorageAccess::create(options, kJobId).status(),
            NotSupported("no file system for scheme 's3'"));
  options.checkpoints_dir = "gopher://host/x";
  EXPECT_EQ(FsCheckpointStorageAccess::create(options, kJobId).status(),
            NotSupported("no file system for scheme 'gopher'"));
  options.checkpoints_dir = "/tmp/ck";
  options.savepoints_dir = "s3://bucket/savepoints";
  EXPECT_EQ(FsCheckpointStorageAccess::create(options, kJobId).status(),
            NotSupported("no file system for scheme 's3'"));
  options.savepoints_dir = "";
  options.checkpoints_dir = "relative/dir";
  EXPECT_EQ(FsCheckpointStorageAccess::create(options, kJobId).status(),
            InvalidArgument("path 'relative/dir' is not absolute"));
}

TEST(CheckpointStorageAccessTest, SavepointsOnAnotherFileSystem) {
  FileSystem::registerFileSystem("other", [](const Path&) -> Result<std::shared_ptr<FileSystem>> {
    return std::shared_ptr<FileSystem>(std::make_shared<LocalFileSystem>());
  });
  CheckpointStorageOptions options;
  options.checkpoints_dir = "/tmp/ck";
  options.savepoints_dir = "other://host/sp";
  EXPECT_EQ(FsCheckpointStorageAccess::create(options, kJobId).status(),
            NotSupported("savepoints dir 'other://host/sp' is on another file system than checkpoints dir '/tmp/ck'"));
  FileSystem::unregisterFileSystem("other");
}

TEST(CheckpointStorageOptionsTest, FromFlinkKeys) {
  Configuration conf;
  conf.setString("state.checkpoints.dir", "file:///ck");
  conf.setString("state.savepoints.dir", "file:///sp");
  conf.setString("state.checkpoints.num-retained", "3");
  Result<CheckpointStorageOptions> options = CheckpointStorageOptions::fromConfiguration(conf);
  ASSERT_TRUE(options.ok()) << options.status().toString();
  EXPECT_EQ(options->checkpoints_dir, "file:///ck");
  EXPECT_EQ(options->savepoints_dir, "file:///sp");
  EXPECT_EQ(options->num_retained, 3);

  conf.setString("execution.checkpointing.num-retained", "0");
  EXPECT_EQ(CheckpointStorageOptions::fromConfiguration(conf)->num_retained, 1);

  Configuration defaults;
  defaults.setString("state.checkpoints.dir", "/ck");
  Result<CheckpointStorageOptions> with_defaults = CheckpointStorageOptions::fromConfiguration(defaults);
  ASSERT_TRUE(with_defaults.ok());
  EXPECT_EQ(with_defaults->num_retained, 1);
  EXPECT_EQ(with_defaults->savepoints_dir, "");
  EXPECT_EQ(with_defaults->memory_threshold, 20 * 1024);

  EXPECT_EQ(CheckpointStorageOptions::fromConfiguration(Configuration()).status(),
            InvalidArgument("no checkpoint directory: set 'state.checkpoints.dir'"));
}

// state.storage.fs.memory-threshold (and Flink's older key), at most 1 mb as in Flink.
TEST(CheckpointStorageOptionsTest, MemoryThreshold) {
  Configuration conf;
  conf.setString("state.checkpoints.dir", "/ck");
  conf.setString("state.storage.fs.memory-threshold", "1 kb");
  EXPECT_EQ(CheckpointStorageOptions::fromConfiguration(conf)->memory_threshold, 1024);
  conf.setString("state.storage.fs.memory-threshold", "1 mb");
  EXPECT_EQ(CheckpointStorageOptions::fromConfiguration(conf)->memory_threshold, 1 << 20);
  conf.setString("state.storage.fs.memory-threshold", "2 mb");
  EXPECT_EQ(CheckpointStorageOptions::fromConfiguration(conf)->memory_threshold, 20 * 1024);

  Configuration deprecated;
  deprecated.setString("state.checkpoints.dir", "/ck");
  deprecated.setString("state.backend.fs.memory-threshold", "0");
  EXPECT_EQ(CheckpointStorageOptions::fromConfiguration(deprecated)->memory_threshold, 0);
}

}  // namespace
}  // namespace eddy::checkpoint
