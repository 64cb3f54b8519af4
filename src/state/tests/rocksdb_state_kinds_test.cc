#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eddy/state/namespaces.h"
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

class Sum final : public AggregateFunction<int, int64_t, std::string> {
 public:
  int64_t createAccumulator() override { return 0; }
  int64_t add(const int& v, int64_t acc) override { return acc + v; }
  std::string getResult(const int64_t& acc) override { return "sum=" + std::to_string(acc); }
  int64_t merge(int64_t a, const int64_t& b) override { return a + b; }
};

// Every state kind gives the same answers on the heap and on RocksDB: the suite runs on
// both.
template <typename Kind>
class StateKindsTest : public ::testing::Test {
 protected:
  template <typename K>
  std::shared_ptr<KeyedStateBackendT<K>> backend(KeyGroupRange range = {0, 127}) {
    return makeBackend<K>(Kind::config(), range);
  }
};
using Kinds = ::testing::Types<HeapKind, RocksDBKind>;
TYPED_TEST_SUITE(StateKindsTest, Kinds);

TYPED_TEST(StateKindsTest, ValueStateIsScopedToTheCurrentKey) {
  auto backend = this->template backend<std::string>();
  auto* state = backend->template getPartitionedState<VoidNamespace>(ValueStateDescriptor<int>("v"));
  backend->setCurrentKey("a");
  EXPECT_FALSE(state->value().has_value());
  state->update(1);
  backend->setCurrentKey("b");
  EXPECT_FALSE(state->value().has_value());
  state->update(2);
  backend->setCurrentKey("a");
  EXPECT_EQ(state->value(), 1);
  state->clear();
  EXPECT_FALSE(state->value().has_value());
  backend->setCurrentKey("b");
  EXPECT_EQ(state->value(), 2);
  EXPECT_EQ(backend->numEntries("v"), 1u);
}

TYPED_TEST(StateKindsTest, GetOrCreateIsAReadModifyWrite) {
  auto backend = this->template backend<int>();
  HeapValueState<int, VoidNamespace, std::string>* state =
      backend->template getPartitionedState<VoidNamespace>(ValueStateDescriptor<std::string>("s"));
  for (int round = 0; round < 3; ++round) {
    for (int key = 0; key < 4; ++key) {
      backend->setCurrentKey(key);
      bool created;
      std::string& value = state->getOrCreate(created);
      EXPECT_EQ(created, round == 0);
      value += std::to_string(key);
    }
  }
  backend->setCurrentKey(2);
  EXPECT_EQ(state->value(), "222");
  backend->setCurrentKey(3);
  EXPECT_EQ(state->value(), "333");
}

TYPED_TEST(StateKindsTest, ListState) {
  auto backend = this->template backend<std::string>();
  HeapListState<std::string, VoidNamespace, int>* list =
      backend->template getPartitionedState<VoidNamespace>(ListStateDescriptor<int>("l"));
  backend->setCurrentKey("k");
  EXPECT_TRUE(list->get().empty());
  EXPECT_TRUE(list->addFirst(1));
  EXPECT_FALSE(list->addFirst(2));
  list->add(3);
  list->addAll({4, 5});
  list->addAll({});
  EXPECT_EQ(list->get(), (std::vector<int>{1, 2, 3, 4, 5}));
  backend->setCurrentKey("other");
  EXPECT_TRUE(list->get().empty());
  list->update({9});
  backend->setCurrentKey("k");
  list->update({7, 8});
  EXPECT_EQ(list->get(), (std::vector<int>{7, 8}));
  list->update({});
  EXPECT_TRUE(list->get().empty());
  EXPECT_EQ(backend->numEntries("l"), 1u);
  backend->setCurrentKey("other");
  list->clear();
  EXPECT_EQ(backend->numEntries("l"), 0u);
}

TYPED_TEST(StateKindsTest, MapState) {
  auto backend = this->template backend<int>();
  auto* map = backend->template getPartitionedState<VoidNamespace>(MapStateDescriptor<std::string, int>("m"));
  backend->setCurrentKey(1);
  EXPECT_TRUE(map->isEmpty());
  map->put("a", 1);
  map->putAll({{"b", 2}, {"c", 3}});
  map->put("a", 10);
  EXPECT_EQ(map->get("a"), 10);
  EXPECT_EQ(map->get("z"), std::nullopt);
  EXPECT_TRUE(map->contains("b"));
  EXPECT_FALSE(map->contains("z"));
  map->remove("b");
  map->remove("z");
  auto entries = map->entries();
  std::sort(entries.begin(), entries.end());
  EXPECT_EQ(entries, (std::vector<std::pair<std::string, int>>{{"a", 10}, {"c", 3}}));
  auto keys = map->keys();
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{"a", "c"}));
  auto values = map->values();
  std::sort(values.begin(), values.end());
  EXPECT_EQ(values, (std::vector<int>{3, 10}));
  backend->setCurrentKey(2);
  EXPECT_TRUE(map->isEmpty());
  map->put("a", 5);
  EXPECT_EQ(backend->numEntries("m"), 2u);
  backend->setCurrentKey(1);
  map->remove("a");
  map->remove("c");
  EXPECT_TRUE(map->isEmpty());
  backend->setCurrentKey(2);
  map->clear();
  EXPECT_TRUE(map->isEmpty());
  EXPECT_EQ(backend->numEntries("m"), 0u);
}

TYPED_TEST(StateKindsTest, ReducingAndAggregatingState) {
  auto backend = this->template backend<int>();
  HeapReducingState<int, VoidNamespace, int>* max = backend->template getPartitionedState<VoidNamespace>(
      ReducingStateDescriptor<int>("max", [](const int& a, const int& b) { return std::max(a, b); }));
  HeapAggregatingState<int, VoidNamespace, int, int64_t, std::string>* sum =
      backend->template getPartitionedState<VoidNamespace>(
          AggregatingStateDescriptor<int, int64_t, std::string>("sum", std::make_shared<Sum>()));
  backend->setCurrentKey(7);
  EXPECT_EQ(max->get(), std::nullopt);
  EXPECT_EQ(sum->get(), std::nullopt);
  EXPECT_TRUE(max->addFirst(3));
  EXPECT_FALSE(max->addFirst(1));
  max->add(5);
  EXPECT_TRUE(sum->addFirst(3));
  EXPECT_FALSE(sum->addFirst(4));
  sum->add(5);
  EXPECT_EQ(max->get(), 5);
  EXPECT_EQ(sum->get(), "sum=12");
  backend->setCurrentKey(8);
  EXPECT_EQ(max->get(), std::nullopt);
  max->clear();
  backend->setCurrentKey(7);
  sum->clear();
  EXPECT_EQ(sum->get(), std::nullopt);
  EXPECT_EQ(max->get(), 5);
}

TYPED_TEST(StateKindsTest, NamespacesSeparateWindowsAndMergeCombinesThem) {
  auto backend = this->template backend<int>();
  auto* list = backend->template getPartitionedState<TimeWindow>(ListStateDescriptor<int>("l"));
  auto* agg = backend->template getPartitionedState<TimeWindow>(
      AggregatingStateDescriptor<int, int64_t, std::string>("a", std::make_shared<Sum>()));
  auto* reducing = backend->template getPartitionedState<TimeWindow>(
      ReducingStateDescriptor<int>("r", [](const int& a, const int& b) { return a + b; }));
  TimeWindow w1(0, 10), w2(5, 15), w3(20, 30), merged(0, 15);
  backend->setCurrentKey(1);
  int value = 1;
  for (const TimeWindow& w : {w1, w2, w3}) {
    list->setCurrentNamespace(w);
    agg->setCurrentNamespace(w);
    reducing->setCurrentNamespace(w);
    list->add(value);
    list->add(value * 10);
    agg->add(value);
    reducing->add(value);
    ++value;
  }
  list->setCurrentNamespace(w1);
  EXPECT_EQ(list->get(), (std::vector<int>{1, 10}));
  list->setCurrentNamespace(w2);
  EXPECT_EQ(list->get(), (std::vector<int>{2, 20}));

  list->mergeNamespaces(merged, {w1, w2});
  agg->mergeNamespaces(merged, {w1, w2});
  reducing->mergeNamespaces(merged, {w1, w2});
  list->setCurrentNamespace(merged);
  agg->setCurrentNamespace(merged);
  reducing->setCurrentNamespace(merged);
  EXPECT_EQ(list->get(), (std::vector<int>{1, 10, 2, 20}));
  EXPECT_EQ(agg->get(), "sum=3");
  EXPECT_EQ(reducing->get(), 3);
  list->setCurrentNamespace(w1);
  EXPECT_TRUE(list->get().empty());
  agg->setCurrentNamespace(w2);
  EXPECT_EQ(agg->get(), std::nullopt);
  reducing->setCurrentNamespace(w3);
  EXPECT_EQ(reducing->get(), 3);
  // Merging into a target that holds state folds the sources into it.
  reducing->mergeNamespaces(w3, {merged});
  EXPECT_EQ(reducing->get(), 6);
  EXPECT_EQ(backend->numEntries("l"), 2u);
  EXPECT_EQ(backend->numEntries("r"), 1u);
}

TYPED_TEST(StateKindsTest, SameNameReturnsSameStateAndOtherTypeIsAnError) {
  auto backend = this->template backend<int>();
  auto* a = backend->template getPartitionedState<VoidNamespace>(ValueStateDescriptor<int>("v"));
  auto* b = backend->template getPartitionedState<VoidNamespace>(ValueStateDescriptor<int>("v"));
  EXPECT_EQ(a, b);
  EXPECT_THROW(backend->template getPartitionedState<VoidNamespace>(ListStateDescriptor<int>("v")), std::logic_error);
}

// The same operations on both backends give the same canonical snapshot.
TEST(StateKindsSnapshotTest, HeapAndRocksDBSnapshotsAreEqual) {
  auto heap = makeBackend<std::string>(HeapKind::config(), {0, 127});
  auto rocksdb = makeBackend<std::string>(RocksDBKind::config(), {0, 127});
  for (auto* backend : {heap.get(), rocksdb.get()}) {
    auto* count = backend->getPartitionedState<VoidNamespace>(ValueStateDescriptor<int64_t>("count"));
    auto* tags = backend->getPartitionedState<VoidNamespace>(MapStateDescriptor<std::string, int>("tags"));
    auto* seen = backend->getPartitionedState<TimeWindow>(ListStateDescriptor<std::string>("seen"));
    auto* max = backend->getPartitionedState<TimeWindow>(
        ReducingStateDescriptor<int>("max", [](const int& a, const int& b) { return std::max(a, b); }));
    for (int i = 0; i < 200; ++i) {
      std::string key = "key-" + std::to_string(i % 37);
      backend->setCurrentKey(key);
      bool created;
      count->getOrCreate(created) += i;
      tags->put("t" + std::to_string(i % 3), i);
      TimeWindow window(i % 2 * 10, i % 2 * 10 + 10);
      seen->setCurrentNamespace(window);
      seen->add("v" + std::to_string(i));
      max->setCurrentNamespace(window);
      max->add(i % 50);
    }
  }
  auto heap_snapshot = heap->snapshot();
  auto rocksdb_snapshot = rocksdb->snapshot();
  ASSERT_TRUE(heap_snapshot.ok());
  ASSERT_TRUE(rocksdb_snapshot.ok());
  EXPECT_EQ(normalized(*heap_snapshot), normalized(*rocksdb_snapshot));
  EXPECT_EQ(rocksdb_snapshot->states.size(), 4u);
  EXPECT_EQ(rocksdb->numEntries("seen"), heap->numEntries("seen"));
  EXPECT_EQ(rocksdb->numEntries("tags"), 37u);
}

TEST(StateKindsSnapshotTest, RocksDBRefusesTypesWithoutSerializer) {
  struct Opaque {
    int x = 0;
  };
  auto backend = makeBackend<int>(RocksDBKind::config(), {0, 127});
  try {
    backend->getPartitionedState<VoidNamespace>(ValueStateDescriptor<Opaque>("opaque"));
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(),
                 "State 'opaque' cannot be kept in RocksDB: its key, namespace or value type has no TypeSerializer");
  }
}

}  // namespace
}  // namespace eddy::state
