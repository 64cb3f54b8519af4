#include "sql/runtime/mini_batch_bundle_operator.h"

#include "eddy/state/state_descriptor.h"
#include "sql/runtime/mini_batch_bundle.h"

namespace eddy::sql {

state::ListState<std::string>* MiniBatchBundleOperator::bundleState() {
  if (!bundle_state_) {
    const state::ListStateDescriptor<std::string> descriptor(kBundleStateName);
    bundle_state_ = union_state_ ? operatorStateStore().getUnionListState(descriptor)
                                 : operatorStateStore().getListState(descriptor);
  }
  return bundle_state_;
}

const std::vector<std::string>& MiniBatchBundleOperator::savedBundle() { return bundleState()->get(); }

void MiniBatchBundleOperator::endBundle() {
  finishBundle();
  bundle_rows_ = 0;
}

void MiniBatchBundleOperator::onWatermark(int64_t watermark) {
  endBundle();
  output()->emitWatermark(watermark);
}

Result<std::vector<std::string>> MiniBatchBundleOperator::snapshotOperatorState(int64_t) {
  elements_.clear();
  saveBundle(elements_);
  bundleState()->update(elements_);
  return std::vector<std::string>{};
}

}  // namespace eddy::sql
