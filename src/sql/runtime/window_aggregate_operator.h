#pragma once

#include <absl/container/flat_hash_set.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/operators/internal_timer_service.h"
#include "eddy/runtime/stream_operator.h"
#include "eddy/windowing/time_window.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/window_aggs_handle.h"
#include "sql/runtime/window_buffer.h"

namespace eddy::sql {

// A GROUP BY with a TUMBLE or HOP group window, or a window aggregation over a window TVF
// (whose windows arrive in the rows' window_start/window_end fields), over event time
// (Flink's WindowAggOperator with its RecordsWindowBuffer, and WindowOperator for
// GroupWindowAggregate): every row is accumulated into the windows its rowtime falls in, per
// group key, and once the watermark passes a window's max timestamp (end - 1) the window
// emits +I[key, results, start, end, rowtime] per key. Rows of windows the watermark has
// already passed are late and dropped. Insert-only input and output.
//
// Rows are combined in a WindowBuffer per (key, window) first. A window whose entries are
// all still there when it fires is emitted straight from the buffer, never touching keyed
// state or timers. The buffer goes into keyed state — ValueState "window-accumulators" in
// the window's namespace, with an event-time timer at the window's max timestamp per key —
// when it is full and on every checkpoint (before the snapshot, so that the checkpoint holds
// every row before its barrier); windows fire from there through their timers. While a
// window may have accumulators in state, a key's first row in the buffer takes them back
// out (with the timer), so that a (key, window) lives either in the buffer or in state.
class WindowAggregateOperator final : public runtime::OneOutputOperator<RowChunk>,
                                      private operators::Triggerable<std::string, windowing::TimeWindow> {
 public:
  // The number of (key, window) entries the buffer holds before it goes to state, unless
  // given: on the heap backend, where the state would hold the same entries in as much
  // memory, 1M; on RocksDB, which keeps state off the heap, 256k.
  static constexpr size_t kHeapBufferCapacity = 1024 * 1024;
  static constexpr size_t kRocksDBBufferCapacity = 256 * 1024;

  WindowAggregateOperator(std::vector<int> keys, std::vector<AggregateCall> calls, GroupWindow window,
                          types::LogicalType output_type, std::optional<size_t> buffer_capacity = std::nullopt);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;
  // Moves the buffer into keyed state (Flink's prepareSnapshotPreBarrier); no operator state.
  Result<std::vector<std::string>> snapshotOperatorState(int64_t checkpoint_id) override;

 protected:
  void onWatermark(int64_t watermark) override;

 private:
  void onEventTime(const operators::InternalTimer<std::string, windowing::TimeWindow>& timer) override;
  void onProcessingTime(const operators::InternalTimer<std::string, windowing::TimeWindow>&) override {}

  // A row of the batch at hand in one of its windows, with its key's bytes in keys_, and
  // where it goes in the buffer as accumulateRows finds out.
  struct PendingRow {
    uint32_t row;
    uint32_t key_begin;
    uint32_t key_end;
    windowing::TimeWindow window;
    uint64_t hash = 0;
    WindowBuffer::EntryRef entry{};
  };

  // The rows of `rows` in their windows that are not late, into pending_.
  void collectRows(const types::ColumnBatch& rows);
  // Accumulates pending_ into the buffer, a step at a time over all of them.
  void accumulateRows(const types::ColumnBatch& rows);
  // If (`key`, `window`) may have accumulators in state, moves them into the new buffer
  // entry `entry`, with its timer.
  void takeFromState(std::string_view key, const windowing::TimeWindow& window, GroupAccumulators& entry);
  // Moves every buffered entry into keyed state, registering the timers of new ones
  // (Flink's CombineRecordsFunction).
  void drainBuffer();

  WindowAggsHandle aggs_;
  // As given to the constructor; open() picks the capacity by backend when not.
  std::optional<size_t> buffer_capacity_;
  WindowBuffer buffer_;
  std::optional<operators::InternalTimerService<std::string, windowing::TimeWindow>> timers_;
  // The windows that may have accumulators in state: those the buffer went into, and after
  // a restore any window until no timer is left.
  absl::flat_hash_set<windowing::TimeWindow> windows_in_state_;
  bool restored_windows_in_state_ = false;
  // Reused per batch.
  std::vector<PendingRow> pending_;
  std::string keys_;
  std::vector<windowing::TimeWindow> windows_;
};

}  // namespace eddy::sql
