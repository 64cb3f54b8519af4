#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "eddy/runtime/stream_operator.h"
#include "eddy/state/state.h"
#include "sql/runtime/row_chunk.h"
#include "sql/runtime/row_selector.h"

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
  // Adds the rows of `batch` (RowChunks) to the bundle one at a time:
  // add(chunk, row, key) with the row's `keys` fields encoded as its group key
  // (row_selector.h), then counts the row, which ends the bundle when it is full.
  template <typename Add>
  void addRows(runtime::BatchBase& batch, const std::vector<int>& keys, Add&& add) {
    auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
    for (size_t b = 0; b < in.size(); ++b) {
      const std::shared_ptr<const types::ColumnBatch>& rows = in.values[b].batch;
      for (size_t i = 0; i < rows->size(); ++i) {
        row_key_.clear();
        encodeRowKey(*rows, keys, i, row_key_);
        add(rows, i, row_key_);
        if (++bundle_rows_ >= bundle_size_) endBundle();
      }
    }
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
  // Reused per row.
  std::string row_key_;
};

}  // namespace eddy::sql
