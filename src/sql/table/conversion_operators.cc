#include "sql/table/conversion_operators.h"

#include <fmt/format.h>

#include <stdexcept>

namespace eddy::table {

void InputConversionOperator::onWatermark(int64_t watermark) {
  if (propagate_watermark_ || watermark == runtime::kMaxWatermark) output()->emitWatermark(watermark);
}

void InputConversionOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<types::Row>&>(batch);
  if (in.empty()) return;
  auto chunk = std::make_shared<types::ColumnBatch>(produced_type_);
  chunk->reserve(in.size());
  const size_t physical = produced_type_.fieldCount() - (append_rowtime_ ? 1 : 0);
  for (size_t r = 0; r < in.size(); ++r) {
    const types::Row& row = in.values[r];
    if (row.getArity() != physical) {
      throw std::runtime_error(fmt::format("Row {} has {} fields but the table has {} physical columns", row.toString(),
                                           row.getArity(), physical));
    }
    for (size_t f = 0; f < physical; ++f) {
      Status status = chunk->column(f).appendValue(row.getField(f));
      if (!status.ok()) {
        throw std::runtime_error(fmt::format("Row {}: field '{}': {}", row.toString(), produced_type_.fields()[f].name,
                                             status.message()));
      }
    }
    if (append_rowtime_) {
      const int64_t timestamp = in.timestamps[r];
      if (timestamp == runtime::kNoTimestamp) {
        chunk->column(physical).appendNull();
      } else {
        chunk->column(physical).append<int64_t>(timestamp);
      }
    }
    chunk->appendRowKind(row.getKind());
  }
  out_.clear();
  out_.add(sql::RowChunk{std::move(chunk)}, runtime::kNoTimestamp);
  typedOutput()->emitBatch(out_);
}

void OutputConversionOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<sql::RowChunk>&>(batch);
  out_.clear();
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    for (size_t i = 0; i < rows.size(); ++i) {
      int64_t timestamp = runtime::kNoTimestamp;
      if (rowtime_field_ >= 0 && !rows.column(rowtime_field_).isNull(i)) {
        timestamp = rows.column(rowtime_field_).valueAt<int64_t>(i);
      }
      out_.add(rows.getRow(i), timestamp);
    }
  }
  if (!out_.empty()) typedOutput()->emitBatch(out_);
}

}  // namespace eddy::table
