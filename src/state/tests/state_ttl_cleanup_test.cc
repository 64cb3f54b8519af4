#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "eddy/state/namespaces.h"
#include "state/tests/state_ttl_test_support.h"

namespace eddy::state {
namespace {

using testing::HeapKind;
using testing::RocksDBKind;

// Background cleanup: Flink's incremental cleanup on the heap, its compaction filter in
// RocksDB. Ten keys written at 0 with TTL 100, then never read.
template <typename Kind>
class TtlCleanupTest : public testing::TtlTestBase<Kind> {
 protected:
  static constexpr int kKeys = 10;
  // Accesses that check every entry from wherever the cleanup stands: each checks 5 entries
  // or empty key groups, and a cycle is at most 128 groups + 2 * kKeys entries.
  static constexpr int kAccessesForACycle = (128 + 2 * kKeys) / 5 + 1;

  auto* fill(KeyedStateBackendT<std::string>& backend, const StateTtlConfig& ttl) {
    auto* state = this->ttlState(backend, ValueStateDescriptor<int>("v"), ttl);
    this->setTime(0);
    for (int i = 0; i < kKeys; ++i) {
      backend.setCurrentKey("key" + std::to_string(i));
      state->update(i);
    }
    return state;
  }
  StateTtlConfig::Builder builder() { return StateTtlConfig::newBuilder(std::chrono::milliseconds(this->kTtl)); }
};

using HeapCleanupTest = TtlCleanupTest<HeapKind>;
using RocksDBCleanupTest = TtlCleanupTest<RocksDBKind>;

// Every access checks the next entries; once expired, all go after enough accesses to one
// key (at most one per key group and entry, five at a time).
TEST_F(HeapCleanupTest, IncrementalCleanupOnStateAccess) {
  auto backend = this->backend();
  auto* state = fill(*backend, builder().build());
  this->setTime(99);
  backend->setCurrentKey("other");
  for (int i = 0; i < 50; ++i) state->value();
  EXPECT_EQ(backend->numEntries("v"), static_cast<size_t>(kKeys));
  this->setTime(100);
  for (int i = 0; i < kAccessesForACycle; ++i) state->value();
  EXPECT_EQ(backend->numEntries("v"), 0u);
}

// runCleanupForEveryRecord: selecting a key is enough; without it, it is not.
TEST_F(HeapCleanupTest, IncrementalCleanupForEveryRecord) {
  for (bool every_record : {true, false}) {
    SCOPED_TRACE(every_record);
    auto backend = this->backend();
    fill(*backend, builder().cleanupIncrementally(5, every_record).build());
    this->setTime(100);
    for (int i = 0; i < kAccessesForACycle; ++i) backend->setCurrentKey("other");
    EXPECT_EQ(backend->numEntries("v"), every_record ? 0u : static_cast<size_t>(kKeys));
  }
}

TEST_F(HeapCleanupTest, NoBackgroundCleanupWhenDisabled) {
  auto backend = this->backend();
  auto* state = fill(*backend, builder().disableCleanupInBackground().build());
  this->setTime(100);
  backend->setCurrentKey("other");
  for (int i = 0; i < 200; ++i) state->value();
  EXPECT_EQ(backend->numEntries("v"), static_cast<size_t>(kKeys));
}

// Incremental cleanup of list state drops expired elements and empty lists.
TEST_F(HeapCleanupTest, IncrementalCleanupOfListElements) {
  auto backend = this->backend();
  auto* state = this->ttlState(*backend, ListStateDescriptor<int>("l"), builder().build());
  backend->setCurrentKey("a");
  state->add(1);
  this->setTime(60);
  state->add(2);
  backend->setCurrentKey("b");
  state->add(3);
  this->setTime(120);
  backend->setCurrentKey("other");
  for (int i = 0; i < 200; ++i) state->get();
  auto snapshot = backend->snapshot();
  ASSERT_TRUE(snapshot.ok());
  size_t lists = 0;
  for (const auto& [key_group, entries] : snapshot->states[0].key_groups) {
    for (const StateEntry& entry : entries) {
      ++lists;
      auto list = types::deserializeFromBytes<std::vector<TtlValue<int>>>(entry.value);
      ASSERT_TRUE(list.ok());
      EXPECT_EQ(list->size(), 1u);
    }
  }
  EXPECT_EQ(lists, 2u);  // a = [2], b = [3]
}

// The compaction filter drops what expired by the time RocksDB compacts.
TEST_F(RocksDBCleanupTest, CompactionFilterDropsExpiredValues) {
  for (bool filter : {true, false}) {
    SCOPED_TRACE(filter);
    auto backend = this->backend();
    StateTtlConfig ttl =
        filter ? builder().cleanupInRocksdbCompactFilter(1).build() : builder().disableCleanupInBackground().build();
    auto* state = fill(*backend, ttl);
    this->setTime(50);
    backend->setCurrentKey("late");
    state->update(1);
    this->setTime(120);
    RocksDBStateStore& store = backend->rocksDBInstance()->store();
    auto cf = store.columnFamily("v");
    ASSERT_TRUE(cf.ok());
    ASSERT_TRUE(store.compactRange(*cf).ok());
    EXPECT_EQ(backend->numEntries("v"), filter ? 1u : static_cast<size_t>(kKeys + 1));
    EXPECT_EQ(state->value(), 1);
  }
}

// For lists it drops the leading expired elements, as Flink's list element filter.
TEST_F(RocksDBCleanupTest, CompactionFilterDropsLeadingExpiredListElements) {
  auto backend = this->backend();
  auto* state =
      this->ttlState(*backend, ListStateDescriptor<std::string>("l"), builder().cleanupInRocksdbCompactFilter(1).build());
  backend->setCurrentKey("a");
  state->add("one");
  state->add("two");
  this->setTime(60);
  state->add("three");
  backend->setCurrentKey("b");
  state->add("four");
  this->setTime(120);
  RocksDBStateStore& store = backend->rocksDBInstance()->store();
  auto cf = store.columnFamily("l");
  ASSERT_TRUE(cf.ok());
  // add() writes merge operands; RocksDB filters the merged list in the next compaction.
  ASSERT_TRUE(store.compactRange(*cf).ok());
  ASSERT_TRUE(store.compactRange(*cf).ok());
  auto snapshot = backend->snapshot();
  ASSERT_TRUE(snapshot.ok());
  ASSERT_EQ(snapshot->states.size(), 1u);
  std::vector<std::vector<TtlValue<std::string>>> lists;
  for (const auto& [key_group, entries] : snapshot->states[0].key_groups) {
    for (const StateEntry& entry : entries) {
      auto list = types::deserializeFromBytes<std::vector<TtlValue<std::string>>>(entry.value);
      ASSERT_TRUE(list.ok());
      lists.push_back(*list);
    }
  }
  std::sort(lists.begin(), lists.end(), [](const auto& x, const auto& y) { return x[0].user_value < y[0].user_value; });
  EXPECT_EQ(lists, (std::vector<std::vector<TtlValue<std::string>>>{{{"four", 60}}, {{"three", 60}}}));
}

}  // namespace
}  // namespace eddy::state
