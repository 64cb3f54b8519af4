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
//   - RowTime: an upstream watermark passes only when it reaches the end of the current
//     interval of event time (the interval holding the last watermark that passed; intervals
//     start at multiples of the interval from epoch 0, and event time starts at 0), plus the
//     final one, so bundles close once per interval of event time.
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
  // Flink's getMiniBatchStart: the start of the interval holding `watermark`.
  int64_t miniBatchStart(int64_t watermark) const;

  MiniBatchInterval interval_;
  int64_t current_watermark_ = runtime::kMinWatermark;
  // RowTime: the least watermark that passes next.
  int64_t next_watermark_ = runtime::kMinWatermark;
};

}  // namespace eddy::sql
