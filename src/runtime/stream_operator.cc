#include "eddy/runtime/stream_operator.h"

#include <algorithm>

#include "eddy/functions/checkpointed_function.h"

namespace eddy::runtime {

void StreamOperator::setup(OperatorSetup setup) {
  setup_ = std::move(setup);
  processing_time_ = std::make_unique<NamedProcessingTimeService>(setup_.processing_time, this);
}

void StreamOperator::NamedProcessingTimeService::registerTimer(int64_t time, std::function<void(int64_t)> callback) {
  const StreamOperator* op = op_;
  task_->registerTimer(time, [op, callback = std::move(callback)](int64_t fire_time) {
    callOperator(op, [&] { callback(fire_time); });
  });
}

void StreamOperator::processWatermark(int64_t watermark, int input) {
  input_watermarks_[input] = watermark;
  input_idle_[input] = false;
  advanceCombinedWatermark();
}

void StreamOperator::advanceCombinedWatermark() {
  int64_t combined = input_watermarks_[0];
  if (setup_.num_inputs == 2) {
    if (input_idle_[0]) combined = input_watermarks_[1];
    else if (!input_idle_[1]) combined = std::min(input_watermarks_[0], input_watermarks_[1]);
  }
  if (combined > current_watermark_) {
    current_watermark_ = combined;
    onWatermark(combined);
  }
}

void StreamOperator::processWatermarkStatus(bool idle, int input) {
  input_idle_[input] = idle;
  bool all_idle = input_idle_[0] && (setup_.num_inputs < 2 || input_idle_[1]);
  if (!idle && setup_.num_inputs == 2) advanceCombinedWatermark();
  if (idle && setup_.num_inputs == 2 && !all_idle) advanceCombinedWatermark();
  if (all_idle != idle_) {
    idle_ = all_idle;
    output()->emitWatermarkStatus(all_idle);
  }
}

void StreamOperator::restoreManagedOperatorState(std::optional<int64_t> restored_checkpoint_id,
                                                 std::vector<state::OperatorStateSnapshot> states) {
  restored_checkpoint_id_ = restored_checkpoint_id;
  operator_state_store_ = std::make_unique<state::OperatorStateStore>(std::move(states));
}

void StreamOperator::initializeManagedOperatorState() {
  CheckpointedFunction* function = checkpointedFunction();
  if (!function) return;
  FunctionInitializationContext context(restored_checkpoint_id_, operator_state_store_.get(), setup_.keyed_state);
  function->initializeState(context);
}

std::vector<state::OperatorStateSnapshot> StreamOperator::snapshotManagedOperatorState(int64_t checkpoint_id,
                                                                                      int64_t timestamp) {
  if (CheckpointedFunction* function = checkpointedFunction()) {
    function->snapshotState(FunctionSnapshotContext(checkpoint_id, timestamp));
  }
  return operator_state_store_->snapshot();
}

OutputBase* StreamOperator::sideOutput(const std::string& tag_id) const {
  auto it = setup_.side_outputs.find(tag_id);
  return it == setup_.side_outputs.end() ? nullptr : it->second;
}

}  // namespace eddy::runtime
