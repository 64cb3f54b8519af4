#pragma once

#include <cstdint>

#include "eddy/runtime/stream_operator.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// Closes the bundles of the mini-batch operators downstream by emitting watermarks (Flink's
// ProcTimeMiniBatchAssignerOperator and RowTimeMiniBatchAssginerOperator); rows pass as they
// are. Those operators finish a bundle on every watermark.
//   - ProcTime: a watermark at the start of each interval of processing time, from a timer
//     and before the first chunk of a new interval; watermarks from upstream are dropped,
//     except the final one (end of input).
//   - RowTime: upstream watermarks pass only when they reach the end of the current interval
//     (plus the final one), so bundles close once per interval of event time.
// Used by one task thread.
class MiniBatchAssignerOperator final : public runtime::OneOutputOperator<RowChunk> {
 public:
  explicit MiniBatchAssignerOperator(MiniBatchInterval interval) : interval_(interval) {}

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 protected:
  void onWatermark(int64_t watermark) override;

 private:
  // ProcTime: emits the start of the current interval when a new interval began.
  void advanceProcessingTime();
  void scheduleNext();

  MiniBatchInterval interval_;
  int64_t current_watermark_ = runtime::kMinWatermark;
  // RowTime: the watermark that closes the current interval.
  int64_t expected_watermark_ = runtime::kMinWatermark;
};

}  // namespace eddy::sql
