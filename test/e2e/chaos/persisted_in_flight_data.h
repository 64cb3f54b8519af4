#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <utility>

namespace eddy::e2e {

// The in-flight data (Flink's channel state) that a chaos job's unaligned checkpoints
// persisted, read from the completed checkpoints under its checkpoints directory as a
// restore reads them (every state file's size and checksum verified): the test's evidence
// that the checkpoints it restores from really hold records that overtook barriers. Used by
// the test's thread only.
class PersistedInFlightData {
 public:
  // What one checkpoint holds.
  struct Checkpoint {
    int64_t bytes = 0;
    bool in_file = false;  // some of it in a channel state file rather than in `_metadata`
  };

  explicit PersistedInFlightData(std::filesystem::path checkpoints) : checkpoints_(std::move(checkpoints)) {}

  // Reads the checkpoint at `chk` (a chk-N directory); nullopt when it cannot be read.
  static std::optional<Checkpoint> read(const std::filesystem::path& chk);

  // Looks at the completed checkpoints not seen before. One that cannot be read is skipped:
  // the job deletes subsumed checkpoints while it runs, and a kill may stop it halfway (the
  // newest checkpoint, which a restore uses, the test checks with read()).
  void collect();

  int checkpoints() const { return static_cast<int>(seen_.size()); }
  int withData() const { return with_data_; }
  int inFiles() const { return in_files_; }
  int64_t bytes() const { return bytes_; }

 private:
  std::filesystem::path checkpoints_;
  std::set<std::filesystem::path> seen_;
  int with_data_ = 0;
  int in_files_ = 0;
  int64_t bytes_ = 0;
};

}  // namespace eddy::e2e
