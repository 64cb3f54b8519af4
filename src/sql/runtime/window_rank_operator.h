#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eddy/operators/internal_timer_service.h"
#include "eddy/runtime/stream_operator.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "eddy/windowing/time_window.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/rank_output.h"
#include "sql/runtime/sort_key.h"

namespace eddy::sql {

// Window Top-N over a window TVF (Flink's WindowRankOperator with ROW_NUMBER): per
// partition key and window (read from the rows' window_start/window_end fields), ValueState
// "window-topn" in the window's namespace keeps the best `rank_end` rows in sort order;
// when the watermark passes the window's end - 1 an event-time timer emits them as
// +I[row(, rank)] for the ranks from rank_start on and drops the window's state. Rows of windows the watermark has passed
// are late and dropped. Insert-only in and out.
class WindowRankOperator final : public runtime::OneOutputOperator<RowChunk>,
                                 private operators::Triggerable<std::string, windowing::TimeWindow> {
 public:
  WindowRankOperator(std::vector<int> keys, std::vector<SortField> sort, GroupWindow window, int64_t rank_start,
                     int64_t rank_end, bool output_rank_number, size_t input_fields, types::LogicalType output_type);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 protected:
  void onWatermark(int64_t watermark) override;

 private:
  void onEventTime(const operators::InternalTimer<std::string, windowing::TimeWindow>& timer) override;
  void onProcessingTime(const operators::InternalTimer<std::string, windowing::TimeWindow>&) override {}

  std::vector<int> keys_;
  std::vector<SortField> sort_;
  GroupWindow window_;
  size_t top_n_;
  std::vector<int> all_fields_;
  RankOutput out_;
  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  state::InternalValueState<windowing::TimeWindow, std::string>* top_ = nullptr;
  std::optional<operators::InternalTimerService<std::string, windowing::TimeWindow>> timers_;
  // Reused per row.
  std::string key_;
  std::string sort_key_;
  std::string row_;
  SortedRows buffer_;
};

}  // namespace eddy::sql
