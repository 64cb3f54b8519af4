#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/runtime/output.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "eddy/windowing/time_window.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/aggregate_accumulators.h"
#include "sql/runtime/chunk_builder.h"

namespace eddy::sql {

// The aggregation the window aggregate operators share (Flink's NamespaceAggsHandleFunction
// over window namespaces, with WindowOperator's emitting of a fired window): the group key
// of a row, the accumulators of each (key, window) in keyed ValueState "window-accumulators"
// under the window's namespace, and the +I[key, results, start, end, rowtime] row of a fired
// window, batched into chunks. Accumulators are updated in place (on the heap backend; read
// and written back on RocksDB). When windows fire and which are late is the operators' part.
// Owned by one operator and used from its task thread.
class WindowAggsHandle {
 public:
  WindowAggsHandle(std::vector<int> keys, std::vector<AggregateCall> calls, GroupWindow window,
                   types::LogicalType output_type);

  // Gets the accumulators' state. REQUIRES: once, from the operator's open().
  void open(state::KeyedStateBackendT<std::string>* backend);

  const GroupWindow& window() const { return window_; }

  // Makes the group key of row `row` (or the encoded key `key`) the current key, of the
  // backend and currentKey().
  void setCurrentKey(const types::ColumnBatch& rows, size_t row);
  void setCurrentKey(std::string_view key);
  const std::string& currentKey() const { return key_; }

  // Appends the encoded group key of row `row` to `out`.
  void encodeKey(const types::ColumnBatch& rows, size_t row, std::string& out) const;
  // Accumulates row `row` into `group`, accumulators kept outside state (a WindowBuffer's).
  void accumulate(GroupAccumulators& group, const types::ColumnBatch& rows, size_t row) {
    accumulateRow(group, calls_, rows, row, false, scratch_);
  }

  // For the rows of a window TVF, whose windows came assigned in their window_start and
  // window_end fields: calls `accumulate(row, window)` for each row with its key current.
  template <typename Accumulate>
  void forEachAssignedWindow(const types::ColumnBatch& rows, Accumulate&& accumulate);

  // Accumulates row `row` into the current key's accumulators of `window`. If the key has
  // none there yet they are created, and `on_create()` is called first (e.g. to register
  // the window's timer).
  template <typename OnCreate>
  void accumulate(const windowing::TimeWindow& window, const types::ColumnBatch& rows, size_t row,
                  OnCreate&& on_create);

  // Merges the current key's accumulators of the `merged` windows into those of `target`
  // (Flink's AggsHandleFunction#merge, when sessions join) and drops theirs.
  void merge(const windowing::TimeWindow& target, const std::vector<windowing::TimeWindow>& merged);

  // The current key's accumulators of `window`, removed from state, if it has any.
  std::optional<GroupAccumulators> take(const windowing::TimeWindow& window);
  // Stores `group` as the current key's accumulators of `window`, replacing any. Returns
  // whether the key had none there (e.g. to register the window's timer).
  bool store(const windowing::TimeWindow& window, GroupAccumulators&& group);

  // Fires `window` for `key`, the current key: if it has accumulators in `state_window`,
  // appends the row of their results with `window`'s properties and drops them.
  void emitWindow(const std::string& key, const windowing::TimeWindow& state_window,
                  const windowing::TimeWindow& window, runtime::Output<RowChunk>* output);
  // Appends the row of `group`'s results for `key` with `window`'s properties.
  void emitRow(std::string_view key, const GroupAccumulators& group, const windowing::TimeWindow& window,
               runtime::Output<RowChunk>* output);

  // Emits the rows appended so far.
  void flush(runtime::Output<RowChunk>* output) { builder_.flush(output); }

 private:
  // Makes `window` the namespace and returns the current key's accumulators there, created
  // with one accumulator per call if there were none (`created` tells).
  GroupAccumulators& load(const windowing::TimeWindow& window, bool& created);

  std::vector<int> keys_;
  std::vector<AggregateCall> calls_;
  GroupWindow window_;
  ChunkBuilder builder_;
  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  state::HeapValueState<std::string, windowing::TimeWindow, GroupAccumulators>* accumulators_ = nullptr;
  // Reused per row.
  std::string key_;
  std::string scratch_;
  std::string results_;
};

template <typename Accumulate>
void WindowAggsHandle::forEachAssignedWindow(const types::ColumnBatch& rows, Accumulate&& accumulate) {
  const types::ColumnVector& starts = rows.column(static_cast<size_t>(window_.start_field));
  const types::ColumnVector& ends = rows.column(static_cast<size_t>(window_.end_field));
  for (size_t i = 0; i < rows.size(); ++i) {
    setCurrentKey(rows, i);
    accumulate(i, windowing::TimeWindow{starts.valueAt<int64_t>(i), ends.valueAt<int64_t>(i)});
  }
}

template <typename OnCreate>
void WindowAggsHandle::accumulate(const windowing::TimeWindow& window, const types::ColumnBatch& rows, size_t row,
                                  OnCreate&& on_create) {
  bool created = false;
  GroupAccumulators& group = load(window, created);
  if (created) on_create();
  accumulateRow(group, calls_, rows, row, false, scratch_);
}

}  // namespace eddy::sql
