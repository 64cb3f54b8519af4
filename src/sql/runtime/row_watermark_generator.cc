#include "sql/runtime/row_watermark_generator.h"

#include <algorithm>
#include <stdexcept>

namespace eddy::sql {

int64_t maxWatermark(const ExpressionEvaluator& watermark, const types::ColumnBatch& rows, int64_t current) {
  types::ColumnVector values(watermark.expr().type);
  Status status = watermark.evaluate(rows, values);
  if (!status.ok()) throw std::runtime_error(status.message());
  for (size_t i = 0; i < values.size(); ++i) {
    if (!values.isNull(i)) current = std::max(current, values.valueAt<int64_t>(i));
  }
  return current;
}

void RowWatermarkGenerator::onEvent(const RowChunk& chunk, int64_t, WatermarkOutput&) {
  current_max_ = maxWatermark(*watermark_, *chunk.batch, current_max_);
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
