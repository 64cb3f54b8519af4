#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>

#include "eddy/functions/keyed_state_store.h"
#include "eddy/state/keyed_state_backend.h"
#include "eddy/state/operator_state_store.h"

namespace eddy {

// What a function learns when a checkpoint takes its state (Flink's
// FunctionSnapshotContext).
class FunctionSnapshotContext {
 public:
  FunctionSnapshotContext(int64_t checkpoint_id, int64_t checkpoint_timestamp)
      : checkpoint_id_(checkpoint_id), checkpoint_timestamp_(checkpoint_timestamp) {}
  int64_t getCheckpointId() const { return checkpoint_id_; }
  int64_t getCheckpointTimestamp() const { return checkpoint_timestamp_; }

 private:
  int64_t checkpoint_id_;
  int64_t checkpoint_timestamp_;
};

// Where a function finds its state when its operator instance starts (Flink's
// FunctionInitializationContext): the operator state store (list, union list and broadcast
// states of this instance, restored and redistributed when the job restored) and, on a
// keyed stream, the keyed state store. Valid during initializeState; the states it hands
// out live as long as the operator.
class FunctionInitializationContext {
 public:
  FunctionInitializationContext(std::optional<int64_t> restored_checkpoint_id, state::OperatorStateStore* operator_state,
                                state::KeyedStateBackend* keyed_state)
      : restored_checkpoint_id_(restored_checkpoint_id), operator_state_(operator_state), keyed_state_(keyed_state) {}

  // Whether the job started from a checkpoint or savepoint (Flink: of the whole job, even
  // when this operator had no state in it).
  bool isRestored() const { return restored_checkpoint_id_.has_value(); }
  std::optional<int64_t> getRestoredCheckpointId() const { return restored_checkpoint_id_; }
  state::OperatorStateStore& getOperatorStateStore() const { return *operator_state_; }
  // The keyed state of an operator on a stream keyed by K. Throws std::logic_error when the
  // operator is not keyed by K (a programming error; Flink's message for the unkeyed case).
  template <typename K>
  KeyedStateStore<K> getKeyedStateStore() const {
    auto* backend = dynamic_cast<state::KeyedStateBackendT<K>*>(keyed_state_);
    if (!backend) {
      throw std::logic_error(keyed_state_ ? "Keyed state was asked for with another key type than the stream's"
                                          : "Keyed state can only be used on a 'keyed stream', i.e., after a "
                                            "'keyBy()' operation.");
    }
    return KeyedStateStore<K>(backend);
  }

 private:
  std::optional<int64_t> restored_checkpoint_id_;
  state::OperatorStateStore* operator_state_;
  state::KeyedStateBackend* keyed_state_;
};

// A user function with state of its own in checkpoints (Flink's CheckpointedFunction): a
// map, flat-map, filter or process function, or a sink writer, may implement it.
// initializeState runs once per operator instance before open() (a fresh start or a
// restore); snapshotState when a checkpoint or savepoint is taken, before the state stores
// are copied, so that the function can move what it buffers into its states. Both run in
// the task's thread; what they throw fails the job naming the operator.
class CheckpointedFunction {
 public:
  virtual ~CheckpointedFunction() = default;
  virtual void snapshotState(const FunctionSnapshotContext& context) = 0;
  virtual void initializeState(FunctionInitializationContext& context) = 0;
};

}  // namespace eddy
