#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "eddy/common/file_system.h"
#include "eddy/common/result.h"
#include "eddy/runtime/checkpoint.h"
#include "eddy/state/keyed_state_backend.h"

namespace eddy::runtime {

// The asynchronous part of one task's checkpoint (Flink's AsyncCheckpointRunnable): what
// the synchronous part took of every operator of the chain, with the keyed snapshots still
// to be written out. run() writes them, on the task's AsyncOperationsThread, while the task
// goes on processing. When one operator's part fails, what the others uploaded is deleted
// (Flink's AsyncCheckpointRunnable cleanup discards every operator's finished snapshot):
// the failed checkpoint will never refer to it. REQUIRES: the keyed backends outlive it.
class AsyncCheckpointRunnable {
 public:
  // One operator: its uid and name, the state taken on the task thread, and its keyed
  // snapshot to write into `state.keyed` or, for an incremental one, to upload into
  // `state.incremental_keyed` (none when it has no keyed state or the keyed state was
  // taken whole in the synchronous part).
  struct OperatorSnapshot {
    std::string uid;
    std::string name;
    OperatorSubtaskState state;
    std::unique_ptr<state::KeyedSnapshotResources> keyed = nullptr;
    std::unique_ptr<state::IncrementalSnapshotResources> incremental_keyed = nullptr;
  };

  // `upload_fs` is the file system of checkpoint storage, where incremental state is
  // uploaded (nullptr without checkpoint storage: nothing is uploaded then).
  AsyncCheckpointRunnable(int64_t checkpoint_id, std::vector<OperatorSnapshot> operators, FileSystem* upload_fs)
      : checkpoint_id_(checkpoint_id), operators_(std::move(operators)), upload_fs_(upload_fs) {}

  int64_t checkpointId() const { return checkpoint_id_; }
  // The state of every operator by uid; the error names the operator that failed, and the
  // files the operators before it uploaded are deleted. Called once.
  Result<std::vector<std::pair<std::string, OperatorSubtaskState>>> run();
  // Deletes the files run() uploaded into `states`, which no acknowledgement will hand to
  // the coordinator (the task was cancelled meanwhile).
  static void discardUploadedState(const std::vector<std::pair<std::string, OperatorSubtaskState>>& states,
                                   FileSystem& fs);

 private:
  // Writes or uploads the keyed state of `op` into op.state.
  static Status writeOperator(OperatorSnapshot& op);

  int64_t checkpoint_id_;
  std::vector<OperatorSnapshot> operators_;
  FileSystem* upload_fs_;
};

}  // namespace eddy::runtime
