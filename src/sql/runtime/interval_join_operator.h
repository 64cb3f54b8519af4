#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eddy/operators/internal_timer_service.h"
#include "eddy/runtime/stream_operator.h"
#include "eddy/state/namespaces.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "sql/runtime/chunk_builder.h"
#include "sql/runtime/join_condition.h"
#include "sql/runtime/streaming_join_operator.h"

namespace eddy::sql {

// An event-time interval join of two insert-only streams (Flink's RowTimeIntervalJoin in a
// KeyedCoProcessOperatorWithWatermarkDelay), keyed by the join key like
// StreamingJoinOperator. A left row at time lt joins the right rows with
//   lt - left_upper_bound <= rt <= lt - left_lower_bound
// (and the residual condition). Rows are cached per key in MapState "left-cache" /
// "right-cache" (time → the rows of that time, each with whether it joined) while the other
// side's watermark can still bring partners; cleanup timers (ValueState "left-timer" /
// "right-timer") drop expired rows, and for an outer side emit +I[row, nulls] for rows that
// never joined. A row that arrives after the other side's rows of its interval expired is
// late: it joins what is still cached and, on an outer side, is padded at once. Output is
// insert-only; the output watermark is held back by the larger relative window size. Rows
// with a NULL time are dropped. Runs in the task thread.
class IntervalJoinOperator final : public runtime::OneOutputOperator<RowChunk>,
                                   private operators::Triggerable<std::string, state::VoidNamespace> {
 public:
  IntervalJoinOperator(std::shared_ptr<const StreamingJoinSpec> spec, WindowBounds bounds);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 protected:
  void onWatermark(int64_t watermark) override;

 private:
  // One side's cache and cleanup timer.
  struct Side {
    state::InternalMapState<state::VoidNamespace, int64_t, std::string>* cache = nullptr;
    state::ValueState<int64_t>* timer = nullptr;
    int time_index = -1;
    bool outer = false;
  };

  void onEventTime(const operators::InternalTimer<std::string, state::VoidNamespace>& timer) override;
  void onProcessingTime(const operators::InternalTimer<std::string, state::VoidNamespace>&) override {}
  void processRow(const types::ColumnBatch& rows, size_t row, bool input_is_left);
  void registerCleanUpTimer(int64_t row_time, bool left_row);
  void removeExpiredRows(int64_t expiration_time, bool remove_left);
  void emitJoined(const std::string& left, const std::string& right);
  void emitPadded(const std::string& record, bool record_is_left);
  int64_t operatorTime() const;

  std::shared_ptr<const StreamingJoinSpec> spec_;
  int64_t left_relative_size_;
  int64_t right_relative_size_;
  int64_t min_clean_up_interval_;
  size_t left_field_count_;
  size_t output_field_count_;
  ChunkBuilder builder_;
  JoinCondition condition_;
  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  std::optional<operators::InternalTimerService<std::string, state::VoidNamespace>> timers_;
  Side sides_[2];
  int64_t watermark_ = runtime::kMinWatermark;
  // Flink keeps these per operator instance, not per key (an approximation it documents).
  int64_t left_expiration_time_ = 0;
  int64_t right_expiration_time_ = 0;
  // Reused per row.
  std::string key_;
  std::string record_;
  std::vector<StoredJoinRecord> candidates_;
  std::vector<char> matched_;
};

}  // namespace eddy::sql
