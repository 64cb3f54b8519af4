#include "sql/runtime/window_rank_operator.h"

#include <utility>

#include "eddy/state/namespaces.h"
#include "eddy/state/state_descriptor.h"
#include "sql/runtime/row_selector.h"

namespace eddy::sql {

using windowing::TimeWindow;

WindowRankOperator::WindowRankOperator(std::vector<int> keys, std::vector<SortField> sort, GroupWindow window,
                                       int64_t rank_start, int64_t rank_end, bool output_rank_number,
                                       size_t input_fields, types::LogicalType output_type)
    : keys_(std::move(keys)),
      sort_(std::move(sort)),
      window_(window),
      top_n_(static_cast<size_t>(rank_end)),
      out_(std::move(output_type), input_fields, rank_start, rank_end, output_rank_number, false) {
  for (size_t f = 0; f < input_fields; ++f) all_fields_.push_back(static_cast<int>(f));
}

void WindowRankOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  top_ = backend_->getPartitionedState<TimeWindow>(state::ValueStateDescriptor<std::string>("window-topn"));
  timers_.emplace(backend_, &processingTimeService(),
                  static_cast<operators::Triggerable<std::string, TimeWindow>*>(this));
}

void WindowRankOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    const types::ColumnVector& starts = rows.column(static_cast<size_t>(window_.start_field));
    const types::ColumnVector& ends = rows.column(static_cast<size_t>(window_.end_field));
    for (size_t i = 0; i < rows.size(); ++i) {
      const TimeWindow window{starts.valueAt<int64_t>(i), ends.valueAt<int64_t>(i)};
      // A window the watermark has passed has been ranked already: the row is late.
      if (window.maxTimestamp() <= currentWatermark()) continue;
      key_.clear();
      encodeRowKey(rows, keys_, i, key_);
      backend_->setCurrentKey(key_);
      top_->setCurrentNamespace(window);
      std::optional<std::string> stored = top_->value();
      if (stored) {
        deserializeSortedRows(*stored, buffer_);
      } else {
        buffer_.clear();
        timers_->registerEventTimeTimer(window, window.maxTimestamp());
      }
      sort_key_.clear();
      appendSortKey(rows, sort_, i, sort_key_);
      if (buffer_.size() >= top_n_ && (buffer_.empty() || sort_key_ >= buffer_.back().first)) continue;
      row_.clear();
      encodeRowKey(rows, all_fields_, i, row_);
      insertSorted(buffer_, sort_key_, row_);
      if (buffer_.size() > top_n_) buffer_.pop_back();
      row_.clear();
      serializeSortedRows(buffer_, row_);
      top_->update(row_);
    }
  }
}

void WindowRankOperator::onEventTime(const operators::InternalTimer<std::string, TimeWindow>& timer) {
  top_->setCurrentNamespace(timer.ns);
  std::optional<std::string> stored = top_->value();
  if (!stored) return;
  deserializeSortedRows(*stored, buffer_);
  int64_t rank = 0;
  for (const auto& [sort_key, row] : buffer_) out_.collect(row, ++rank, types::RowKind::INSERT, typedOutput());
  top_->clear();
}

void WindowRankOperator::onWatermark(int64_t watermark) {
  timers_->advanceWatermark(watermark);
  out_.flush(typedOutput());
  output()->emitWatermark(watermark);
}

}  // namespace eddy::sql
