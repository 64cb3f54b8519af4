#include "runtime/async_checkpoint_runnable.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "common/tests/temp_dir.h"
#include "eddy/state/namespaces.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "state/tests/rocksdb_backend_test_support.h"

namespace eddy::runtime {
namespace {

using state::testing::makeBackend;
using state::testing::RocksDBKind;

// A chain of two operators on RocksDB with incremental checkpoints, writing into the
// checkpoint storage of one temporary directory.
class AsyncCheckpointRunnableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs_ = FileSystem::get(Path::parse(dir_.path()).value()).value();
    for (auto* backend : {&first_, &second_}) {
      *backend = makeBackend<int>(RocksDBKind::config(), {0, 127});
      auto* count = (*backend)->getPartitionedState<state::VoidNamespace>(state::ValueStateDescriptor<int64_t>("n"));
      for (int key = 0; key < 100; ++key) {
        (*backend)->setCurrentKey(key);
        bool created;
        count->getOrCreate(created) = key;
      }
    }
    ASSERT_TRUE(fs_->mkdirs(shared_).ok());
    ASSERT_TRUE(fs_->mkdirs(exclusive_).ok());
  }

  // The operator `name` whose keyed state uploads into shared/ and `exclusive_dir`.
  AsyncCheckpointRunnable::OperatorSnapshot snapshotOf(const std::string& name, state::KeyedStateBackendT<int>& backend,
                                                       const Path& exclusive_dir) {
    AsyncCheckpointRunnable::OperatorSnapshot op{name, name, {}, nullptr, nullptr};
    auto resources = backend.syncPrepareIncrementalResources(1, *fs_, shared_, exclusive_dir);
    EXPECT_TRUE(resources.ok()) << resources.status().toString();
    op.incremental_keyed = std::move(resources).value();
    return op;
  }

  size_t filesIn(const Path& dir) const {
    size_t n = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) n += entry.is_regular_file();
    return n;
  }

  eddy::testing::TempDir dir_{"eddy_async_runnable"};
  std::shared_ptr<FileSystem> fs_;
  Path shared_ = Path::parse(dir_.path("shared")).value();
  Path exclusive_ = Path::parse(dir_.path("chk-1")).value();
  std::shared_ptr<state::KeyedStateBackendT<int>> first_;
  std::shared_ptr<state::KeyedStateBackendT<int>> second_;
};

TEST_F(AsyncCheckpointRunnableTest, UploadsEveryOperatorOfTheChain) {
  std::vector<AsyncCheckpointRunnable::OperatorSnapshot> ops;
  ops.push_back(snapshotOf("first", *first_, exclusive_));
  ops.push_back(snapshotOf("second", *second_, exclusive_));
  AsyncCheckpointRunnable runnable(1, std::move(ops), fs_.get());
  auto states = runnable.run();
  ASSERT_TRUE(states.ok()) << states.status().toString();
  ASSERT_EQ(states->size(), 2u);
  EXPECT_EQ((*states)[0].first, "first");
  EXPECT_EQ((*states)[1].first, "second");
  size_t shared = 0, exclusive = 0;
  for (const auto& [uid, state] : *states) {
    ASSERT_EQ(state.incremental_keyed.size(), 1u) << uid;
    shared += state.incremental_keyed[0].shared_state.size();
    exclusive += state.incremental_keyed[0].private_state.size();
  }
  EXPECT_GT(shared, 0u);
  EXPECT_EQ(filesIn(shared_), shared);
  EXPECT_EQ(filesIn(exclusive_), exclusive);
}

// The second operator's upload fails: the first operator's files of the checkpoint, which no
// acknowledgement will carry, are deleted too.
TEST_F(AsyncCheckpointRunnableTest, AFailedUploadDeletesWhatTheOtherOperatorsUploaded) {
  std::ofstream(dir_.path("blocked")) << "not a directory";
  const Path blocked = Path::parse(dir_.path("blocked/chk-1")).value();
  std::vector<AsyncCheckpointRunnable::OperatorSnapshot> ops;
  ops.push_back(snapshotOf("first", *first_, exclusive_));
  ops.push_back(snapshotOf("second", *second_, blocked));
  AsyncCheckpointRunnable runnable(1, std::move(ops), fs_.get());
  auto states = runnable.run();
  ASSERT_FALSE(states.ok());
  EXPECT_EQ(states.status().message(),
            "operator 'second': cannot create directory '" + blocked.toString() + "': Not a directory");
  EXPECT_EQ(filesIn(shared_), 0u);
  EXPECT_EQ(filesIn(exclusive_), 0u);
}

}  // namespace
}  // namespace eddy::runtime
