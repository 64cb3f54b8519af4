#include "sql/runtime/streaming_join_operator.h"

#include <utility>

#include "sql/runtime/row_selector.h"
#include "sql/runtime/state_config_util.h"

namespace eddy::sql {

using types::RowKind;

namespace {

bool isAccumulate(RowKind kind) { return kind == RowKind::INSERT || kind == RowKind::UPDATE_AFTER; }

}  // namespace

StreamingJoinOperator::StreamingJoinOperator(std::shared_ptr<const StreamingJoinSpec> spec)
    : spec_(std::move(spec)),
      left_field_count_(spec_->left_type.fieldCount()),
      output_field_count_(spec_->output_type.fieldCount()),
      builder_(spec_->output_type),
      condition_(spec_->joined_type, spec_->left_type.fieldCount(), spec_->condition) {}

void StreamingJoinOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  const state::StateTtlConfig ttl = createTtlConfig(spec_->state_retention_ms);
  left_view_.emplace(backend_, "left-records", ttl);
  right_view_.emplace(backend_, "right-records", ttl);
}

void StreamingJoinOperator::processBatch(runtime::BatchBase& batch, int input) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    for (size_t i = 0; i < rows.size(); ++i) processRow(rows, i, input == 0);
  }
  builder_.flush(typedOutput());
}

void StreamingJoinOperator::findAssociated(bool input_is_left, JoinRecordStateView& other_view, bool key_has_null) {
  if (key_has_null) {
    // A NULL compared with `=` matches nothing (Flink's JoinConditionWithNullFilters).
    others_.clear();
    matched_.clear();
    return;
  }
  other_view.records(others_);
  condition_.match(record_, input_is_left, others_, matched_);
}

size_t StreamingJoinOperator::associatedCount() const {
  size_t n = 0;
  for (size_t i = 0; i < others_.size(); ++i) {
    if (matched_[i]) n += static_cast<size_t>(others_[i].count);
  }
  return n;
}

void StreamingJoinOperator::processRow(const types::ColumnBatch& rows, size_t row, bool input_is_left) {
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
  const RowKind kind = rows.rowKind(row);
  if (spec_->join_type == FlinkJoinType::kSemi || spec_->join_type == FlinkJoinType::kAnti) {
    findAssociated(input_is_left, input_is_left ? *right_view_ : *left_view_, key_has_null);
    if (input_is_left) {
      processSemiAntiLeft(kind);
    } else {
      processSemiAntiRight(kind);
    }
    return;
  }

  JoinRecordStateView& input_view = input_is_left ? *left_view_ : *right_view_;
  JoinRecordStateView& other_view = input_is_left ? *right_view_ : *left_view_;
  const bool input_is_outer = spec_->join_type == FlinkJoinType::kFull ||
                              spec_->join_type == (input_is_left ? FlinkJoinType::kLeft : FlinkJoinType::kRight);
  const bool other_is_outer = spec_->join_type == FlinkJoinType::kFull ||
                              spec_->join_type == (input_is_left ? FlinkJoinType::kRight : FlinkJoinType::kLeft);
  findAssociated(input_is_left, other_view, key_has_null);
  const size_t associated = associatedCount();

  if (isAccumulate(kind)) {
    if (!input_is_outer) input_view.addRecord(record_, 0);
    if (associated == 0) {
      if (input_is_outer) {
        emitPadded(record_, input_is_left, RowKind::INSERT);
        input_view.addRecord(record_, 0);
      }
      return;
    }
    if (other_is_outer) {
      for (size_t i = 0; i < others_.size(); ++i) {
        if (!matched_[i]) continue;
        // Every copy of a row that joined nothing had its own padded row.
        if (others_[i].associations == 0) {
          for (int32_t c = 0; c < others_[i].count; ++c) emitPadded(others_[i].record, !input_is_left, RowKind::DELETE);
        }
        other_view.updateNumOfAssociations(others_[i].record, others_[i].associations + 1);
      }
    }
    const RowKind out = input_is_outer || other_is_outer ? RowKind::INSERT : kind;
    for (size_t i = 0; i < others_.size(); ++i) {
      if (!matched_[i]) continue;
      for (int32_t c = 0; c < others_[i].count; ++c) emitJoined(record_, others_[i].record, input_is_left, out);
    }
    if (input_is_outer) input_view.addRecord(record_, static_cast<int32_t>(associated));
    return;
  }

  input_view.retractRecord(record_);
  if (associated == 0) {
    if (input_is_outer) emitPadded(record_, input_is_left, RowKind::DELETE);
    return;
  }
  const RowKind out = input_is_outer ? RowKind::DELETE : kind;
  for (size_t i = 0; i < others_.size(); ++i) {
    if (!matched_[i]) continue;
    for (int32_t c = 0; c < others_[i].count; ++c) emitJoined(record_, others_[i].record, input_is_left, out);
  }
  if (other_is_outer) {
    for (size_t i = 0; i < others_.size(); ++i) {
      if (!matched_[i]) continue;
      if (others_[i].associations == 1) {
        for (int32_t c = 0; c < others_[i].count; ++c) emitPadded(others_[i].record, !input_is_left, RowKind::INSERT);
      }
      other_view.updateNumOfAssociations(others_[i].record, others_[i].associations - 1);
    }
  }
}

void StreamingJoinOperator::emitJoined(const std::string& input, const std::string& other, bool input_is_left,
                                       RowKind kind) {
  builder_.decodeRecordInto(input_is_left ? input : other, 0);
  builder_.decodeRecordInto(input_is_left ? other : input, left_field_count_);
  builder_.endRow(kind, typedOutput());
}

void StreamingJoinOperator::emitPadded(const std::string& record, bool record_is_left, RowKind kind) {
  types::ColumnBatch& out = builder_.batch();
  if (record_is_left) {
    builder_.decodeRecordInto(record, 0);
    for (size_t f = left_field_count_; f < output_field_count_; ++f) out.column(f).appendNull();
  } else {
    for (size_t f = 0; f < left_field_count_; ++f) out.column(f).appendNull();
    builder_.decodeRecordInto(record, left_field_count_);
  }
  builder_.endRow(kind, typedOutput());
}

void StreamingJoinOperator::emitLeft(const std::string& record, RowKind kind) {
  builder_.decodeRecordInto(record, 0);
  builder_.endRow(kind, typedOutput());
}

}  // namespace eddy::sql
