#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eddy/runtime/stream_operator.h"
#include "eddy/state/state.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// What the mini-batch aggregations share (Flink's AbstractMapBundleOperator with its
// CountBundleTrigger): a bundle ends after `bundle_size` input rows, on every watermark
// (before the watermark passes on; the MiniBatchAssigner emits them) and at the end of input.
// On a checkpoint the open bundle goes into the operator state "mini-batch-bundle" as one
// element per key (saveBundle), and comes back from it on restore (open). Used by one task
// thread.
class MiniBatchBundleOperator : public runtime::OneOutputOperator<RowChunk> {
 public:
  void finish() override { endBundle(); }
  Result<std::vector<std::string>> snapshotOperatorState(int64_t checkpoint_id) override;

 protected:
  // `union_state`: every instance restores the elements of all (keyed operators keep those
  // of their key groups); otherwise they are split over the instances.
  MiniBatchBundleOperator(int64_t bundle_size, bool union_state)
      : bundle_size_(bundle_size), union_state_(union_state) {}

  void onWatermark(int64_t watermark) override;
  // The saved bundle's elements, to restore in open().
  const std::vector<std::string>& savedBundle();
  // Counts one input row into the bundle; ends the bundle when it is full.
  void countRow() {
    if (++bundle_rows_ >= bundle_size_) endBundle();
  }
  void endBundle();

  // Emits the results of the bundle and empties it.
  virtual void finishBundle() = 0;
  // The bundle's elements for the operator state.
  virtual void saveBundle(std::vector<std::string>& elements) = 0;

 private:
  state::ListState<std::string>* bundleState();

  int64_t bundle_size_;
  bool union_state_;
  int64_t bundle_rows_ = 0;
  state::ListState<std::string>* bundle_state_ = nullptr;
  std::vector<std::string> elements_;
};

}  // namespace eddy::sql
