#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "eddy/common/file_system.h"
#include "eddy/state/namespaces.h"
#include "state/tests/state_ttl_test_support.h"

namespace eddy::state {
namespace {

using testing::HeapKind;
using testing::kTtlCases;
using testing::makeBackend;
using testing::normalized;
using testing::RocksDBKind;
using testing::TtlCase;

template <typename Kind>
class TtlSnapshotTest : public testing::TtlTestBase<Kind> {
 protected:
  StateTtlConfig fullSnapshotCleanup() {
    return StateTtlConfig::newBuilder(std::chrono::milliseconds(this->kTtl)).cleanupFullSnapshot().build();
  }
  // v: a=1 written at 0, b=2 at 60; l: a=[1 at 0, 2 at 60]; m: a={x=1 at 0, y=2 at 60}.
  void fill(KeyedStateBackendT<std::string>& backend, const StateTtlConfig& ttl) {
    ValueStateDescriptor<int> v("v");
    ListStateDescriptor<int> l("l");
    MapStateDescriptor<std::string, int> m("m");
    v.enableTimeToLive(ttl);
    l.enableTimeToLive(ttl);
    m.enableTimeToLive(ttl);
    auto* value = backend.template getPartitionedState<VoidNamespace>(v);
    auto* list = backend.template getPartitionedState<VoidNamespace>(l);
    auto* map = backend.template getPartitionedState<VoidNamespace>(m);
    this->setTime(0);
    backend.setCurrentKey("a");
    value->update(1);
    list->add(1);
    map->put("x", 1);
    this->setTime(60);
    backend.setCurrentKey("b");
    value->update(2);
    backend.setCurrentKey("a");
    list->add(2);
    map->put("y", 2);
  }
  static size_t entries(const KeyedStateSnapshot& snapshot, const std::string& name) {
    size_t n = 0;
    for (const StateSnapshot& state : snapshot.states) {
      if (state.name != name) continue;
      for (const auto& [key_group, list] : state.key_groups) n += list.size();
    }
    return n;
  }
};
using Kinds = ::testing::Types<HeapKind, RocksDBKind>;
TYPED_TEST_SUITE(TtlSnapshotTest, Kinds);

TYPED_TEST(TtlSnapshotTest, FullSnapshotLeavesExpiredEntriesOut) {
  auto backend = this->backend();
  this->fill(*backend, this->fullSnapshotCleanup());
  this->setTime(120);
  auto snapshot = backend->snapshot();
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().message();
  EXPECT_EQ(this->entries(*snapshot, "v"), 1u);  // b
  EXPECT_EQ(this->entries(*snapshot, "m"), 1u);  // a.y
  EXPECT_EQ(this->entries(*snapshot, "l"), 1u);  // a = [2]
  for (const StateSnapshot& state : snapshot->states) {
    EXPECT_TRUE(state.ttl) << state.name;
    if (state.name != "l") continue;
    const StateEntry& entry = state.key_groups.begin()->second.front();
    auto list = types::deserializeFromBytes<std::vector<TtlValue<int>>>(entry.value);
    ASSERT_TRUE(list.ok());
    EXPECT_EQ(*list, (std::vector<TtlValue<int>>{{2, 60}}));
  }
  this->setTime(200);
  snapshot = backend->snapshot();
  ASSERT_TRUE(snapshot.ok());
  EXPECT_EQ(this->entries(*snapshot, "v") + this->entries(*snapshot, "m") + this->entries(*snapshot, "l"), 0u);
}

TYPED_TEST(TtlSnapshotTest, WithoutFullSnapshotCleanupExpiredEntriesStay) {
  auto backend = this->backend();
  this->fill(*backend, this->config(kTtlCases[0]));
  this->setTime(500);
  auto snapshot = backend->snapshot();
  ASSERT_TRUE(snapshot.ok());
  EXPECT_EQ(this->entries(*snapshot, "v"), 2u);
  EXPECT_EQ(this->entries(*snapshot, "m"), 2u);
  EXPECT_EQ(this->entries(*snapshot, "l"), 1u);
}

// The canonical value of a TTL state is Flink's TtlSerializer layout: the timestamp as a
// long, then the value.
TYPED_TEST(TtlSnapshotTest, CanonicalValueIsTimestampThenValue) {
  auto backend = this->backend();
  auto* state = this->ttlState(*backend, ValueStateDescriptor<int>("v"), this->config(kTtlCases[0]));
  this->setTime(0x0102);
  backend->setCurrentKey("a");
  state->update(7);
  auto snapshot = backend->snapshot();
  ASSERT_TRUE(snapshot.ok());
  ASSERT_EQ(snapshot->states.size(), 1u);
  const StateEntry& entry = snapshot->states[0].key_groups.begin()->second.front();
  EXPECT_EQ(entry.value, std::string("\0\0\0\0\0\0\x01\x02\0\0\0\x07", 12));
}

// A snapshot of either backend restores into the other with every timestamp kept: values
// expire when they would have without the move.
TYPED_TEST(TtlSnapshotTest, RestoresAcrossBackendsWithTimestamps) {
  auto source = this->backend();
  this->fill(*source, this->config(kTtlCases[0]));
  auto taken = source->snapshot();
  ASSERT_TRUE(taken.ok());
  for (const StateBackendConfig& config : {HeapKind::config(), RocksDBKind::config()}) {
    auto target = makeBackend<std::string>(config, {0, 127});
    target->setTtlTimeProvider(TtlTimeProvider::manual(this->now_));
    ASSERT_TRUE(target->restore(*taken).ok());
    ValueStateDescriptor<int> v("v");
    ListStateDescriptor<int> l("l");
    v.enableTimeToLive(this->config(kTtlCases[0]));
    l.enableTimeToLive(this->config(kTtlCases[0]));
    auto* value = target->template getPartitionedState<VoidNamespace>(v);
    auto* list = target->template getPartitionedState<VoidNamespace>(l);
    auto again = target->snapshot();
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(normalized(*again), normalized(*taken));
    this->setTime(99);
    target->setCurrentKey("a");
    EXPECT_EQ(value->value(), 1);
    EXPECT_EQ(list->get(), (std::vector<int>{1, 2}));
    this->setTime(100);
    EXPECT_EQ(value->value(), std::nullopt);
    EXPECT_EQ(list->get(), (std::vector<int>{2}));
    target->setCurrentKey("b");
    EXPECT_EQ(value->value(), 2);
  }
}

// Flink fails such restores with a StateMigrationException: TtlValue bytes are not the
// value's bytes.
TYPED_TEST(TtlSnapshotTest, RestoringWithAndWithoutTtlFails) {
  for (bool ttl_before : {true, false}) {
    SCOPED_TRACE(ttl_before ? "with TTL into without" : "without TTL into with");
    auto source = this->backend();
    ValueStateDescriptor<int> before("v");
    if (ttl_before) before.enableTimeToLive(this->config(kTtlCases[0]));
    source->setCurrentKey("a");
    source->template getPartitionedState<VoidNamespace>(before)->update(1);
    auto taken = source->snapshot();
    ASSERT_TRUE(taken.ok());
    EXPECT_EQ(taken->states[0].ttl, ttl_before);

    auto target = this->backend();
    ASSERT_TRUE(target->restore(*taken).ok());
    ValueStateDescriptor<int> after("v");
    if (!ttl_before) after.enableTimeToLive(this->config(kTtlCases[0]));
    try {
      target->template getPartitionedState<VoidNamespace>(after);
      ADD_FAILURE() << "restored without a failure";
    } catch (const std::runtime_error& e) {
      EXPECT_EQ(std::string(e.what()),
                std::string("StateMigrationException: The new state serializer of state 'v' (") +
                    (ttl_before ? "without" : "with") +
                    " TTL) must not be incompatible with the old state serializer (" +
                    (ttl_before ? "with" : "without") + " TTL). State restored " + (ttl_before ? "with" : "without") +
                    " TTL cannot be read " + (ttl_before ? "without" : "with") +
                    " TTL; enable or disable TTL as when the snapshot was taken.");
    }
  }
}

// Incremental RocksDB checkpoints record which states have TTL. They are not full snapshots:
// expired values are uploaded as they are and expire on their own timestamps after a restore.
TEST(TtlIncrementalSnapshotTest, RestoresTtlStatesFromFiles) {
  const std::string root = ::testing::TempDir() + "/eddy-ttl-incremental-" + std::to_string(::getpid());
  std::filesystem::remove_all(root);
  std::shared_ptr<FileSystem> fs = LocalFileSystem::getSharedInstance();
  Path shared = Path::parse(root + "/shared").value();
  Path exclusive = Path::parse(root + "/chk-1").value();
  ASSERT_TRUE(fs->mkdirs(shared).ok());
  ASSERT_TRUE(fs->mkdirs(exclusive).ok());
  auto now = std::make_shared<std::atomic<int64_t>>(0);
  ValueStateDescriptor<int> with_ttl("v");
  with_ttl.enableTimeToLive(
      StateTtlConfig::newBuilder(std::chrono::milliseconds(100)).cleanupFullSnapshot().build());

  auto source = makeBackend<std::string>(RocksDBKind::config(), {0, 127});
  source->setTtlTimeProvider(TtlTimeProvider::manual(now));
  auto* state = source->getPartitionedState<VoidNamespace>(with_ttl);
  source->setCurrentKey("a");
  state->update(1);
  now->store(60);
  source->setCurrentKey("b");
  state->update(2);
  now->store(120);
  auto handle = source->snapshotIncremental(1, *fs, shared, exclusive);
  ASSERT_TRUE(handle.ok()) << handle.status().message();
  EXPECT_EQ(handle->ttl_states, (std::set<std::string>{"v"}));
  types::DataOutputSerializer out;
  handle->writeTo(out);
  types::DataInputDeserializer in(out.data());
  auto read = IncrementalRemoteKeyedStateHandle::readFrom(in);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, *handle);

  auto target = makeBackend<std::string>(RocksDBKind::config(), {0, 127});
  target->setTtlTimeProvider(TtlTimeProvider::manual(now));
  ASSERT_TRUE(target->restoreIncremental({*read}, *fs, false).ok());
  EXPECT_THROW(target->getPartitionedState<VoidNamespace>(ValueStateDescriptor<int>("v")), std::runtime_error);
  EXPECT_EQ(target->numEntries("v"), 0u);
  auto* restored = target->getPartitionedState<VoidNamespace>(with_ttl);
  EXPECT_EQ(target->numEntries("v"), 2u);
  target->setCurrentKey("b");
  EXPECT_EQ(restored->value(), 2);
  target->setCurrentKey("a");
  EXPECT_EQ(restored->value(), std::nullopt);
  std::filesystem::remove_all(root);
}

TEST(TtlKeyedStateSnapshotTest, TtlFlagSurvivesSerialization) {
  KeyedStateSnapshot snapshot;
  snapshot.max_parallelism = 128;
  snapshot.states.push_back(StateSnapshot{"v", StateType::kValue, {{3, {StateEntry{"k", "", "", "bytes"}}}}, true});
  snapshot.states.push_back(StateSnapshot{"w", StateType::kList, {}, false});
  types::DataOutputSerializer out;
  snapshot.writeTo(out);
  types::DataInputDeserializer in(out.data());
  auto read = KeyedStateSnapshot::readFrom(in);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, snapshot);
}

}  // namespace
}  // namespace eddy::state
