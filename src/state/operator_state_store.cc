#include "eddy/state/operator_state_store.h"

namespace eddy::state {

OperatorStateStore::OperatorStateStore(std::vector<OperatorStateSnapshot> restored) {
  for (OperatorStateSnapshot& state : restored) {
    std::string name = state.name;
    restored_.insert_or_assign(std::move(name), std::move(state));
  }
}

std::vector<OperatorStateSnapshot> OperatorStateStore::snapshot() {
  std::map<std::string, OperatorStateSnapshot> by_name = restored_;
  for (auto& [name, state] : registered_) by_name[name] = OperatorStateSnapshot{name, state->mode(), state->elements()};
  std::vector<OperatorStateSnapshot> out;
  out.reserve(by_name.size());
  for (auto& [name, state] : by_name) out.push_back(std::move(state));
  return out;
}

void OperatorStateStore::checkCompatible(const std::string& name, const RegisteredState& state,
                                         OperatorStateDistributionMode mode, std::type_index type) {
  if (state.mode() != mode) checkRestoredMode(name, state.mode(), mode);
  if (state.type() != type) {
    throw std::logic_error(fmt::format("Operator state '{}' was registered with another type", name));
  }
}

void OperatorStateStore::checkRestoredMode(const std::string& name, OperatorStateDistributionMode restored,
                                           OperatorStateDistributionMode requested) {
  if (restored == requested) return;
  // Flink's DefaultOperatorStateBackend#checkStateNameAndMode.
  throw std::logic_error(fmt::format("Incompatible assignment mode for operator state '{}'. Provided: {}, expected: {}",
                                     name, distributionModeName(requested), distributionModeName(restored)));
}

std::set<std::string> OperatorStateStore::namesOf(bool broadcast) const {
  std::set<std::string> names;
  auto matches = [broadcast](OperatorStateDistributionMode mode) {
    return (mode == OperatorStateDistributionMode::BROADCAST) == broadcast;
  };
  for (const auto& [name, state] : registered_) {
    if (matches(state->mode())) names.insert(name);
  }
  for (const auto& [name, state] : restored_) {
    if (matches(state.mode)) names.insert(name);
  }
  return names;
}

}  // namespace eddy::state
