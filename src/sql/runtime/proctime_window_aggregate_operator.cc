#include "sql/runtime/proctime_window_aggregate_operator.h"

#include <utility>

#include "eddy/state/typed_keyed_state_backend.h"
#include "sql/runtime/window_assigner.h"

namespace eddy::sql {

using windowing::TimeWindow;

ProcTimeWindowAggregateOperator::ProcTimeWindowAggregateOperator(std::vector<int> keys, std::vector<AggregateCall> calls,
                                                                 GroupWindow window, types::LogicalType output_type)
    : aggs_(std::move(keys), std::move(calls), window, std::move(output_type)) {}

void ProcTimeWindowAggregateOperator::open() {
  aggs_.open(static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend()));
}

void ProcTimeWindowAggregateOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    if (aggs_.window().start_field >= 0) {
      // Windows assigned upstream by a window table function.
      aggs_.forEachAssignedWindow(rows, [&](size_t i, const TimeWindow& window) { accumulate(rows, i, window); });
      continue;
    }
    windows_.clear();
    assignWindows(aggs_.window(), processingTimeService().getCurrentProcessingTime(), windows_);
    for (size_t i = 0; i < rows.size(); ++i) {
      aggs_.setCurrentKey(rows, i);
      for (const TimeWindow& window : windows_) accumulate(rows, i, window);
    }
  }
}

void ProcTimeWindowAggregateOperator::accumulate(const types::ColumnBatch& rows, size_t row, const TimeWindow& window) {
  aggs_.accumulate(window, rows, row, [&] {
    auto [pending, inserted] = pending_.try_emplace(WindowKey{window.end, window.start});
    pending->second.push_back(aggs_.currentKey());
    if (inserted) {
      processingTimeService().registerTimer(window.maxTimestamp(), [this](int64_t time) {
        fireUpTo(time);
        aggs_.flush(typedOutput());
      });
    }
  });
}

void ProcTimeWindowAggregateOperator::fireUpTo(int64_t time) {
  while (!pending_.empty()) {
    auto first = pending_.begin();
    const TimeWindow window{first->first.second, first->first.first};
    if (window.maxTimestamp() > time) return;
    const std::vector<std::string> keys = std::move(first->second);
    pending_.erase(first);
    fire(window, keys);
  }
}

void ProcTimeWindowAggregateOperator::fire(const TimeWindow& window, const std::vector<std::string>& keys) {
  for (const std::string& key : keys) {
    aggs_.setCurrentKey(key);
    aggs_.emitWindow(key, window, window, typedOutput());
  }
}

void ProcTimeWindowAggregateOperator::finish() {
  // Flink's in-flight timers: those whose time is before now.
  fireUpTo(processingTimeService().getCurrentProcessingTime() - 1);
  aggs_.flush(typedOutput());
}

}  // namespace eddy::sql
