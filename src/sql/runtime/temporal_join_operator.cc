#include "sql/runtime/temporal_join_operator.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "eddy/state/state_descriptor.h"
#include "sql/runtime/row_selector.h"

namespace eddy::sql {

using types::RowKind;

namespace {

// A stored row: its RowKind (one byte) then its encoded fields.
RowKind kindOf(const std::string& stored) { return static_cast<RowKind>(stored[0]); }
std::string_view recordOf(const std::string& stored) { return std::string_view(stored).substr(1); }

std::vector<std::pair<int64_t, std::string>> sortedEntries(
    state::InternalMapState<state::VoidNamespace, int64_t, std::string>& map) {
  std::vector<std::pair<int64_t, std::string>> entries = map.entries();
  std::sort(entries.begin(), entries.end());
  return entries;
}

}  // namespace

TemporalJoinOperator::TemporalJoinOperator(std::shared_ptr<const StreamingJoinSpec> spec, TemporalJoinTimes times)
    : spec_(std::move(spec)),
      times_(times),
      left_outer_(spec_->join_type == FlinkJoinType::kLeft),
      left_field_count_(spec_->left_type.fieldCount()),
      output_field_count_(spec_->output_type.fieldCount()),
      builder_(spec_->output_type),
      condition_(spec_->joined_type, spec_->left_type.fieldCount(), spec_->condition),
      probe_(spec_->left_type) {}

void TemporalJoinOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  left_state_ = backend_->getPartitionedState<state::VoidNamespace>(state::MapStateDescriptor<int64_t, std::string>("left"));
  right_state_ = backend_->getPartitionedState<state::VoidNamespace>(state::MapStateDescriptor<int64_t, std::string>("right"));
  next_left_index_ = backend_->getPartitionedState<state::VoidNamespace>(state::ValueStateDescriptor<int64_t>("next-left-index"));
  registered_timer_ = backend_->getPartitionedState<state::VoidNamespace>(state::ValueStateDescriptor<int64_t>("timer"));
  timers_.emplace(backend_, &processingTimeService(),
                  static_cast<operators::Triggerable<std::string, state::VoidNamespace>*>(this));
}

void TemporalJoinOperator::processBatch(runtime::BatchBase& batch, int input) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    for (size_t i = 0; i < rows.size(); ++i) processRow(rows, i, input == 0);
  }
  builder_.flush(typedOutput());
}

void TemporalJoinOperator::processRow(const types::ColumnBatch& rows, size_t row, bool input_is_left) {
  const int time_index = input_is_left ? times_.left_time_index : times_.right_time_index;
  const types::ColumnVector& time_column = rows.column(static_cast<size_t>(time_index));
  if (time_column.isNull(row)) return;
  const int64_t time = time_column.valueAt<int64_t>(row);
  key_.clear();
  encodeRowKey(rows, input_is_left ? spec_->left_keys : spec_->right_keys, row, key_);
  backend_->setCurrentKey(key_);
  value_.assign(1, static_cast<char>(rows.rowKind(row)));
  encodeRecord(rows, row, value_);
  if (input_is_left) {
    const int64_t index = next_left_index_->value().value_or(0);
    next_left_index_->update(index + 1);
    left_state_->put(index, value_);
  } else {
    right_state_->put(time, value_);
  }
  registerSmallestTimer(time);
}

void TemporalJoinOperator::registerSmallestTimer(int64_t time) {
  const std::optional<int64_t> registered = registered_timer_->value();
  if (registered && *registered <= time) return;
  registered_timer_->update(time);
  timers_->registerEventTimeTimer(state::VoidNamespace{}, time);
}

void TemporalJoinOperator::onEventTime(const operators::InternalTimer<std::string, state::VoidNamespace>& timer) {
  // A timer replaced by an earlier one has nothing left to do.
  if (registered_timer_->value() != timer.timestamp) return;
  registered_timer_->clear();
  const int64_t last_unprocessed = emitResultAndCleanUpState();
  if (last_unprocessed < std::numeric_limits<int64_t>::max()) registerSmallestTimer(last_unprocessed);
}

int64_t TemporalJoinOperator::emitResultAndCleanUpState() {
  const std::vector<std::pair<int64_t, std::string>> versions = sortedEntries(*right_state_);
  int64_t last_unprocessed = std::numeric_limits<int64_t>::max();
  // Left rows in arrival order.
  for (const auto& [index, stored] : sortedEntries(*left_state_)) {
    probe_.clear();
    decodeRecordInto(recordOf(stored), probe_, 0);
    probe_.appendRowKind(RowKind::INSERT);
    const int64_t left_time = probe_.column(static_cast<size_t>(times_.left_time_index)).valueAt<int64_t>(0);
    if (left_time > watermark_) {
      last_unprocessed = std::min(last_unprocessed, left_time);
      continue;
    }
    left_state_->remove(index);
    bool key_has_null = false;
    for (size_t k = 0; k < spec_->left_keys.size(); ++k) {
      key_has_null |= spec_->filter_nulls[k] && probe_.column(static_cast<size_t>(spec_->left_keys[k])).isNull(0);
    }
    // The latest version at or before the left row's time.
    const std::string* version = nullptr;
    for (const auto& [version_time, version_row] : versions) {
      if (version_time > left_time) break;
      version = &version_row;
    }
    const std::string left_record(recordOf(stored));
    bool joined = false;
    if (version && !key_has_null && (kindOf(*version) == RowKind::INSERT || kindOf(*version) == RowKind::UPDATE_AFTER)) {
      candidate_.assign(1, StoredJoinRecord{std::string(recordOf(*version)), 1, 0});
      condition_.match(left_record, true, candidate_, matched_);
      if (matched_[0]) {
        emit(left_record, kindOf(stored), &candidate_[0].record);
        joined = true;
      }
    }
    if (!joined && left_outer_) emit(left_record, kindOf(stored), nullptr);
  }
  // Versions before the one valid at the watermark can no longer be joined.
  size_t keep = 0;
  while (keep < versions.size() && versions[keep].first <= watermark_) ++keep;
  for (size_t i = 0; i + 1 < keep; ++i) right_state_->remove(versions[i].first);
  return last_unprocessed;
}

void TemporalJoinOperator::emit(const std::string& left, RowKind kind, const std::string* right) {
  builder_.decodeRecordInto(left, 0);
  if (right) {
    builder_.decodeRecordInto(*right, left_field_count_);
  } else {
    types::ColumnBatch& out = builder_.batch();
    for (size_t f = left_field_count_; f < output_field_count_; ++f) out.column(f).appendNull();
  }
  builder_.endRow(kind, typedOutput());
}

void TemporalJoinOperator::onWatermark(int64_t watermark) {
  watermark_ = watermark;
  timers_->advanceWatermark(watermark);
  builder_.flush(typedOutput());
  output()->emitWatermark(watermark);
}

}  // namespace eddy::sql
