#pragma once

#include <optional>
#include <string>
#include <vector>

#include "eddy/operators/internal_timer_service.h"
#include "eddy/runtime/stream_operator.h"
#include "eddy/windowing/time_window.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/window_aggs_handle.h"

namespace eddy::sql {

// A GROUP BY with a TUMBLE or HOP group window, or a window aggregation over a window TVF
// (whose windows arrive in the rows' window_start/window_end fields), over event time
// (Flink's WindowOperator for GroupWindowAggregate and WindowAggregate, with the event-time
// trigger): every row is accumulated into the windows its rowtime falls in, per group key (ValueState
// "window-accumulators" in the window's namespace), and an event-time timer at the
// window's max timestamp (end - 1) emits +I[key, results, start, end, rowtime] once the
// watermark passes it, then drops the window's state. Rows of windows the watermark has
// already passed are late and dropped. Insert-only input and output.
class WindowAggregateOperator final : public runtime::OneOutputOperator<RowChunk>,
                                      private operators::Triggerable<std::string, windowing::TimeWindow> {
 public:
  WindowAggregateOperator(std::vector<int> keys, std::vector<AggregateCall> calls, GroupWindow window,
                          types::LogicalType output_type);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 protected:
  void onWatermark(int64_t watermark) override;

 private:
  void onEventTime(const operators::InternalTimer<std::string, windowing::TimeWindow>& timer) override;
  void onProcessingTime(const operators::InternalTimer<std::string, windowing::TimeWindow>&) override {}
  void accumulate(const types::ColumnBatch& rows, size_t row, const windowing::TimeWindow& window);

  WindowAggsHandle aggs_;
  std::optional<operators::InternalTimerService<std::string, windowing::TimeWindow>> timers_;
  // Reused per row.
  std::vector<windowing::TimeWindow> windows_;
};

}  // namespace eddy::sql
