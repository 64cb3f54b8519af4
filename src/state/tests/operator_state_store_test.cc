#include "eddy/state/operator_state_store.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace eddy::state {
namespace {

TEST(OperatorStateStoreTest, SnapshotHoldsEveryStateByNameWithItsMode) {
  OperatorStateStore store;
  store.getListState(ListStateDescriptor<int64_t>("buffer"))->update({3, 1});
  store.getUnionListState(ListStateDescriptor<std::string>("offsets"))->add("p0=7");
  BroadcastState<std::string, int>* rules = store.getBroadcastState(MapStateDescriptor<std::string, int>("rules"));
  rules->put("b", 2);
  rules->put("a", 1);
  const std::vector<OperatorStateSnapshot> snapshot = store.snapshot();
  ASSERT_EQ(snapshot.size(), 3u);
  EXPECT_EQ(snapshot[0], (OperatorStateSnapshot{"buffer", OperatorStateDistributionMode::SPLIT_DISTRIBUTE,
                                                {types::serializeToBytes<int64_t>(3), types::serializeToBytes<int64_t>(1)}}));
  EXPECT_EQ(snapshot[1], (OperatorStateSnapshot{"offsets", OperatorStateDistributionMode::UNION,
                                                {types::serializeToBytes(std::string("p0=7"))}}));
  EXPECT_EQ(snapshot[2], (OperatorStateSnapshot{"rules", OperatorStateDistributionMode::BROADCAST,
                                                {types::serializeToBytes(std::pair<std::string, int>("a", 1)),
                                                 types::serializeToBytes(std::pair<std::string, int>("b", 2))}}));
  EXPECT_EQ(store.getRegisteredStateNames(), (std::set<std::string>{"buffer", "offsets"}));
  EXPECT_EQ(store.getRegisteredBroadcastStateNames(), (std::set<std::string>{"rules"}));
}

TEST(OperatorStateStoreTest, RestoredStatesAreReadWhenAskedForAndKeptUntilThen) {
  OperatorStateStore first;
  first.getListState(ListStateDescriptor<int64_t>("buffer"))->update({5, 6});
  first.getBroadcastState(MapStateDescriptor<std::string, int>("rules"))->put("r", 9);
  OperatorStateStore restored(first.snapshot());
  EXPECT_EQ(restored.getRegisteredStateNames(), (std::set<std::string>{"buffer"}));
  EXPECT_EQ(restored.getListState(ListStateDescriptor<int64_t>("buffer"))->get(), (std::vector<int64_t>{5, 6}));
  // "rules" was not asked for: it goes into the next snapshot as it was restored.
  EXPECT_EQ(restored.snapshot(), first.snapshot());
  const auto* rules = restored.getBroadcastState(MapStateDescriptor<std::string, int>("rules"));
  EXPECT_EQ(rules->immutableEntries(), (std::map<std::string, int>{{"r", 9}}));
}

TEST(OperatorStateStoreTest, AskingWithAnotherModeOrTypeIsAProgrammingError) {
  OperatorStateStore store;
  store.getListState(ListStateDescriptor<int64_t>("buffer"));
  try {
    store.getUnionListState(ListStateDescriptor<int64_t>("buffer"));
    FAIL() << "no error";
  } catch (const std::logic_error& e) {
    EXPECT_STREQ(e.what(),
                 "Incompatible assignment mode for operator state 'buffer'. Provided: UNION, expected: SPLIT_DISTRIBUTE");
  }
  EXPECT_THROW(store.getListState(ListStateDescriptor<std::string>("buffer")), std::logic_error);
  EXPECT_EQ(store.findBroadcastState(MapStateDescriptor<std::string, int>("unknown")), nullptr);
}

TEST(OperatorStateStoreTest, UnreadableRestoredElementsFailNamingTheState) {
  OperatorStateStore store({{"buffer", OperatorStateDistributionMode::SPLIT_DISTRIBUTE, {"\x01"}}});
  try {
    store.getListState(ListStateDescriptor<int64_t>("buffer"));
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("Could not restore operator state 'buffer'"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace eddy::state
