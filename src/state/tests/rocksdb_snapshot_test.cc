#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "eddy/common/checksum.h"
#include "eddy/common/file_system.h"
#include "eddy/state/namespaces.h"
#include "eddy/state/rocksdb/shared_state_registry.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "eddy/windowing/time_window.h"
#include "state/tests/rocksdb_backend_test_support.h"

namespace eddy::state {
namespace {

using testing::HeapKind;
using testing::makeBackend;
using testing::normalized;
using testing::RocksDBKind;
using windowing::TimeWindow;

const ValueStateDescriptor<int64_t> kCount("count");
const MapStateDescriptor<std::string, int> kTags("tags");
const ListStateDescriptor<std::string> kSeen("seen");

void fill(KeyedStateBackendT<std::string>& backend, int from, int to) {
  auto* count = backend.getPartitionedState<VoidNamespace>(kCount);
  auto* tags = backend.getPartitionedState<VoidNamespace>(kTags);
  auto* seen = backend.getPartitionedState<TimeWindow>(kSeen);
  for (int i = from; i < to; ++i) {
    std::string key = "key-" + std::to_string(i % 50);
    if (!backend.getKeyGroupRange().contains(backend.keyGroupOf(key))) continue;
    backend.setCurrentKey(key);
    bool created;
    count->getOrCreate(created) += i;
    tags->put("t" + std::to_string(i % 4), i);
    seen->setCurrentNamespace(TimeWindow(i % 3 * 10, i % 3 * 10 + 10));
    seen->add("v" + std::to_string(i));
  }
}

// What a backend holds for the key, through the state API.
std::string describe(KeyedStateBackendT<std::string>& backend, const std::string& key) {
  backend.setCurrentKey(key);
  auto* count = backend.getPartitionedState<VoidNamespace>(kCount);
  auto* tags = backend.getPartitionedState<VoidNamespace>(kTags);
  auto* seen = backend.getPartitionedState<TimeWindow>(kSeen);
  std::string out = key + " count=" + std::to_string(count->value().value_or(-1)) + " tags=";
  for (int t = 0; t < 4; ++t) out += std::to_string(tags->get("t" + std::to_string(t)).value_or(-1)) + ",";
  seen->setCurrentNamespace(TimeWindow(10, 20));
  out += " seen=";
  for (const std::string& s : seen->get()) out += s + ",";
  return out;
}

std::vector<std::string> describeAll(std::vector<KeyedStateBackendT<std::string>*> backends) {
  std::vector<std::string> out;
  for (int i = 0; i < 50; ++i) {
    std::string key = "key-" + std::to_string(i);
    for (auto* backend : backends) {
      if (backend->getKeyGroupRange().contains(backend->keyGroupOf(key))) out.push_back(describe(*backend, key));
    }
  }
  return out;
}

TEST(RocksDBSnapshotTest, FullSnapshotRoundTripsThroughRocksDB) {
  auto original = makeBackend<std::string>(RocksDBKind::config(), {0, 127});
  fill(*original, 0, 300);
  auto snapshot = original->snapshot();
  ASSERT_TRUE(snapshot.ok());
  auto restored = makeBackend<std::string>(RocksDBKind::config(), {0, 127});
  ASSERT_TRUE(restored->restore(*snapshot).ok());
  // A restored state not used yet is still in the next snapshot.
  auto again = restored->snapshot();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(normalized(*again), normalized(*snapshot));
  EXPECT_EQ(describeAll({restored.get()}), describeAll({original.get()}));
  EXPECT_EQ(describe(*restored, "key-13"), "key-13 count=828 tags=-1,213,-1,263, seen=v13,v163,");
}

TEST(RocksDBSnapshotTest, SavepointsMoveBetweenHeapAndRocksDB) {
  for (bool heap_first : {true, false}) {
    auto from = makeBackend<std::string>(heap_first ? HeapKind::config() : RocksDBKind::config(), {0, 127});
    fill(*from, 0, 300);
    auto savepoint = from->snapshot();
    ASSERT_TRUE(savepoint.ok());
    auto to = makeBackend<std::string>(heap_first ? RocksDBKind::config() : HeapKind::config(), {0, 127});
    ASSERT_TRUE(to->restore(*savepoint).ok());
    EXPECT_EQ(describeAll({to.get()}), describeAll({from.get()})) << "heap first: " << heap_first;
    fill(*from, 300, 400);
    fill(*to, 300, 400);
    auto from_after = from->snapshot();
    auto to_after = to->snapshot();
    ASSERT_TRUE(from_after.ok());
    ASSERT_TRUE(to_after.ok());
    EXPECT_EQ(normalized(*to_after), normalized(*from_after)) << "heap first: " << heap_first;
  }
}

TEST(RocksDBSnapshotTest, RescalesByKeyGroups) {
  // 2 → 1: both halves into one RocksDB backend.
  auto left = makeBackend<std::string>(RocksDBKind::config(), {0, 63});
  auto right = makeBackend<std::string>(RocksDBKind::config(), {64, 127});
  fill(*left, 0, 300);
  fill(*right, 0, 300);
  KeyedStateSnapshot both = left->snapshot().value();
  both.merge(right->snapshot().value());
  auto single = makeBackend<std::string>(RocksDBKind::config(), {0, 127});
  ASSERT_TRUE(single->restore(both).ok());
  std::vector<std::string> expected = describeAll({left.get(), right.get()});
  EXPECT_EQ(describeAll({single.get()}), expected);
  EXPECT_EQ(expected.size(), 50u);

  // 1 → 2: each new instance takes its key groups only.
  KeyedStateSnapshot all = single->snapshot().value();
  auto low = makeBackend<std::string>(RocksDBKind::config(), {0, 63});
  auto high = makeBackend<std::string>(RocksDBKind::config(), {64, 127});
  ASSERT_TRUE(low->restore(all).ok());
  ASSERT_TRUE(high->restore(all).ok());
  EXPECT_EQ(describeAll({low.get(), high.get()}), expected);
  EXPECT_EQ(low->numEntries("count") + high->numEntries("count"), 50u);
  EXPECT_EQ(low->numEntries("count"), left->numEntries("count"));
}

class RocksDBIncrementalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = ::testing::TempDir() + "/eddy-incremental-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(root_);
    shared_ = Path::parse(root_ + "/shared").value();
    ASSERT_TRUE(fs_->mkdirs(shared_).ok());
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  Path exclusive(int64_t id) {
    Path dir = Path::parse(root_ + "/chk-" + std::to_string(id)).value();
    EXPECT_TRUE(fs_->mkdirs(dir).ok());
    return dir;
  }
  size_t filesIn(const Path& dir) {
    auto listed = fs_->listStatus(dir);
    return listed.ok() ? listed->size() : 0;
  }
  IncrementalRemoteKeyedStateHandle checkpoint(KeyedStateBackendT<std::string>& backend, int64_t id) {
    auto handle = backend.snapshotIncremental(id, *fs_, shared_, exclusive(id));
    EXPECT_TRUE(handle.ok()) << handle.status().message();
    backend.rocksDBInstance()->notifyCheckpointComplete(id);
    return std::move(handle).value();
  }

  std::shared_ptr<FileSystem> fs_ = LocalFileSystem::getSharedInstance();
  std::string root_;
  Path shared_;
};

TEST_F(RocksDBIncrementalTest, UploadsOnlyNewSstFilesAndRestores) {
  auto backend = makeBackend<std::string>(RocksDBKind::config(), {0, 127});
  fill(*backend, 0, 300);
  IncrementalRemoteKeyedStateHandle first = checkpoint(*backend, 1);
  size_t first_ssts = first.shared_state.size();
  EXPECT_GE(first_ssts, 1u);
  EXPECT_EQ(filesIn(shared_), first_ssts);
  EXPECT_GE(first.private_state.size(), 3u);  // CURRENT, MANIFEST-…, OPTIONS-…

  fill(*backend, 300, 320);
  IncrementalRemoteKeyedStateHandle second = checkpoint(*backend, 2);
  // The first checkpoint's SST files are referenced, not uploaded again: one new file per
  // column family that changed (count, tags, seen).
  size_t reused = 0;
  for (const RocksDBFileHandle& file : second.shared_state) {
    for (const RocksDBFileHandle& old : first.shared_state) reused += file == old ? 1 : 0;
  }
  EXPECT_EQ(reused, first_ssts);
  EXPECT_EQ(second.shared_state.size(), first_ssts + 3);
  EXPECT_EQ(filesIn(shared_), first_ssts + 3);

  // Round trip through bytes, then restore at the same key groups.
  types::DataOutputSerializer out;
  second.writeTo(out);
  types::DataInputDeserializer in(out.data());
  auto read = IncrementalRemoteKeyedStateHandle::readFrom(in);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, second);
  auto restored = makeBackend<std::string>(RocksDBKind::config(), {0, 127});
  ASSERT_TRUE(restored->restoreIncremental({*read}, *fs_, true).ok());
  EXPECT_EQ(describeAll({restored.get()}), describeAll({backend.get()}));
  EXPECT_EQ(normalized(restored->snapshot().value()), normalized(backend->snapshot().value()));

  // The restored backend's next checkpoint reuses the restored SST files.
  fill(*restored, 320, 330);
  IncrementalRemoteKeyedStateHandle third = checkpoint(*restored, 3);
  EXPECT_EQ(third.shared_state.size(), second.shared_state.size() + 3);
  EXPECT_EQ(filesIn(shared_), second.shared_state.size() + 3);
}

TEST_F(RocksDBIncrementalTest, RescalingRestoreReadsKeyGroupsOutOfTheFiles) {
  auto left = makeBackend<std::string>(RocksDBKind::config(), {0, 63});
  auto right = makeBackend<std::string>(RocksDBKind::config(), {64, 127});
  fill(*left, 0, 300);
  fill(*right, 0, 300);
  std::vector<IncrementalRemoteKeyedStateHandle> handles{checkpoint(*left, 1), checkpoint(*right, 1)};
  std::vector<std::string> expected = describeAll({left.get(), right.get()});

  auto single = makeBackend<std::string>(RocksDBKind::config(), {0, 127});
  ASSERT_TRUE(single->restoreIncremental(handles, *fs_, true).ok());
  EXPECT_EQ(describeAll({single.get()}), expected);

  IncrementalRemoteKeyedStateHandle whole = checkpoint(*single, 2);
  auto low = makeBackend<std::string>(RocksDBKind::config(), {0, 63});
  auto high = makeBackend<std::string>(RocksDBKind::config(), {64, 127});
  ASSERT_TRUE(low->restoreIncremental({whole}, *fs_, true).ok());
  ASSERT_TRUE(high->restoreIncremental({whole}, *fs_, true).ok());
  EXPECT_EQ(describeAll({low.get(), high.get()}), expected);
  EXPECT_EQ(low->numEntries("count"), left->numEntries("count"));
}

TEST_F(RocksDBIncrementalTest, DamagedFileIsDetectedOnRestore) {
  auto backend = makeBackend<std::string>(RocksDBKind::config(), {0, 127});
  fill(*backend, 0, 100);
  IncrementalRemoteKeyedStateHandle handle = checkpoint(*backend, 1);
  const RocksDBFileHandle& victim = handle.shared_state.front();
  std::filesystem::resize_file(victim.path.path(), victim.size - 1);
  auto restored = makeBackend<std::string>(RocksDBKind::config(), {0, 127});
  Status status = restored->restoreIncremental({handle}, *fs_, true);
  EXPECT_EQ(status.message(), "state file '" + victim.path.toString() + "' has " + std::to_string(victim.size - 1) +
                                  " bytes, expected " + std::to_string(victim.size));
}

TEST_F(RocksDBIncrementalTest, SharedStateRegistryDeletesFilesNoRetainedCheckpointUses) {
  auto backend = makeBackend<std::string>(RocksDBKind::config(), {0, 127});
  SharedStateRegistry registry(fs_);
  fill(*backend, 0, 300);
  IncrementalRemoteKeyedStateHandle first = checkpoint(*backend, 1);
  registry.registerReferences(first);
  fill(*backend, 300, 320);
  IncrementalRemoteKeyedStateHandle second = checkpoint(*backend, 2);
  registry.registerReferences(second);
  const Path& old_sst = first.shared_state.front().path;
  EXPECT_EQ(registry.referenceCount(old_sst), 2);

  // Retaining only the second checkpoint: every file is still used by it.
  ASSERT_TRUE(registry.unregisterReferences(first).ok());
  EXPECT_EQ(registry.referenceCount(old_sst), 1);
  EXPECT_EQ(filesIn(shared_), second.shared_state.size());
  EXPECT_EQ(filesIn(exclusive(1)), 0u);
  // Dropping the second too leaves nothing.
  ASSERT_TRUE(registry.unregisterReferences(second).ok());
  EXPECT_EQ(registry.referenceCount(old_sst), 0);
  EXPECT_EQ(filesIn(shared_), 0u);
}

TEST_F(RocksDBIncrementalTest, LocalUploadsAreHardLinksWithTheChecksumsRocksDBComputed) {
  auto backend = makeBackend<std::string>(RocksDBKind::config(), {0, 127});
  fill(*backend, 0, 300);
  IncrementalRemoteKeyedStateHandle handle = checkpoint(*backend, 1);
  ASSERT_EQ(handle.shared_state.size(), 3u);  // count, tags, seen
  for (const RocksDBFileHandle& file : handle.shared_state) {
    // The live database's name for the file, and the upload's.
    EXPECT_EQ(std::filesystem::hard_link_count(file.path.path()), 2u) << file.file_name;
    std::string bytes = fs_->readFully(file.path).value();
    EXPECT_EQ(static_cast<int64_t>(bytes.size()), file.size);
    EXPECT_EQ(crc32c::value(bytes), file.checksum) << file.file_name;
  }
  // The RocksDB checkpoint's own files are read for their checksums.
  for (const RocksDBFileHandle& file : handle.private_state) {
    EXPECT_EQ(crc32c::value(fs_->readFully(file.path).value()), file.checksum) << file.file_name;
  }
  EXPECT_FALSE(std::filesystem::exists(backend->rocksDBInstance()->directory() + "/chk-1"));
}

// The synchronous part takes the RocksDB checkpoint; before its upload the task writes on
// and RocksDB compacts away the files the checkpoint holds. The checkpoint still restores
// the state at the barrier. (AsyncCheckpointTest runs the upload beside the task.)
TEST_F(RocksDBIncrementalTest, TheUploadAfterLaterWritesAndCompactionsHoldsTheBarrierState) {
  auto backend = makeBackend<std::string>(RocksDBKind::config(), {0, 127});
  fill(*backend, 0, 300);
  checkpoint(*backend, 1);
  fill(*backend, 300, 320);
  const std::vector<std::string> at_barrier = describeAll({backend.get()});
  auto resources = backend->syncPrepareIncrementalResources(2, *fs_, shared_, exclusive(2));
  ASSERT_TRUE(resources.ok()) << resources.status().message();

  fill(*backend, 320, 400);
  RocksDBStateStore& store = backend->rocksDBInstance()->store();
  for (const char* name : {"count", "tags", "seen"}) {
    ASSERT_TRUE(store.compactRange(store.columnFamily(name).value()).ok());
  }
  const std::vector<std::string> after_barrier = describeAll({backend.get()});
  EXPECT_NE(after_barrier, at_barrier);
  Result<IncrementalRemoteKeyedStateHandle> handle = (*resources)->upload();
  ASSERT_TRUE(handle.ok()) << handle.status().message();
  resources->reset();
  EXPECT_FALSE(std::filesystem::exists(backend->rocksDBInstance()->directory() + "/chk-2"));
  // Three new SST files (one per state), the first checkpoint's three referred to.
  EXPECT_EQ(handle->shared_state.size(), 6u);
  EXPECT_EQ(filesIn(shared_), 6u);
  backend->notifyCheckpointComplete(2);

  auto restored = makeBackend<std::string>(RocksDBKind::config(), {0, 127});
  ASSERT_TRUE(restored->restoreIncremental({*handle}, *fs_, true).ok());
  EXPECT_EQ(describeAll({restored.get()}), at_barrier);
  // The task's next checkpoint has the changes since.
  IncrementalRemoteKeyedStateHandle third = checkpoint(*backend, 3);
  auto latest = makeBackend<std::string>(RocksDBKind::config(), {0, 127});
  ASSERT_TRUE(latest->restoreIncremental({third}, *fs_, true).ok());
  EXPECT_EQ(describeAll({latest.get()}), after_barrier);
}

TEST_F(RocksDBIncrementalTest, AFailedUploadLeavesNothingBehind) {
  auto backend = makeBackend<std::string>(RocksDBKind::config(), {0, 127});
  fill(*backend, 0, 300);
  // The SST files go to shared/ first; the checkpoint's own files cannot, since a file
  // stands where their directory would be.
  std::ofstream(root_ + "/blocked") << "not a directory";
  const Path exclusive_dir = Path::parse(root_ + "/blocked/chk-1").value();
  auto handle = backend->snapshotIncremental(1, *fs_, shared_, exclusive_dir);
  ASSERT_FALSE(handle.ok());
  EXPECT_EQ(handle.status().message(), "cannot create directory '" + exclusive_dir.toString() + "': Not a directory");
  EXPECT_EQ(filesIn(shared_), 0u);
  EXPECT_FALSE(std::filesystem::exists(backend->rocksDBInstance()->directory() + "/chk-1"));

  // Nothing of the failed checkpoint is referred to: the next one uploads every file.
  IncrementalRemoteKeyedStateHandle second = checkpoint(*backend, 2);
  EXPECT_EQ(second.checkpointed_size, second.stateSize());
}

TEST_F(RocksDBIncrementalTest, ResourcesDroppedBeforeTheUploadDeleteTheirLocalCheckpoint) {
  auto backend = makeBackend<std::string>(RocksDBKind::config(), {0, 127});
  fill(*backend, 0, 300);
  auto resources = backend->syncPrepareIncrementalResources(1, *fs_, shared_, exclusive(1));
  ASSERT_TRUE(resources.ok()) << resources.status().message();
  const std::string local = backend->rocksDBInstance()->directory() + "/chk-1";
  EXPECT_TRUE(std::filesystem::exists(local + "/CURRENT"));
  resources->reset();
  EXPECT_FALSE(std::filesystem::exists(local));
  EXPECT_EQ(filesIn(shared_), 0u);
}

}  // namespace
}  // namespace eddy::state
