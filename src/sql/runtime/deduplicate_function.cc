#include "sql/runtime/deduplicate_function.h"

#include <cstring>

#include "sql/runtime/row_selector.h"

namespace eddy::sql {

using types::RowKind;

namespace {

int64_t storedTime(const std::string& stored) {
  int64_t time;
  std::memcpy(&time, stored.data(), sizeof(time));
  return time;
}

}  // namespace

DeduplicateFunction::DeduplicateFunction(int time_field, bool rowtime, bool keep_last_row, bool generate_update_before,
                                         types::LogicalType row_type)
    : time_field_(time_field),
      rowtime_(rowtime),
      keep_last_row_(keep_last_row),
      generate_update_before_(generate_update_before),
      builder_(row_type) {
  for (size_t f = 0; f < row_type.fieldCount(); ++f) all_fields_.push_back(static_cast<int>(f));
}

bool DeduplicateFunction::processRow(const types::ColumnBatch& rows, size_t row, std::optional<std::string>& kept,
                                     runtime::Output<RowChunk>* output) {
  if (kept && !rowtime_ && !keep_last_row_) return false;
  const types::ColumnVector& time = rows.column(static_cast<size_t>(time_field_));
  const int64_t timestamp = rowtime_ && !time.isNull(row) ? time.valueAt<int64_t>(row) : 0;
  if (kept && rowtime_) {
    const int64_t kept_time = storedTime(*kept);
    const bool replaces = keep_last_row_ ? kept_time <= timestamp : timestamp < kept_time;
    if (!replaces) return false;
  }
  candidate_.assign(sizeof(timestamp), '\0');
  std::memcpy(candidate_.data(), &timestamp, sizeof(timestamp));
  encodeRowKey(rows, all_fields_, row, candidate_);
  if (!kept) {
    emit(std::string_view(candidate_).substr(sizeof(int64_t)), RowKind::INSERT, output);
  } else {
    if (generate_update_before_) emit(std::string_view(*kept).substr(sizeof(int64_t)), RowKind::UPDATE_BEFORE, output);
    emit(std::string_view(candidate_).substr(sizeof(int64_t)), RowKind::UPDATE_AFTER, output);
  }
  kept = candidate_;
  return true;
}

void DeduplicateFunction::emit(std::string_view row, RowKind kind, runtime::Output<RowChunk>* output) {
  builder_.decodeInto(row, 0);
  builder_.endRow(kind, output);
}

}  // namespace eddy::sql
