#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "eddy/state/namespaces.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "eddy/windowing/time_window.h"

namespace eddy::state {
namespace {

using windowing::TimeWindow;

class Sum final : public AggregateFunction<int, int64_t, std::string> {
 public:
  int64_t createAccumulator() override { return 0; }
  int64_t add(const int& v, int64_t acc) override { return acc + v; }
  std::string getResult(const int64_t& acc) override { return "sum=" + std::to_string(acc); }
  int64_t merge(int64_t a, const int64_t& b) override { return a + b; }
};

TEST(HeapKeyedStateBackendTest, ValueStateIsScopedToTheCurrentKey) {
  KeyedStateBackendT<std::string> backend(KeyGroupRange{0, 127}, 128);
  auto* state = backend.getPartitionedState<VoidNamespace>(ValueStateDescriptor<int>("v"));
  backend.setCurrentKey("a");
  EXPECT_FALSE(state->value().has_value());
  state->update(1);
  backend.setCurrentKey("b");
  EXPECT_FALSE(state->value().has_value());
  state->update(2);
  backend.setCurrentKey("a");
  EXPECT_EQ(state->value(), 1);
  state->clear();
  EXPECT_FALSE(state->value().has_value());
  backend.setCurrentKey("b");
  EXPECT_EQ(state->value(), 2);
  EXPECT_EQ(backend.numEntries("v"), 1u);
}

TEST(HeapKeyedStateBackendTest, CurrentKeyGroupIsFlinks) {
  KeyedStateBackendT<std::string> backend(KeyGroupRange{0, 127}, 128);
  // Flink: KeyGroupRangeAssignment.assignToKeyGroup("a", 128) == 104 ("a".hashCode() = 97).
  backend.setCurrentKey("a");
  EXPECT_EQ(backend.getCurrentKeyGroupIndex(), KeyGroupRangeAssignment::computeKeyGroupForKeyHash(97, 128));
}

TEST(HeapKeyedStateBackendTest, SameNameReturnsSameStateAndOtherTypeIsAnError) {
  KeyedStateBackendT<int> backend(KeyGroupRange{0, 127}, 128);
  auto* a = backend.getPartitionedState<VoidNamespace>(ValueStateDescriptor<int>("v"));
  auto* b = backend.getPartitionedState<VoidNamespace>(ValueStateDescriptor<int>("v"));
  EXPECT_EQ(a, b);
  EXPECT_THROW(backend.getPartitionedState<VoidNamespace>(ListStateDescriptor<int>("v")), std::logic_error);
}

TEST(HeapKeyedStateBackendTest, NamespacesSeparateWindowsAndMergeCombinesThem) {
  KeyedStateBackendT<int> backend(KeyGroupRange{0, 127}, 128);
  auto* list = backend.getPartitionedState<TimeWindow>(ListStateDescriptor<int>("l"));
  auto* agg = backend.getPartitionedState<TimeWindow>(
      AggregatingStateDescriptor<int, int64_t, std::string>("a", std::make_shared<Sum>()));
  auto* reducing = backend.getPartitionedState<TimeWindow>(
      ReducingStateDescriptor<int>("r", [](const int& x, const int& y) { return x > y ? x : y; }));
  backend.setCurrentKey(7);
  TimeWindow w1{0, 10}, w2{5, 15}, w3{20, 30};
  int v = 1;
  for (const TimeWindow& w : {w1, w2, w3}) {
    list->setCurrentNamespace(w);
    agg->setCurrentNamespace(w);
    reducing->setCurrentNamespace(w);
    list->add(v);
    agg->add(v);
    reducing->add(v * 10);
    ++v;
  }
  TimeWindow merged{0, 15};
  list->mergeNamespaces(merged, {w1, w2});
  agg->mergeNamespaces(merged, {w1, w2});
  reducing->mergeNamespaces(merged, {w1, w2});
  list->setCurrentNamespace(merged);
  agg->setCurrentNamespace(merged);
  reducing->setCurrentNamespace(merged);
  EXPECT_EQ(list->get(), (std::vector<int>{1, 2}));
  EXPECT_EQ(agg->get(), "sum=3");
  EXPECT_EQ(reducing->get(), 20);
  list->setCurrentNamespace(w1);
  agg->setCurrentNamespace(w1);
  EXPECT_TRUE(list->get().empty());
  EXPECT_FALSE(agg->get().has_value());
  list->setCurrentNamespace(w3);
  EXPECT_EQ(list->get(), (std::vector<int>{3}));
  EXPECT_EQ(backend.numEntries("l"), 2u);
}

TEST(HeapKeyedStateBackendTest, MapStateDropsEmptyMaps) {
  KeyedStateBackendT<int> backend(KeyGroupRange{0, 127}, 128);
  auto* map = backend.getPartitionedState<VoidNamespace>(MapStateDescriptor<std::string, int>("m"));
  backend.setCurrentKey(1);
  EXPECT_TRUE(map->isEmpty());
  map->put("x", 1);
  map->put("y", 2);
  map->put("x", 3);
  EXPECT_EQ(map->get("x"), 3);
  EXPECT_TRUE(map->contains("y"));
  EXPECT_FALSE(map->contains("z"));
  map->remove("x");
  map->remove("y");
  EXPECT_TRUE(map->isEmpty());
  EXPECT_EQ(backend.numEntries("m"), 0u);
}

}  // namespace
}  // namespace eddy::state
