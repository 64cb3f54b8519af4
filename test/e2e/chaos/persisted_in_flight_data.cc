#include "e2e/chaos/persisted_in_flight_data.h"

#include <system_error>

#include "eddy/checkpoint/completed_checkpoint.h"

namespace eddy::e2e {

namespace fs = std::filesystem;

std::optional<PersistedInFlightData::Checkpoint> PersistedInFlightData::read(const fs::path& chk) {
  Result<checkpoint::CompletedCheckpoint> loaded =
      checkpoint::loadCompletedCheckpoint(*LocalFileSystem::getSharedInstance(), Path::parse(chk.string()).value());
  if (!loaded.ok()) return std::nullopt;
  Checkpoint out;
  for (const checkpoint::OperatorState& op : loaded->metadata.operators) {
    for (const checkpoint::SubtaskState& subtask : op.subtasks) {
      for (const checkpoint::InputChannelStateHandle& channel : subtask.input_channel_state) {
        out.bytes += static_cast<int64_t>(channel.data.size());
        out.in_file |= channel.file.has_value();
      }
    }
  }
  return out;
}

void PersistedInFlightData::collect() {
  // A running job creates and deletes directories meanwhile: iteration errors are ignored.
  std::error_code ec;
  for (const auto& job : fs::directory_iterator(checkpoints_, ec)) {
    for (const auto& chk : fs::directory_iterator(job.path(), ec)) {
      if (chk.path().filename().string().rfind("chk-", 0) != 0 || !fs::exists(chk.path() / "_metadata", ec) ||
          seen_.contains(chk.path())) {
        continue;
      }
      const std::optional<Checkpoint> checkpoint = read(chk.path());
      if (!checkpoint) continue;
      seen_.insert(chk.path());
      with_data_ += checkpoint->bytes > 0;
      in_files_ += checkpoint->in_file;
      bytes_ += checkpoint->bytes;
    }
  }
}

}  // namespace eddy::e2e
