#include "sql/runtime/mini_batch_assigner_operator.h"

#include <algorithm>

namespace eddy::sql {

void MiniBatchAssignerOperator::open() {
  if (!interval_.rowtime) {
    scheduleNext();
    return;
  }
  // As Flink's RowTimeMiniBatchAssginerOperator: event time starts at 0, so the first
  // watermark that passes is the first to reach the end of an interval.
  current_watermark_ = 0;
  next_watermark_ = miniBatchStart(0) + interval_.interval_ms - 1;
}

void MiniBatchAssignerOperator::scheduleNext() {
  const int64_t now = processingTimeService().getCurrentProcessingTime();
  const int64_t batch_start = now - now % interval_.interval_ms;
  processingTimeService().registerTimer(batch_start + interval_.interval_ms, [this](int64_t) {
    advanceProcessingTime();
    scheduleNext();
  });
}

void MiniBatchAssignerOperator::advanceProcessingTime() {
  if (current_watermark_ == runtime::kMaxWatermark) return;
  const int64_t now = processingTimeService().getCurrentProcessingTime();
  const int64_t batch_start = now - now % interval_.interval_ms;
  if (batch_start <= current_watermark_) return;
  current_watermark_ = batch_start;
  output()->emitWatermark(batch_start);
}

void MiniBatchAssignerOperator::processBatch(runtime::BatchBase& batch, int) {
  if (!interval_.rowtime) advanceProcessingTime();
  typedOutput()->emitBatch(static_cast<runtime::RecordBatch<RowChunk>&>(batch));
}

void MiniBatchAssignerOperator::onWatermark(int64_t watermark) {
  // The final watermark ends the input: it always passes.
  if (watermark == runtime::kMaxWatermark) {
    if (current_watermark_ == runtime::kMaxWatermark) return;
    current_watermark_ = watermark;
    output()->emitWatermark(watermark);
    return;
  }
  if (!interval_.rowtime) return;
  current_watermark_ = std::max(current_watermark_, watermark);
  if (current_watermark_ < next_watermark_) return;
  output()->emitWatermark(current_watermark_);
  const int64_t end = miniBatchStart(current_watermark_) + interval_.interval_ms - 1;
  next_watermark_ = end > current_watermark_ ? end : end + interval_.interval_ms;
}

int64_t MiniBatchAssignerOperator::miniBatchStart(int64_t watermark) const {
  return watermark - (watermark + interval_.interval_ms) % interval_.interval_ms;
}

}  // namespace eddy::sql
