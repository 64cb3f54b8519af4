#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/checkpoint/stream_state_handle.h"
#include "eddy/common/file_system.h"
#include "eddy/common/result.h"
#include "eddy/state/operator_state_snapshot.h"
#include "eddy/state/rocksdb/incremental_keyed_state_handle.h"

namespace eddy::checkpoint {

// The in-flight data of one input channel of an unaligned checkpoint (Flink's
// InputChannelStateHandle): the input and channel index of the consuming subtask and the
// serialized elements, either in the metadata itself (`data`) or, when the subtask's
// channel state is larger than state.storage.fs.memory-threshold, the range
// [offset, offset + size) of the subtask's channel state file (`file`; see
// channel_state_file.h). loadCompletedCheckpoint reads such a range back into `data`.
struct InputChannelStateHandle {
  int32_t input = 0;
  int32_t channel = 0;
  std::string data;
  std::optional<StreamStateHandle> file = std::nullopt;
  int64_t offset = 0;
  int64_t size = 0;

  friend bool operator==(const InputChannelStateHandle&, const InputChannelStateHandle&) = default;
};

// The state of one parallel instance of an operator (Flink's OperatorSubtaskState).
struct SubtaskState {
  int subtask = 0;
  std::vector<StreamStateHandle> keyed_state;
  std::vector<StreamStateHandle> operator_state;
  // Small state kept in the metadata itself rather than in a file of its own, e.g. a
  // source's split offsets.
  std::string inline_operator_state;
  // Keyed state of an incremental RocksDB checkpoint: files in shared/ (possibly uploaded
  // by an earlier checkpoint) and in the checkpoint's own directory, by absolute path.
  std::vector<state::IncrementalRemoteKeyedStateHandle> incremental_keyed_state;
  // Managed operator state by name (list, union list and broadcast states), canonical.
  std::vector<state::OperatorStateSnapshot> managed_operator_state;
  // The head operator's input channels' in-flight data (unaligned checkpoints).
  std::vector<InputChannelStateHandle> input_channel_state;

  friend bool operator==(const SubtaskState&, const SubtaskState&) = default;
};

// The state of one operator across its parallel instances (Flink's OperatorState).
struct OperatorState {
  std::string uid;  // the operator's id, matched on restore
  int parallelism = 0;
  int max_parallelism = 0;
  std::vector<SubtaskState> subtasks;

  friend bool operator==(const OperatorState&, const OperatorState&) = default;
};

// What a checkpoint's or savepoint's `_metadata` file holds (Flink's CheckpointMetadata).
struct CheckpointMetadata {
  int64_t checkpoint_id = 0;
  int64_t timestamp = 0;  // ms since the epoch, when the checkpoint was triggered
  bool is_savepoint = false;
  std::vector<OperatorState> operators;

  friend bool operator==(const CheckpointMetadata&, const CheckpointMetadata&) = default;
};

// The `_metadata` file format (Flink's Checkpoints.storeCheckpointMetadata /
// loadCheckpointMetadata, with Eddy's own bytes):
//
//   int32 magic 0x45444459 ("EDDY") | int32 version | int64 n | n bytes of body | int32 CRC32C
//
// big-endian, the CRC over everything before it. A state file inside `checkpoint_dir` is
// stored relative to it, so that a savepoint directory can be moved and still restore, as
// Flink's relative savepoint paths. Version 2 adds each subtask's incremental keyed state
// handles, version 3 its managed operator states, version 4 its input channel state (inline),
// version 5 input channel state in a file of its own; older files are still read.
struct CheckpointMetadataFormat {
  static constexpr int32_t kMagicNumber = 0x45444459;
  static constexpr int32_t kVersion = 5;
  static constexpr int32_t kMinReadableVersion = 1;

  // `version` is kVersion except in tests of older formats; a version 1 file cannot hold
  // incremental handles, one below 3 no managed operator state, one below 4 no input
  // channel state, one below 5 none in a file. REQUIRES: kMinReadableVersion <= version <=
  // kVersion.
  static std::string store(const CheckpointMetadata& metadata, const Path& checkpoint_dir,
                           int32_t version = kVersion);
  // Parses the bytes of `metadata_file`, resolving relative state paths against its
  // directory. Corruption naming the file when it is truncated, garbled or not a metadata
  // file; NotSupported for a version this build cannot read.
  static Result<CheckpointMetadata> load(std::string_view bytes, const Path& metadata_file);
};

}  // namespace eddy::checkpoint
