#pragma once

#include <cstdint>
#include <memory>

#include "eddy/runtime/stream_operator.h"
#include "sql/expression/expression_evaluator.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// Generates watermarks from a table's WATERMARK FOR expression (Flink's
// WatermarkAssignerOperator): evaluates the expression over every chunk, keeps the maximum,
// and emits it every `interval_ms` of processing time (pipeline.auto-watermark-interval)
// when it advanced; with an interval of 0, after every chunk. Watermarks from upstream (a
// values source emitting registered ones, the end of input) pass when they are higher than
// the last emitted.
class WatermarkAssignerOperator final : public runtime::OneOutputOperator<RowChunk> {
 public:
  WatermarkAssignerOperator(std::shared_ptr<const ExpressionEvaluator> watermark, int64_t interval_ms)
      : watermark_(std::move(watermark)), interval_ms_(interval_ms) {}

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 protected:
  void onWatermark(int64_t watermark) override;

 private:
  void emitIfHigher(int64_t watermark);
  void scheduleNext();

  std::shared_ptr<const ExpressionEvaluator> watermark_;
  int64_t interval_ms_;
  int64_t current_max_ = runtime::kMinWatermark;
  int64_t last_emitted_ = runtime::kMinWatermark;
};

}  // namespace eddy::sql
