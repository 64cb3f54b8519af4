#include "runtime/async_checkpoint_runnable.h"

#include <fmt/format.h>

namespace eddy::runtime {

Result<std::vector<std::pair<std::string, OperatorSubtaskState>>> AsyncCheckpointRunnable::run() {
  std::vector<std::pair<std::string, OperatorSubtaskState>> states;
  for (OperatorSnapshot& op : operators_) {
    if (op.keyed) {
      Result<state::KeyedStateSnapshot> keyed = op.keyed->write();
      // Released as soon as written: the task stops copying state for this snapshot.
      op.keyed.reset();
      if (!keyed.ok()) return keyed.status().withContext(fmt::format("operator '{}'", op.name));
      op.state.keyed = std::move(keyed).value();
    }
    states.emplace_back(std::move(op.uid), std::move(op.state));
  }
  return states;
}

}  // namespace eddy::runtime
