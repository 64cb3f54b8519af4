#include "runtime/async_checkpoint_runnable.h"

#include <fmt/format.h>

#include "eddy/common/logging.h"

namespace eddy::runtime {

Result<std::vector<std::pair<std::string, OperatorSubtaskState>>> AsyncCheckpointRunnable::run() {
  std::vector<std::pair<std::string, OperatorSubtaskState>> states;
  for (OperatorSnapshot& op : operators_) {
    Status status = writeOperator(op);
    if (!status.ok()) {
      // The checkpoint fails with this task's part: no acknowledgement will carry what the
      // chain's other operators uploaded, so nothing else would ever delete it.
      if (upload_fs_) discardUploadedState(states, *upload_fs_);
      return status.withContext(fmt::format("operator '{}'", op.name));
    }
    states.emplace_back(std::move(op.uid), std::move(op.state));
  }
  return states;
}

Status AsyncCheckpointRunnable::writeOperator(OperatorSnapshot& op) {
  if (op.keyed) {
    Result<state::KeyedStateSnapshot> keyed = op.keyed->write();
    // Released as soon as written: the task stops copying state for this snapshot.
    op.keyed.reset();
    if (!keyed.ok()) return keyed.status();
    op.state.keyed = std::move(keyed).value();
  }
  if (op.incremental_keyed) {
    Result<state::IncrementalRemoteKeyedStateHandle> uploaded = op.incremental_keyed->upload();
    op.incremental_keyed.reset();
    if (!uploaded.ok()) return uploaded.status();
    op.state.incremental_keyed.push_back(std::move(uploaded).value());
  }
  return Status::OK();
}

void AsyncCheckpointRunnable::discardUploadedState(
    const std::vector<std::pair<std::string, OperatorSubtaskState>>& states, FileSystem& fs) {
  for (const auto& [uid, state] : states) {
    for (const state::IncrementalRemoteKeyedStateHandle& handle : state.incremental_keyed) {
      Status discarded = handle.discardUploadedState(fs);
      if (!discarded.ok()) log::warn("Could not delete the files of checkpoint {}: {}", handle.checkpoint_id,
                                     discarded.toString());
    }
  }
}

}  // namespace eddy::runtime
