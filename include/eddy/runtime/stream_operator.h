#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/runtime/output.h"
#include "eddy/runtime/processing_time_service.h"
#include "eddy/runtime/record_batch.h"
#include "eddy/state/operator_state_store.h"

namespace eddy {
class CheckpointedFunction;
}  // namespace eddy

namespace eddy::state {
class KeyedStateBackend;
}  // namespace eddy::state

namespace eddy::runtime {

// What an operator instance knows about where it runs.
struct OperatorInfo {
  std::string name;
  std::string uid;
  int subtask_index = 0;
  int parallelism = 1;
  int max_parallelism = 128;
};

// Thrown through the chain when user code fails, carrying the operator's name so that the
// job fails with "operator 'X' failed: cause". Exceptions are for this boundary only.
class OperatorException : public std::runtime_error {
 public:
  OperatorException(std::string operator_name, const std::string& cause)
      : std::runtime_error(cause), operator_name_(std::move(operator_name)) {}
  const std::string& operatorName() const { return operator_name_; }

 private:
  std::string operator_name_;
};

// Unwinds a task that was cancelled while blocked (e.g. on a full channel); not an error of
// the operator it passes through.
struct TaskCancelledException {};

// Everything the task hands an operator before open(): outputs, time, state.
struct OperatorSetup {
  OperatorInfo info;
  int num_inputs = 1;
  OutputBase* output = nullptr;
  std::unordered_map<std::string, OutputBase*> side_outputs;
  ProcessingTimeService* processing_time = nullptr;
  state::KeyedStateBackend* keyed_state = nullptr;
};

// The base of every operator, as Flink's StreamOperator. Lifecycle, all in the task thread:
//
//   setup → open → (processBatch | processWatermark | processing-time callbacks)* → finish → close
//
// processBatch is the only per-data call and takes a whole batch: one virtual call per batch.
// Watermarks arrive per input; the base keeps the minimum over the inputs and calls
// onWatermark when it advances (Flink's two-input watermark rule).
class StreamOperator {
 public:
  virtual ~StreamOperator() = default;

  void setup(OperatorSetup setup);
  virtual void open() {}
  // `input` is 0, or 1 for the second input of a two-input operator.
  virtual void processBatch(BatchBase& batch, int input) = 0;
  void processWatermark(int64_t watermark, int input);
  // An input became idle (its watermark no longer counts) or active again.
  void processWatermarkStatus(bool idle, int input);
  // Called once all inputs have ended, after the final watermark: emit what is pending.
  virtual void finish() {}
  virtual void close() {}

  // Checkpoints (Flink's snapshotState / initializeState / notifyCheckpointComplete). The
  // operator's non-keyed list state, e.g. a source's unfinished splits; keyed state is
  // taken from the keyed backend by the task.
  virtual Result<std::vector<std::string>> snapshotOperatorState(int64_t /*checkpoint_id*/) {
    return std::vector<std::string>{};
  }
  // Before open(): the operator state restored for this instance (empty on a fresh start).
  virtual Status initializeState(const std::vector<std::string>& /*operator_state*/) { return Status::OK(); }
  virtual void notifyCheckpointComplete(int64_t /*checkpoint_id*/) {}
  state::KeyedStateBackend* keyedState() const { return setup_.keyed_state; }

  // Managed operator state (Flink's OperatorStateBackend): the named list, union list and
  // broadcast states of this instance, and the user function's CheckpointedFunction hooks.
  // Before the task starts: what this instance restores, already redistributed, and the id
  // of the checkpoint the job restores from (none on a fresh start).
  void restoreManagedOperatorState(std::optional<int64_t> restored_checkpoint_id,
                                   std::vector<state::OperatorStateSnapshot> states);
  // In the task thread, before open(): the user function's initializeState, if it has one.
  void initializeManagedOperatorState();
  // On a checkpoint: the user function's snapshotState, then a copy of every state.
  std::vector<state::OperatorStateSnapshot> snapshotManagedOperatorState(int64_t checkpoint_id, int64_t timestamp);
  state::OperatorStateStore& operatorStateStore() { return *operator_state_store_; }

  const OperatorInfo& info() const { return setup_.info; }
  const std::string& name() const { return setup_.info.name; }
  int64_t currentWatermark() const { return current_watermark_; }

 protected:
  // Called when the combined input watermark advances. The default forwards it.
  virtual void onWatermark(int64_t watermark) { output()->emitWatermark(watermark); }

  OutputBase* output() const { return setup_.output; }
  OutputBase* sideOutput(const std::string& tag_id) const;
  ProcessingTimeService& processingTimeService() const { return *processing_time_; }
  state::KeyedStateBackend* keyedStateBackend() const { return setup_.keyed_state; }
  // The user function's CheckpointedFunction side, if it has one: operators that run a
  // user function return it (Flink's AbstractUdfStreamOperator). Called once per
  // initialization and checkpoint, never per record.
  virtual CheckpointedFunction* checkpointedFunction() { return nullptr; }

 private:
  // The task's processing-time service, with callbacks that fail naming this operator.
  class NamedProcessingTimeService final : public ProcessingTimeService {
   public:
    NamedProcessingTimeService(ProcessingTimeService* task, const StreamOperator* op) : task_(task), op_(op) {}
    int64_t getCurrentProcessingTime() override { return task_->getCurrentProcessingTime(); }
    void registerTimer(int64_t time, std::function<void(int64_t)> callback) override;

   private:
    ProcessingTimeService* task_;
    const StreamOperator* op_;
  };

  OperatorSetup setup_;
  std::unique_ptr<NamedProcessingTimeService> processing_time_;
  std::optional<int64_t> restored_checkpoint_id_;
  std::unique_ptr<state::OperatorStateStore> operator_state_store_ = std::make_unique<state::OperatorStateStore>();
  void advanceCombinedWatermark();

  int64_t input_watermarks_[2] = {kMinWatermark, kMinWatermark};
  bool input_idle_[2] = {false, false};
  bool idle_ = false;
  int64_t current_watermark_ = kMinWatermark;
};

// Calls `op`, turning an exception from user code into an OperatorException that names
// the operator (one that already names an operator passes unchanged).
template <typename F>
inline void callOperator(const StreamOperator* op, F&& f) {
  try {
    f();
  } catch (const OperatorException&) {
    throw;
  } catch (const TaskCancelledException&) {
    throw;
  } catch (const std::exception& e) {
    throw OperatorException(op->name(), e.what());
  } catch (...) {
    throw OperatorException(op->name(), "an exception not derived from std::exception was thrown");
  }
}

// An operator with one typed main output.
template <typename OUT>
class OneOutputOperator : public StreamOperator {
 protected:
  Output<OUT>* typedOutput() const { return static_cast<Output<OUT>*>(output()); }
};

}  // namespace eddy::runtime
