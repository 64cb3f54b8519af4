#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eddy/operators/internal_timer_service.h"
#include "eddy/runtime/stream_operator.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "eddy/windowing/time_window.h"
#include "sql/runtime/chunk_builder.h"
#include "sql/runtime/join_condition.h"
#include "sql/runtime/streaming_join_operator.h"

namespace eddy::sql {

// A window join of two insert-only window table function outputs (Flink's WindowJoinOperator
// with its Inner/LeftOuter/RightOuter/FullOuter/Semi/AntiJoinOperator), keyed by the join
// key like StreamingJoinOperator. Each row is kept under its window (the row's window_start
// and window_end) in ValueState "left-records" / "right-records" until the watermark passes
// the window's end - 1; an event-time timer then joins the window's rows, left rows in
// arrival order each against the right rows in arrival order (residual condition TRUE):
//   inner   +I[left, right] per matching pair;
//   outer   also +I[row, nulls] for each row of an outer side without a match;
//   semi    +I[left] for each left row with a match, anti for each without;
// and drops both lists. A row whose window end - 1 is at or before the watermark is late and
// dropped, as a row with a NULL window or a NULL key compared with `=`. Insert-only output;
// runs in the task thread.
class WindowJoinOperator final : public runtime::OneOutputOperator<RowChunk>,
                                 private operators::Triggerable<std::string, windowing::TimeWindow> {
 public:
  // `window_fields`: the window_start and window_end fields of the left ([0], [1]) and of the
  // right input ([2], [3]).
  WindowJoinOperator(std::shared_ptr<const StreamingJoinSpec> spec, std::vector<int> window_fields);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 protected:
  void onWatermark(int64_t watermark) override;

 private:
  void onEventTime(const operators::InternalTimer<std::string, windowing::TimeWindow>& timer) override;
  void onProcessingTime(const operators::InternalTimer<std::string, windowing::TimeWindow>&) override {}
  void processRow(const types::ColumnBatch& rows, size_t row, bool input_is_left);
  void emitJoined(const std::string& left, const std::string& right);
  // A left row alone (semi / anti), or a row of either side with nulls for the other.
  void emitLeft(const std::string& left);
  void emitPadded(const std::string& record, bool record_is_left);

  std::shared_ptr<const StreamingJoinSpec> spec_;
  std::vector<int> window_fields_;
  bool left_outer_;
  bool right_outer_;
  size_t left_field_count_;
  size_t output_field_count_;
  ChunkBuilder builder_;
  JoinCondition condition_;
  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  state::InternalValueState<windowing::TimeWindow, std::string>* records_[2] = {nullptr, nullptr};
  std::optional<operators::InternalTimerService<std::string, windowing::TimeWindow>> timers_;
  int64_t watermark_ = runtime::kMinWatermark;
  // Reused per row and per window.
  std::string key_;
  std::string record_;
  std::vector<std::string> left_rows_;
  std::vector<StoredJoinRecord> right_rows_;
  std::vector<char> matched_;
  std::vector<char> right_matched_;
};

}  // namespace eddy::sql
