#include "sql/runtime/row_watermark_generator.h"

#include <algorithm>
#include <stdexcept>

namespace eddy::sql {

void RowWatermarkGenerator::onEvent(const RowChunk& chunk, int64_t, WatermarkOutput&) {
  types::ColumnVector values(watermark_->expr().type);
  Status status = watermark_->evaluate(*chunk.batch, values);
  if (!status.ok()) throw std::runtime_error(status.message());
  // TIMESTAMP(3) and TIMESTAMP_LTZ(3) are epoch milliseconds.
  for (size_t i = 0; i < values.size(); ++i) {
    if (!values.isNull(i)) current_max_ = std::max(current_max_, values.valueAt<int64_t>(i));
  }
}

void RowWatermarkGenerator::onPeriodicEmit(WatermarkOutput& output) {
  if (current_max_ <= last_emitted_) return;
  last_emitted_ = current_max_;
  output.emitWatermark(current_max_);
}

WatermarkStrategy<RowChunk> RowWatermarkGenerator::strategy(std::shared_ptr<const ExpressionEvaluator> watermark) {
  return WatermarkStrategy<RowChunk>::forGenerator(
      [watermark] { return std::make_unique<RowWatermarkGenerator>(watermark); });
}

}  // namespace eddy::sql
