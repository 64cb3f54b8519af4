#include "sql/runtime/interval_join_operator.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "eddy/state/state_descriptor.h"
#include "sql/runtime/joined_row_output.h"
#include "sql/runtime/row_selector.h"

namespace eddy::sql {

using types::RowKind;

namespace {

// The rows cached for one time: per row its encoded length (uint32), bytes, and whether it
// joined (one byte).
void decodeRows(const std::string& value, std::vector<StoredJoinRecord>& out) {
  out.clear();
  size_t at = 0;
  while (at < value.size()) {
    uint32_t length = 0;
    std::memcpy(&length, value.data() + at, sizeof(length));
    at += sizeof(length);
    StoredJoinRecord row;
    row.record.assign(value, at, length);
    at += length;
    row.count = 1;
    row.associations = value[at++] != 0 ? 1 : 0;
    out.push_back(std::move(row));
  }
}

void appendRow(const std::string& record, bool emitted, std::string& out) {
  const uint32_t length = static_cast<uint32_t>(record.size());
  out.append(reinterpret_cast<const char*>(&length), sizeof(length));
  out += record;
  out.push_back(emitted ? 1 : 0);
}

// The cache's entries in time order, so rows are emitted in one order.
std::vector<std::pair<int64_t, std::string>> entriesByTime(
    state::InternalMapState<state::VoidNamespace, int64_t, std::string>& cache) {
  std::vector<std::pair<int64_t, std::string>> entries = cache.entries();
  std::sort(entries.begin(), entries.end());
  return entries;
}

std::string encodeRows(const std::vector<StoredJoinRecord>& rows) {
  std::string out;
  for (const StoredJoinRecord& row : rows) appendRow(row.record, row.associations != 0, out);
  return out;
}

}  // namespace

IntervalJoinOperator::IntervalJoinOperator(std::shared_ptr<const StreamingJoinSpec> spec, WindowBounds bounds)
    : spec_(std::move(spec)),
      left_relative_size_(-bounds.left_lower_bound),
      right_relative_size_(bounds.left_upper_bound),
      min_clean_up_interval_((left_relative_size_ + right_relative_size_) / 2),
      left_field_count_(spec_->left_type.fieldCount()),
      output_field_count_(spec_->output_type.fieldCount()),
      builder_(spec_->output_type),
      condition_(spec_->joined_type, spec_->left_type.fieldCount(), spec_->condition) {
  sides_[0].time_index = bounds.left_time_index;
  sides_[1].time_index = bounds.right_time_index;
  sides_[0].outer = spec_->join_type == FlinkJoinType::kLeft || spec_->join_type == FlinkJoinType::kFull;
  sides_[1].outer = spec_->join_type == FlinkJoinType::kRight || spec_->join_type == FlinkJoinType::kFull;
}

void IntervalJoinOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  const char* const caches[] = {"left-cache", "right-cache"};
  const char* const timers[] = {"left-timer", "right-timer"};
  for (int s = 0; s < 2; ++s) {
    sides_[s].cache = backend_->getPartitionedState<state::VoidNamespace>(
        state::MapStateDescriptor<int64_t, std::string>(caches[s]));
    sides_[s].timer = backend_->getPartitionedState<state::VoidNamespace>(state::ValueStateDescriptor<int64_t>(timers[s]));
  }
  timers_.emplace(backend_, &processingTimeService(),
                  static_cast<operators::Triggerable<std::string, state::VoidNamespace>*>(this));
}

int64_t IntervalJoinOperator::operatorTime() const { return watermark_ > 0 ? watermark_ : 0; }

void IntervalJoinOperator::processBatch(runtime::BatchBase& batch, int input) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    for (size_t i = 0; i < rows.size(); ++i) processRow(rows, i, input == 0);
  }
  builder_.flush(typedOutput());
}

void IntervalJoinOperator::processRow(const types::ColumnBatch& rows, size_t row, bool input_is_left) {
  Side& self = sides_[input_is_left ? 0 : 1];
  Side& other = sides_[input_is_left ? 1 : 0];
  const types::ColumnVector& time_column = rows.column(static_cast<size_t>(self.time_index));
  if (time_column.isNull(row)) return;
  const int64_t time = time_column.valueAt<int64_t>(row);
  const std::vector<int>& keys = input_is_left ? spec_->left_keys : spec_->right_keys;
  key_.clear();
  encodeRowKey(rows, keys, row, key_);
  backend_->setCurrentKey(key_);
  bool key_has_null = false;
  for (size_t k = 0; k < keys.size(); ++k) {
    key_has_null |= spec_->filter_nulls[k] && rows.column(static_cast<size_t>(keys[k])).isNull(row);
  }
  record_.clear();
  encodeRecord(rows, row, record_);

  const int64_t operator_time = operatorTime();
  const int64_t other_lower = time - (input_is_left ? right_relative_size_ : left_relative_size_);
  const int64_t other_upper = time + (input_is_left ? left_relative_size_ : right_relative_size_);
  int64_t& other_expiration = input_is_left ? right_expiration_time_ : left_expiration_time_;
  bool emitted = false;
  // The other side may still hold rows of this row's interval.
  if (other_expiration < other_upper) {
    other_expiration = operator_time - (input_is_left ? right_relative_size_ : left_relative_size_) - 1;
    for (const auto& [other_time, value] : entriesByTime(*other.cache)) {
      decodeRows(value, candidates_);
      if (other_time >= other_lower && other_time <= other_upper && !key_has_null) {
        condition_.match(record_, input_is_left, candidates_, matched_);
        bool updated = false;
        for (size_t i = 0; i < candidates_.size(); ++i) {
          if (!matched_[i]) continue;
          if (input_is_left) {
            emitJoined(record_, candidates_[i].record);
          } else {
            emitJoined(candidates_[i].record, record_);
          }
          emitted = true;
          if (other.outer && candidates_[i].associations == 0) {
            candidates_[i].associations = 1;
            updated = true;
          }
        }
        if (updated) other.cache->put(other_time, encodeRows(candidates_));
      }
      if (other_time <= other_expiration) {
        if (other.outer) {
          for (const StoredJoinRecord& candidate : candidates_) {
            if (candidate.associations == 0) emitPadded(candidate.record, !input_is_left);
          }
        }
        other.cache->remove(other_time);
      }
    }
  }
  // Cache the row while rows of the other side can still join it.
  if (operator_time < other_upper) {
    std::string value = self.cache->get(time).value_or(std::string());
    appendRow(record_, emitted, value);
    self.cache->put(time, value);
    if (!self.timer->value()) registerCleanUpTimer(time, input_is_left);
  } else if (!emitted && self.outer) {
    emitPadded(record_, input_is_left);
  }
}

void IntervalJoinOperator::registerCleanUpTimer(int64_t row_time, bool left_row) {
  const int64_t relative = left_row ? left_relative_size_ : right_relative_size_;
  const int64_t clean_up_time = row_time + relative + min_clean_up_interval_ + 1;
  timers_->registerEventTimeTimer(state::VoidNamespace{}, clean_up_time);
  sides_[left_row ? 0 : 1].timer->update(clean_up_time);
}

void IntervalJoinOperator::onEventTime(const operators::InternalTimer<std::string, state::VoidNamespace>& timer) {
  const int64_t operator_time = operatorTime();
  if (sides_[1].timer->value() == timer.timestamp) {
    right_expiration_time_ = operator_time - right_relative_size_ - 1;
    removeExpiredRows(right_expiration_time_, false);
  }
  if (sides_[0].timer->value() == timer.timestamp) {
    left_expiration_time_ = operator_time - left_relative_size_ - 1;
    removeExpiredRows(left_expiration_time_, true);
  }
}

void IntervalJoinOperator::removeExpiredRows(int64_t expiration_time, bool remove_left) {
  Side& side = sides_[remove_left ? 0 : 1];
  int64_t earliest = -1;
  for (const auto& [time, value] : entriesByTime(*side.cache)) {
    if (time <= expiration_time) {
      if (side.outer) {
        decodeRows(value, candidates_);
        for (const StoredJoinRecord& row : candidates_) {
          if (row.associations == 0) emitPadded(row.record, remove_left);
        }
      }
      side.cache->remove(time);
    } else if (time < earliest || earliest < 0) {
      earliest = time;
    }
  }
  if (earliest > 0) {
    registerCleanUpTimer(earliest, remove_left);
  } else {
    side.timer->clear();
    side.cache->clear();
  }
}

void IntervalJoinOperator::onWatermark(int64_t watermark) {
  watermark_ = watermark;
  timers_->advanceWatermark(watermark);
  builder_.flush(typedOutput());
  // Joined rows may be as old as the larger relative window size behind the watermark.
  const int64_t delay = std::max(left_relative_size_, right_relative_size_);
  output()->emitWatermark(watermark == runtime::kMaxWatermark ? watermark : watermark - delay);
}

void IntervalJoinOperator::emitJoined(const std::string& left, const std::string& right) {
  emitJoinedRow(builder_, left, right, left_field_count_, typedOutput());
}

void IntervalJoinOperator::emitPadded(const std::string& record, bool record_is_left) {
  emitPaddedRow(builder_, record, record_is_left, left_field_count_, output_field_count_, typedOutput());
}

}  // namespace eddy::sql
