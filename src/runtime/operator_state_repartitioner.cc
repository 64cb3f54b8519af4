#include "runtime/operator_state_repartitioner.h"

#include <map>
#include <string>
#include <utility>

namespace eddy::runtime {

namespace {

using state::OperatorStateDistributionMode;
using state::OperatorStateSnapshot;

// The states of one mode by name, each with the old subtasks' copies in subtask order.
using StatesByName = std::map<std::string, std::vector<const OperatorStateSnapshot*>>;

StatesByName statesOfMode(const std::vector<std::vector<OperatorStateSnapshot>>& old_states,
                          OperatorStateDistributionMode mode) {
  StatesByName by_name;
  for (const auto& subtask : old_states) {
    for (const OperatorStateSnapshot& state : subtask) {
      if (state.mode == mode) by_name[state.name].push_back(&state);
    }
  }
  return by_name;
}

std::vector<std::string> allElements(const std::vector<const OperatorStateSnapshot*>& copies) {
  std::vector<std::string> elements;
  for (const OperatorStateSnapshot* copy : copies) elements.insert(elements.end(), copy->elements.begin(), copy->elements.end());
  return elements;
}

void addUnionStates(const StatesByName& union_states, std::vector<std::vector<OperatorStateSnapshot>>& out) {
  for (const auto& [name, copies] : union_states) {
    std::vector<std::string> elements = allElements(copies);
    for (auto& subtask : out) subtask.push_back(OperatorStateSnapshot{name, OperatorStateDistributionMode::UNION, elements});
  }
}

void addSplitStates(const StatesByName& split_states, std::vector<std::vector<OperatorStateSnapshot>>& out) {
  const int parallelism = static_cast<int>(out.size());
  int start = 0;
  for (const auto& [name, copies] : split_states) {
    std::vector<std::string> elements = allElements(copies);
    const int total = static_cast<int>(elements.size());
    const int base = total / parallelism;
    int remainder = total % parallelism;
    int next_start = start;
    size_t taken = 0;
    for (int i = 0; i < parallelism; ++i) {
      const int subtask = (i + start) % parallelism;
      int share = base;
      if (remainder > 0) {
        ++share;
        --remainder;
      } else if (remainder == 0) {
        // Out of odd elements: the next state's round starts here, for an even load.
        next_start = subtask;
        --remainder;
      }
      OperatorStateSnapshot part{name, OperatorStateDistributionMode::SPLIT_DISTRIBUTE, {}};
      part.elements.assign(std::make_move_iterator(elements.begin() + static_cast<std::ptrdiff_t>(taken)),
                           std::make_move_iterator(elements.begin() + static_cast<std::ptrdiff_t>(taken + share)));
      taken += static_cast<size_t>(share);
      out[static_cast<size_t>(subtask)].push_back(std::move(part));
    }
    start = next_start;
  }
}

void addBroadcastStates(const StatesByName& broadcast_states, std::vector<std::vector<OperatorStateSnapshot>>& out) {
  for (const auto& [name, copies] : broadcast_states) {
    for (size_t i = 0; i < out.size(); ++i) out[i].push_back(*copies[i % copies.size()]);
  }
}

}  // namespace

std::vector<std::vector<OperatorStateSnapshot>> repartitionOperatorState(
    const std::vector<std::vector<OperatorStateSnapshot>>& old_states, int new_parallelism) {
  std::vector<std::vector<OperatorStateSnapshot>> out(static_cast<size_t>(new_parallelism));
  const StatesByName union_states = statesOfMode(old_states, OperatorStateDistributionMode::UNION);
  if (static_cast<int>(old_states.size()) == new_parallelism) {
    for (size_t i = 0; i < out.size(); ++i) {
      for (const OperatorStateSnapshot& state : old_states[i]) {
        if (state.mode != OperatorStateDistributionMode::UNION) out[i].push_back(state);
      }
    }
    addUnionStates(union_states, out);
    return out;
  }
  addSplitStates(statesOfMode(old_states, OperatorStateDistributionMode::SPLIT_DISTRIBUTE), out);
  addUnionStates(union_states, out);
  addBroadcastStates(statesOfMode(old_states, OperatorStateDistributionMode::BROADCAST), out);
  return out;
}

}  // namespace eddy::runtime
