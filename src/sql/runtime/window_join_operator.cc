#include "sql/runtime/window_join_operator.h"

#include <utility>

#include "eddy/state/state_descriptor.h"
#include "sql/runtime/joined_row_output.h"
#include "sql/runtime/row_selector.h"
#include "sql/runtime/state_bytes.h"

namespace eddy::sql {

using types::RowKind;
using windowing::TimeWindow;

namespace {

// A stored row: one byte telling whether its key has a NULL compared with `=` (it then
// matches nothing), then the encoded record.
void appendRow(bool null_key, const std::string& record, std::string& out) {
  std::string row(1, null_key ? '\1' : '\0');
  row += record;
  state_bytes::putString(out, row);
}

}  // namespace

WindowJoinOperator::WindowJoinOperator(std::shared_ptr<const StreamingJoinSpec> spec, std::vector<int> window_fields)
    : spec_(std::move(spec)),
      window_fields_(std::move(window_fields)),
      left_outer_(spec_->join_type == FlinkJoinType::kLeft || spec_->join_type == FlinkJoinType::kFull),
      right_outer_(spec_->join_type == FlinkJoinType::kRight || spec_->join_type == FlinkJoinType::kFull),
      left_field_count_(spec_->left_type.fieldCount()),
      output_field_count_(spec_->output_type.fieldCount()),
      builder_(spec_->output_type),
      condition_(spec_->joined_type, spec_->left_type.fieldCount(), spec_->condition) {}

void WindowJoinOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  records_[0] = backend_->getPartitionedState<TimeWindow>(state::ValueStateDescriptor<std::string>("left-records"));
  records_[1] = backend_->getPartitionedState<TimeWindow>(state::ValueStateDescriptor<std::string>("right-records"));
  timers_.emplace(backend_, &processingTimeService(), static_cast<operators::Triggerable<std::string, TimeWindow>*>(this));
}

void WindowJoinOperator::processBatch(runtime::BatchBase& batch, int input) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    for (size_t i = 0; i < rows.size(); ++i) processRow(rows, i, input == 0);
  }
}

void WindowJoinOperator::processRow(const types::ColumnBatch& rows, size_t row, bool input_is_left) {
  const int side = input_is_left ? 0 : 1;
  const types::ColumnVector& start = rows.column(static_cast<size_t>(window_fields_[static_cast<size_t>(side) * 2]));
  const types::ColumnVector& end = rows.column(static_cast<size_t>(window_fields_[static_cast<size_t>(side) * 2 + 1]));
  if (start.isNull(row) || end.isNull(row)) return;
  const TimeWindow window{start.valueAt<int64_t>(row), end.valueAt<int64_t>(row)};
  // Flink's WindowJoinOperator: a window the watermark has fired is late.
  if (window.maxTimestamp() <= watermark_) return;
  const std::vector<int>& keys = input_is_left ? spec_->left_keys : spec_->right_keys;
  bool null_key = false;
  for (size_t k = 0; k < keys.size(); ++k) {
    null_key |= spec_->filter_nulls[k] && rows.column(static_cast<size_t>(keys[k])).isNull(row);
  }
  // A row that can match nothing is only kept when it is emitted on its own.
  const bool emitted_alone = input_is_left ? left_outer_ || spec_->join_type == FlinkJoinType::kAnti : right_outer_;
  if (null_key && !emitted_alone) return;
  key_.clear();
  encodeRowKey(rows, keys, row, key_);
  backend_->setCurrentKey(key_);
  record_.clear();
  encodeRecord(rows, row, record_);
  state::InternalValueState<TimeWindow, std::string>& records = *records_[side];
  records.setCurrentNamespace(window);
  std::string stored = records.value().value_or(std::string());
  appendRow(null_key, record_, stored);
  records.update(stored);
  timers_->registerEventTimeTimer(window, window.maxTimestamp());
}

void WindowJoinOperator::onEventTime(const operators::InternalTimer<std::string, TimeWindow>& timer) {
  std::vector<char> left_null;
  std::vector<char> right_null;
  left_rows_.clear();
  right_rows_.clear();
  records_[0]->setCurrentNamespace(timer.ns);
  records_[1]->setCurrentNamespace(timer.ns);
  if (std::optional<std::string> stored = records_[0]->value()) {
    for (std::string_view in = *stored; !in.empty();) {
      std::string row = state_bytes::takeString(in);
      left_null.push_back(row[0]);
      left_rows_.push_back(row.substr(1));
    }
  }
  if (std::optional<std::string> stored = records_[1]->value()) {
    for (std::string_view in = *stored; !in.empty();) {
      std::string row = state_bytes::takeString(in);
      right_null.push_back(row[0]);
      StoredJoinRecord record;
      record.record = row.substr(1);
      record.count = 1;
      right_rows_.push_back(std::move(record));
    }
  }
  records_[0]->clear();
  records_[1]->clear();
  right_matched_.assign(right_rows_.size(), 0);
  const bool semi_or_anti = spec_->join_type == FlinkJoinType::kSemi || spec_->join_type == FlinkJoinType::kAnti;
  for (size_t l = 0; l < left_rows_.size(); ++l) {
    bool matches = false;
    if (!left_null[l] && !right_rows_.empty()) {
      condition_.match(left_rows_[l], true, right_rows_, matched_);
      for (size_t r = 0; r < right_rows_.size(); ++r) {
        if (!matched_[r] || right_null[r]) continue;
        matches = true;
        right_matched_[r] = 1;
        if (semi_or_anti) break;
        emitJoined(left_rows_[l], right_rows_[r].record);
      }
    }
    if (spec_->join_type == FlinkJoinType::kSemi ? matches : spec_->join_type == FlinkJoinType::kAnti && !matches) {
      emitLeft(left_rows_[l]);
    } else if (left_outer_ && !matches) {
      emitPadded(left_rows_[l], true);
    }
  }
  if (!right_outer_) return;
  for (size_t r = 0; r < right_rows_.size(); ++r) {
    if (!right_matched_[r]) emitPadded(right_rows_[r].record, false);
  }
}

void WindowJoinOperator::onWatermark(int64_t watermark) {
  watermark_ = watermark;
  timers_->advanceWatermark(watermark);
  builder_.flush(typedOutput());
  output()->emitWatermark(watermark);
}

void WindowJoinOperator::emitJoined(const std::string& left, const std::string& right) {
  emitJoinedRow(builder_, left, right, left_field_count_, typedOutput());
}

void WindowJoinOperator::emitLeft(const std::string& left) {
  builder_.decodeRecordInto(left, 0);
  builder_.endRow(RowKind::INSERT, typedOutput());
}

void WindowJoinOperator::emitPadded(const std::string& record, bool record_is_left) {
  emitPaddedRow(builder_, record, record_is_left, left_field_count_, output_field_count_, typedOutput());
}

}  // namespace eddy::sql
