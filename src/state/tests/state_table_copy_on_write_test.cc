#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "eddy/state/heap/state_table.h"
#include "eddy/state/namespaces.h"
#include "eddy/state/typed_keyed_state_backend.h"

namespace eddy::state {
namespace {

using Table = StateTable<std::string, int, int>;

// A table over key groups 0..3 and the key context it reads.
class StateTableCopyOnWriteTest : public ::testing::Test {
 protected:
  // Makes (key, key_group) current.
  void at(const std::string& key, int key_group) {
    context_.key = key;
    context_.key_group = key_group;
  }
  void put(const std::string& key, int key_group, int ns, int value) {
    at(key, key_group);
    table_->put(ns, value);
  }
  // "key_group/key/ns=value" for every entry, sorted.
  template <typename T>
  static std::vector<std::string> entries(const T& table) {
    std::vector<std::string> out;
    table.forEach([&](int key_group, const std::string& key, const int& ns, const int& value) {
      out.push_back(fmt::format("{}/{}/{}={}", key_group, key, ns, value));
    });
    std::sort(out.begin(), out.end());
    return out;
  }

  KeyContext<std::string> context_;
  std::unique_ptr<Table> table_ = std::make_unique<Table>(&context_, KeyGroupRange{0, 3});
};

TEST_F(StateTableCopyOnWriteTest, SnapshotKeepsTheValuesItWasTakenWith) {
  put("a", 0, 0, 1);
  put("b", 0, 0, 2);
  put("c", 1, 0, 3);
  put("d", 2, 7, 4);
  auto snapshot = table_->stateSnapshot();

  put("a", 0, 0, 10);  // same key group, changed
  put("e", 0, 0, 5);   // same key group, inserted
  at("c", 1);
  table_->remove(0);  // other key group, removed
  at("d", 2);
  bool created;
  table_->getOrCreate(7, created) += 1;  // changed in place
  EXPECT_FALSE(created);
  put("f", 3, 0, 6);  // a key group that was empty
  at("b", 0);
  EXPECT_EQ(table_->take(0), 2);

  EXPECT_EQ(entries(snapshot), (std::vector<std::string>{"0/a/0=1", "0/b/0=2", "1/c/0=3", "2/d/7=4"}));
  EXPECT_EQ(entries(*table_), (std::vector<std::string>{"0/a/0=10", "0/e/0=5", "2/d/7=5", "3/f/0=6"}));
}

TEST_F(StateTableCopyOnWriteTest, OverlappingSnapshotsSeeTheirOwnVersions) {
  put("a", 0, 0, 1);
  put("b", 1, 0, 1);
  auto first = std::make_unique<StateTableSnapshot<std::string, int, int>>(table_->stateSnapshot());
  put("a", 0, 0, 2);
  auto second = std::make_unique<StateTableSnapshot<std::string, int, int>>(table_->stateSnapshot());
  put("a", 0, 0, 3);
  put("b", 1, 0, 3);
  EXPECT_EQ(table_->versions().numSnapshots(), 2u);

  EXPECT_EQ(entries(*first), (std::vector<std::string>{"0/a/0=1", "1/b/0=1"}));
  EXPECT_EQ(entries(*second), (std::vector<std::string>{"0/a/0=2", "1/b/0=1"}));
  EXPECT_EQ(entries(*table_), (std::vector<std::string>{"0/a/0=3", "1/b/0=3"}));

  first.reset();
  EXPECT_EQ(table_->versions().numSnapshots(), 1u);
  put("b", 1, 0, 4);
  EXPECT_EQ(entries(*second), (std::vector<std::string>{"0/a/0=2", "1/b/0=1"}));
  second.reset();
  EXPECT_EQ(table_->versions().numSnapshots(), 0u);
}

// Copies are per key group, once per snapshot, and only for changes: the address of a value
// tells whether its key group's map was copied.
TEST_F(StateTableCopyOnWriteTest, OnlyTheChangedKeyGroupIsCopiedOnceAndReadsNeverCopy) {
  put("a", 0, 0, 1);
  put("b", 1, 0, 1);
  at("a", 0);
  const int* a_before = table_->get(0);
  at("b", 1);
  const int* b_before = table_->get(0);
  {
    auto snapshot = table_->stateSnapshot();
    at("a", 0);
    EXPECT_EQ(table_->get(0), a_before);  // a read
    at("zz", 0);
    table_->remove(0);  // removing what is not there changes nothing
    at("a", 0);
    EXPECT_EQ(table_->get(0), a_before);
    *table_->getForUpdate(0) = 2;
    const int* a_copied = table_->get(0);
    EXPECT_NE(a_copied, a_before);
    *table_->getForUpdate(0) = 3;
    EXPECT_EQ(table_->get(0), a_copied);  // copied once
    at("b", 1);
    EXPECT_EQ(table_->get(0), b_before);  // the other key group stayed shared
  }
  // Released: changes are in place again.
  at("b", 1);
  *table_->getForUpdate(0) = 2;
  EXPECT_EQ(table_->get(0), b_before);
}

TEST_F(StateTableCopyOnWriteTest, IncrementalCleanupCopiesWhatTheSnapshotShares) {
  put("a", 0, 0, 1);
  put("b", 0, 0, 2);
  put("c", 1, 0, 3);
  auto snapshot = table_->stateSnapshot();
  // Five visits: key groups 1 (c), 2 and 3 (empty), 0 (a, b).
  table_->removeSomeIf(5, [](int& value) {
    value *= 10;
    return value == 20;
  });
  EXPECT_EQ(entries(snapshot), (std::vector<std::string>{"0/a/0=1", "0/b/0=2", "1/c/0=3"}));
  EXPECT_EQ(entries(*table_), (std::vector<std::string>{"0/a/0=10", "1/c/0=30"}));
}

TEST_F(StateTableCopyOnWriteTest, SnapshotOutlivesItsTable) {
  put("a", 2, 0, 1);
  auto snapshot = table_->stateSnapshot();
  table_.reset();
  EXPECT_EQ(entries(snapshot), (std::vector<std::string>{"2/a/0=1"}));
}

// The asynchronous snapshot part reads on another thread while the task changes every value.
TEST_F(StateTableCopyOnWriteTest, SnapshotReadOnAnotherThreadWhileTheTableChanges) {
  constexpr int kKeys = 20000;
  for (int i = 0; i < kKeys; ++i) put(std::to_string(i), i % 4, 0, 1);
  auto snapshot = table_->stateSnapshot();
  int64_t sum = 0;
  std::thread reader([&] {
    snapshot.forEach([&](int, const std::string&, const int&, const int& value) { sum += value; });
  });
  for (int i = 0; i < kKeys; ++i) {
    at(std::to_string(i), i % 4);
    *table_->getForUpdate(0) = 2;
    put("new" + std::to_string(i), i % 4, 0, 5);
  }
  reader.join();
  EXPECT_EQ(sum, kKeys);
  EXPECT_EQ(table_->size(), 2u * kKeys);
}

// The backend's two snapshot parts: list and map values changed in place after the
// synchronous part are written as they were.
TEST(HeapSnapshotResourcesTest, WriteGivesTheStateAtTheSynchronousPart) {
  KeyedStateBackendT<std::string> backend(KeyGroupRange{0, 127}, 128);
  auto* value = backend.getPartitionedState<VoidNamespace>(ValueStateDescriptor<int>("v"));
  auto* list = backend.getPartitionedState<VoidNamespace>(ListStateDescriptor<int>("l"));
  auto* map = backend.getPartitionedState<VoidNamespace>(MapStateDescriptor<int, int>("m"));
  backend.setCurrentKey("a");
  value->update(1);
  list->add(1);
  map->put(1, 1);
  auto expected = backend.snapshot();
  ASSERT_TRUE(expected.ok());

  auto resources = backend.syncPrepareResources();
  ASSERT_TRUE(resources.ok());
  value->update(2);
  list->add(2);
  map->put(1, 2);
  map->put(2, 2);
  backend.setCurrentKey("b");
  value->update(3);
  backend.setCurrentKey("a");
  map->remove(1);

  auto written = (*resources)->write();
  ASSERT_TRUE(written.ok());
  EXPECT_EQ(*written, *expected);
  EXPECT_EQ(value->value(), 2);
  EXPECT_EQ(list->get(), (std::vector<int>{1, 2}));
  EXPECT_EQ(map->entries(), (std::vector<std::pair<int, int>>{{2, 2}}));
}

}  // namespace
}  // namespace eddy::state
