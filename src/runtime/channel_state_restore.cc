#include "runtime/channel_state_restore.h"

#include <fmt/format.h>

namespace eddy::runtime {

Status checkChannelStateRestorable(const CompletedCheckpoint& checkpoint,
                                   const std::map<std::string, int>& parallelism_by_uid) {
  bool has_channel_state = false;
  for (const auto& [uid, op] : checkpoint.operators) {
    for (const auto& [subtask, part] : op.subtasks) has_channel_state |= !part.input_channel_state.empty();
  }
  if (!has_channel_state) return Status::OK();
  for (const auto& [uid, op] : checkpoint.operators) {
    auto it = parallelism_by_uid.find(uid);
    if (it == parallelism_by_uid.end() || it->second == op.parallelism) continue;
    return InvalidArgument(fmt::format(
        "Cannot restore unaligned checkpoint {} at a different parallelism: operator {} ran with parallelism {} and "
        "now has {}, and the checkpoint holds in-flight data of its channels. Restore it at the old parallelism, or "
        "rescale from a savepoint (savepoints are always aligned).",
        checkpoint.checkpoint_id, uid, op.parallelism, it->second));
  }
  return Status::OK();
}

std::vector<InputChannelState> restoredChannelState(const CompletedCheckpoint& checkpoint, const std::string& head_uid,
                                                    int subtask) {
  auto op = checkpoint.operators.find(head_uid);
  if (op == checkpoint.operators.end()) return {};
  auto part = op->second.subtasks.find(subtask);
  if (part == op->second.subtasks.end()) return {};
  return part->second.input_channel_state;
}

}  // namespace eddy::runtime
