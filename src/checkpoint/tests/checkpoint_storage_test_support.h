#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include "common/tests/temp_dir.h"
#include "eddy/checkpoint/fs_checkpoint_storage_access.h"

namespace eddy::checkpoint::testing {

// The checkpoint storage of job `job_id` in a fresh temporary directory (ck/ inside it) on
// the local file system: a base for tests that take checkpoints through the storage API.
class CheckpointStorageTest : public ::testing::Test {
 protected:
  CheckpointStorageTest(const std::string& dir_prefix, std::string job_id)
      : dir_(dir_prefix), job_id_(std::move(job_id)) {}

  void SetUp() override {
    fs_ = LocalFileSystem::getSharedInstance();
    access_ = std::make_unique<FsCheckpointStorageAccess>(fs_, Path::parse("file://" + dir_.path("ck")).value(),
                                                          std::nullopt, job_id_);
    ASSERT_TRUE(access_->initializeBaseLocations().ok());
  }

  eddy::testing::TempDir dir_;
  std::string job_id_;
  std::shared_ptr<FileSystem> fs_;
  std::unique_ptr<FsCheckpointStorageAccess> access_;
};

}  // namespace eddy::checkpoint::testing
