#pragma once

#include <cstdint>
#include <memory>

#include "eddy/functions/watermark_strategy.h"
#include "sql/expression/expression_evaluator.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// The larger of `current` and the highest non-NULL value of the watermark expression over
// `rows` (TIMESTAMP(3) and TIMESTAMP_LTZ(3) are epoch milliseconds). Throws
// std::runtime_error when the evaluation fails, which fails the job naming the operator.
int64_t maxWatermark(const ExpressionEvaluator& watermark, const types::ColumnBatch& rows, int64_t current);

// A table's WATERMARK FOR expression as a source's watermark generator (what Flink's
// WatermarkPushDownSpec gives a source that supports watermark push-down): evaluates the
// expression over every chunk of its split, keeps the maximum, and emits it periodically
// (pipeline.auto-watermark-interval) when it advanced. One per split; the evaluator is
// shared. A failing evaluation throws, which fails the job naming the source.
class RowWatermarkGenerator final : public WatermarkGenerator<RowChunk> {
 public:
  explicit RowWatermarkGenerator(std::shared_ptr<const ExpressionEvaluator> watermark)
      : watermark_(std::move(watermark)) {}

  void onEvent(const RowChunk& chunk, int64_t timestamp, WatermarkOutput& output) override;
  void onPeriodicEmit(WatermarkOutput& output) override;

  // The strategy whose generators evaluate `watermark` over the source's produced rows.
  static WatermarkStrategy<RowChunk> strategy(std::shared_ptr<const ExpressionEvaluator> watermark);

 private:
  std::shared_ptr<const ExpressionEvaluator> watermark_;
  int64_t current_max_ = runtime::kMinWatermark;
  int64_t last_emitted_ = runtime::kMinWatermark;
};

}  // namespace eddy::sql
