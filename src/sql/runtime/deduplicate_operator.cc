#include "sql/runtime/deduplicate_operator.h"

#include <cstring>

#include "eddy/state/namespaces.h"
#include "eddy/state/state_descriptor.h"
#include "sql/runtime/row_selector.h"
#include "sql/runtime/state_config_util.h"

namespace eddy::sql {

using types::RowKind;

namespace {

int64_t storedTime(const std::string& stored) {
  int64_t time;
  std::memcpy(&time, stored.data(), sizeof(time));
  return time;
}

}  // namespace

DeduplicateOperator::DeduplicateOperator(std::vector<int> keys, int time_field, bool rowtime, bool keep_last_row,
                                         bool generate_update_before, types::LogicalType output_type,
                                         int64_t state_retention_ms)
    : keys_(std::move(keys)),
      time_field_(time_field),
      rowtime_(rowtime),
      keep_last_row_(keep_last_row),
      generate_update_before_(generate_update_before),
      state_retention_ms_(state_retention_ms),
      builder_(output_type) {
  for (size_t f = 0; f < output_type.fieldCount(); ++f) all_fields_.push_back(static_cast<int>(f));
}

void DeduplicateOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  state::ValueStateDescriptor<std::string> descriptor("deduplicate");
  if (state_retention_ms_ > 0) descriptor.enableTimeToLive(createTtlConfig(state_retention_ms_));
  kept_ = backend_->getPartitionedState<state::VoidNamespace>(descriptor);
}

void DeduplicateOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    const types::ColumnVector& time = rows.column(static_cast<size_t>(time_field_));
    for (size_t i = 0; i < rows.size(); ++i) {
      key_.clear();
      encodeRowKey(rows, keys_, i, key_);
      backend_->setCurrentKey(key_);
      std::optional<std::string> kept = kept_->value();
      if (kept && !rowtime_ && !keep_last_row_) continue;
      const int64_t timestamp = rowtime_ && !time.isNull(i) ? time.valueAt<int64_t>(i) : 0;
      if (kept && rowtime_) {
        const int64_t kept_time = storedTime(*kept);
        const bool replaces = keep_last_row_ ? kept_time <= timestamp : timestamp < kept_time;
        if (!replaces) continue;
      }
      candidate_.assign(sizeof(timestamp), '\0');
      std::memcpy(candidate_.data(), &timestamp, sizeof(timestamp));
      encodeRowKey(rows, all_fields_, i, candidate_);
      if (!kept) {
        emit(std::string_view(candidate_).substr(sizeof(int64_t)), RowKind::INSERT);
      } else {
        if (generate_update_before_) emit(std::string_view(*kept).substr(sizeof(int64_t)), RowKind::UPDATE_BEFORE);
        emit(std::string_view(candidate_).substr(sizeof(int64_t)), RowKind::UPDATE_AFTER);
      }
      kept_->update(candidate_);
    }
  }
  builder_.flush(typedOutput());
}

void DeduplicateOperator::emit(std::string_view row, RowKind kind) {
  builder_.decodeInto(row, 0);
  builder_.endRow(kind, typedOutput());
}

}  // namespace eddy::sql
