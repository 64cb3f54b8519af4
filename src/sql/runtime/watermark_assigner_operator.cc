#include "sql/runtime/watermark_assigner_operator.h"

#include "sql/runtime/row_watermark_generator.h"

namespace eddy::sql {

void WatermarkAssignerOperator::open() {
  if (interval_ms_ > 0) scheduleNext();
}

void WatermarkAssignerOperator::scheduleNext() {
  const int64_t now = processingTimeService().getCurrentProcessingTime();
  processingTimeService().registerTimer(now + interval_ms_, [this](int64_t) {
    emitIfHigher(current_max_);
    scheduleNext();
  });
}

void WatermarkAssignerOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  for (size_t b = 0; b < in.size(); ++b) current_max_ = maxWatermark(*watermark_, *in.values[b].batch, current_max_);
  typedOutput()->emitBatch(in);
  if (interval_ms_ == 0) emitIfHigher(current_max_);
}

void WatermarkAssignerOperator::onWatermark(int64_t watermark) { emitIfHigher(watermark); }

void WatermarkAssignerOperator::emitIfHigher(int64_t watermark) {
  if (watermark <= last_emitted_) return;
  last_emitted_ = watermark;
  output()->emitWatermark(watermark);
}

}  // namespace eddy::sql
