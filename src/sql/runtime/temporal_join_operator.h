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

// An event-time temporal join against a versioned table (Flink's
// TemporalRowTimeJoinOperator), keyed by the join key (the versioned table's primary key).
// Left rows wait in MapState "left" (arrival number → row) until the watermark passes their
// time; the versioned table's rows are kept as versions in MapState "right" (time → row).
// When the watermark passes, each waiting left row (in arrival order) joins the latest version
// at or before its time if that version is an insert or update (not a delete) and the
// residual condition holds; a LEFT join emits it padded otherwise. The output row has the
// left row's kind. Versions older than the one valid at the watermark are dropped. Rows with
// a NULL time are dropped. Runs in the task thread.
class TemporalJoinOperator final : public runtime::OneOutputOperator<RowChunk>,
                                   private operators::Triggerable<std::string, state::VoidNamespace> {
 public:
  TemporalJoinOperator(std::shared_ptr<const StreamingJoinSpec> spec, TemporalJoinTimes times);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 protected:
  void onWatermark(int64_t watermark) override;

 private:
  void onEventTime(const operators::InternalTimer<std::string, state::VoidNamespace>& timer) override;
  void onProcessingTime(const operators::InternalTimer<std::string, state::VoidNamespace>&) override {}
  void processRow(const types::ColumnBatch& rows, size_t row, bool input_is_left);
  void registerSmallestTimer(int64_t time);
  // Emits the left rows up to the watermark; returns the smallest time still waiting (or max).
  int64_t emitResultAndCleanUpState();
  void emit(const std::string& left, types::RowKind kind, const std::string* right);

  std::shared_ptr<const StreamingJoinSpec> spec_;
  TemporalJoinTimes times_;
  bool left_outer_;
  size_t left_field_count_;
  size_t output_field_count_;
  ChunkBuilder builder_;
  JoinCondition condition_;
  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  std::optional<operators::InternalTimerService<std::string, state::VoidNamespace>> timers_;
  state::InternalMapState<state::VoidNamespace, int64_t, std::string>* left_state_ = nullptr;
  state::InternalMapState<state::VoidNamespace, int64_t, std::string>* right_state_ = nullptr;
  state::ValueState<int64_t>* next_left_index_ = nullptr;
  state::ValueState<int64_t>* registered_timer_ = nullptr;
  int64_t watermark_ = runtime::kMinWatermark;
  // Reused per row.
  types::ColumnBatch probe_;  // one waiting left row, decoded
  std::string key_;
  std::string value_;
  std::vector<StoredJoinRecord> candidate_;
  std::vector<char> matched_;
};

}  // namespace eddy::sql
