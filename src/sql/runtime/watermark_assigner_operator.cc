#include "sql/runtime/watermark_assigner_operator.h"

#include <algorithm>
#include <stdexcept>

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
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    types::ColumnVector values(watermark_->expr().type);
    Status status = watermark_->evaluate(rows, values);
    if (!status.ok()) throw std::runtime_error(status.message());
    // TIMESTAMP(3) and TIMESTAMP_LTZ(3) are epoch milliseconds.
    for (size_t i = 0; i < values.size(); ++i) {
      if (!values.isNull(i)) current_max_ = std::max(current_max_, values.valueAt<int64_t>(i));
    }
  }
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
