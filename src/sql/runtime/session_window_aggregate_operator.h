#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eddy/operators/internal_timer_service.h"
#include "eddy/operators/merging_window_set.h"
#include "eddy/runtime/stream_operator.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "eddy/windowing/time_window.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/window_aggs_handle.h"

namespace eddy::sql {

// A GROUP BY SESSION(ts, gap) group window, or a window aggregation over a SESSION window
// TVF, over event time (Flink's WindowOperator with a merging SessionWindowAssigner and the
// event-time trigger). Every row opens the window [ts, ts + gap) of its group key (a SESSION
// TVF has put it in the row's window_start/window_end); windows that overlap merge, as
// Flink's MergingWindowSet keeps them in ValueState "session-window-set": the accumulators
// stay in the namespace of one of the merged windows ("window-accumulators") and the others'
// are merged into it. An event-time timer at a session's max timestamp (end - 1) emits
// +I[key, results, start, end, rowtime] once the watermark passes it and drops the session's
// state; merging moves the timer to the merged session. A row whose session the watermark
// has passed is late and dropped. Insert-only input and output. Used from its task thread.
class SessionWindowAggregateOperator final : public runtime::OneOutputOperator<RowChunk>,
                                             private operators::Triggerable<std::string, windowing::TimeWindow> {
 public:
  SessionWindowAggregateOperator(std::vector<int> keys, std::vector<AggregateCall> calls, GroupWindow window,
                                 types::LogicalType output_type);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 protected:
  void onWatermark(int64_t watermark) override;

 private:
  using WindowSet = operators::MergingWindowSet<windowing::TimeWindow>;

  void onEventTime(const operators::InternalTimer<std::string, windowing::TimeWindow>& timer) override;
  void onProcessingTime(const operators::InternalTimer<std::string, windowing::TimeWindow>&) override {}
  // Adds the window of one row to the current key's sessions and accumulates the row.
  void addRow(const types::ColumnBatch& rows, size_t row, const windowing::TimeWindow& window);
  void mergeSessions(const windowing::TimeWindow& result, const std::vector<windowing::TimeWindow>& merged,
                     const windowing::TimeWindow& state_window,
                     const std::vector<windowing::TimeWindow>& merged_state_windows);
  void registerTimer(const windowing::TimeWindow& window);
  void deleteTimer(const windowing::TimeWindow& window);

  // Flink's SessionWindowAssigner, for MergingWindowSet::addWindow.
  struct SessionMerger {
    template <typename F>
    void mergeWindows(std::vector<windowing::TimeWindow> windows, F&& merge) const {
      windowing::TimeWindow::mergeWindows(std::move(windows), std::forward<F>(merge));
    }
  };

  WindowAggsHandle aggs_;
  state::ValueState<WindowSet::Mapping>* window_sets_ = nullptr;
  std::optional<operators::InternalTimerService<std::string, windowing::TimeWindow>> timers_;
};

}  // namespace eddy::sql
