#include "runtime/operator_state_repartitioner.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace eddy::runtime {
namespace {

using state::OperatorStateDistributionMode;
using state::OperatorStateSnapshot;
using States = std::vector<std::vector<OperatorStateSnapshot>>;

constexpr auto kSplit = OperatorStateDistributionMode::SPLIT_DISTRIBUTE;
constexpr auto kUnion = OperatorStateDistributionMode::UNION;
constexpr auto kBroadcast = OperatorStateDistributionMode::BROADCAST;

// Old subtask i holds split state "buffer" with elements "i-0".."i-(n-1)", union state
// "offsets" with "o-i", broadcast state "rules" with "r-i".
States oldStates(int parallelism, int n) {
  States states(static_cast<size_t>(parallelism));
  for (int i = 0; i < parallelism; ++i) {
    OperatorStateSnapshot buffer{"buffer", kSplit, {}};
    for (int e = 0; e < n; ++e) buffer.elements.push_back(std::to_string(i) + "-" + std::to_string(e));
    states[i] = {buffer, {"offsets", kUnion, {"o-" + std::to_string(i)}}, {"rules", kBroadcast, {"r-" + std::to_string(i)}}};
  }
  return states;
}

std::vector<std::string> elementsOf(const std::vector<OperatorStateSnapshot>& states, const std::string& name) {
  for (const OperatorStateSnapshot& state : states) {
    if (state.name == name) return state.elements;
  }
  return {"<absent>"};
}

TEST(OperatorStateRepartitionerTest, SameParallelismKeepsEachInstancesStateButUnionsUnionState) {
  const States result = repartitionOperatorState(oldStates(2, 3), 2);
  ASSERT_EQ(result.size(), 2u);
  EXPECT_EQ(elementsOf(result[0], "buffer"), (std::vector<std::string>{"0-0", "0-1", "0-2"}));
  EXPECT_EQ(elementsOf(result[1], "buffer"), (std::vector<std::string>{"1-0", "1-1", "1-2"}));
  EXPECT_EQ(elementsOf(result[0], "offsets"), (std::vector<std::string>{"o-0", "o-1"}));
  EXPECT_EQ(elementsOf(result[1], "offsets"), (std::vector<std::string>{"o-0", "o-1"}));
  EXPECT_EQ(elementsOf(result[1], "rules"), (std::vector<std::string>{"r-1"}));
}

TEST(OperatorStateRepartitionerTest, ScaleOutCutsSplitStateIntoContiguousEvenShares) {
  const States result = repartitionOperatorState(oldStates(2, 3), 4);
  ASSERT_EQ(result.size(), 4u);
  // 6 elements over 4 instances: the first two get one more.
  EXPECT_EQ(elementsOf(result[0], "buffer"), (std::vector<std::string>{"0-0", "0-1"}));
  EXPECT_EQ(elementsOf(result[1], "buffer"), (std::vector<std::string>{"0-2", "1-0"}));
  EXPECT_EQ(elementsOf(result[2], "buffer"), (std::vector<std::string>{"1-1"}));
  EXPECT_EQ(elementsOf(result[3], "buffer"), (std::vector<std::string>{"1-2"}));
  for (const auto& subtask : result) EXPECT_EQ(elementsOf(subtask, "offsets"), (std::vector<std::string>{"o-0", "o-1"}));
  // New instance i takes old instance i % 2's copy of the broadcast state.
  EXPECT_EQ(elementsOf(result[0], "rules"), (std::vector<std::string>{"r-0"}));
  EXPECT_EQ(elementsOf(result[1], "rules"), (std::vector<std::string>{"r-1"}));
  EXPECT_EQ(elementsOf(result[2], "rules"), (std::vector<std::string>{"r-0"}));
  EXPECT_EQ(elementsOf(result[3], "rules"), (std::vector<std::string>{"r-1"}));
}

TEST(OperatorStateRepartitionerTest, ScaleInGivesEverythingToTheRemainingInstance) {
  const States result = repartitionOperatorState(oldStates(3, 2), 1);
  ASSERT_EQ(result.size(), 1u);
  EXPECT_EQ(elementsOf(result[0], "buffer"), (std::vector<std::string>{"0-0", "0-1", "1-0", "1-1", "2-0", "2-1"}));
  EXPECT_EQ(elementsOf(result[0], "offsets"), (std::vector<std::string>{"o-0", "o-1", "o-2"}));
  EXPECT_EQ(elementsOf(result[0], "rules"), (std::vector<std::string>{"r-0"}));
}

TEST(OperatorStateRepartitionerTest, TheNextSplitStateStartsWhereTheOddElementsRanOut) {
  // Two split states of 4 elements over 3 instances: the first gives its odd element to
  // instance 0, the second starts its round at instance 1 (Flink's startParallelOp).
  States old(1);
  old[0] = {{"a", kSplit, {"a0", "a1", "a2", "a3"}}, {"b", kSplit, {"b0", "b1", "b2", "b3"}}};
  const States result = repartitionOperatorState(old, 3);
  EXPECT_EQ(elementsOf(result[0], "a"), (std::vector<std::string>{"a0", "a1"}));
  EXPECT_EQ(elementsOf(result[1], "a"), (std::vector<std::string>{"a2"}));
  EXPECT_EQ(elementsOf(result[2], "a"), (std::vector<std::string>{"a3"}));
  EXPECT_EQ(elementsOf(result[1], "b"), (std::vector<std::string>{"b0", "b1"}));
  EXPECT_EQ(elementsOf(result[2], "b"), (std::vector<std::string>{"b2"}));
  EXPECT_EQ(elementsOf(result[0], "b"), (std::vector<std::string>{"b3"}));
}

}  // namespace
}  // namespace eddy::runtime
