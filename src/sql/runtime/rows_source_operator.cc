#include "sql/runtime/rows_source_operator.h"

#include <stdexcept>

namespace eddy::sql {

InputStatus RowsSourceOperator::emitNext() {
  auto* out = static_cast<runtime::Output<RowChunk>*>(output());
  if (!emitted_) {
    emitted_ = true;
    auto batch = std::make_shared<types::ColumnBatch>(row_type_);
    for (const types::Row& row : rows_) {
      Status status = batch->appendRow(row);
      if (!status.ok()) throw std::runtime_error(status.message());
    }
    runtime::RecordBatch<RowChunk> records;
    records.add(RowChunk{std::move(batch)}, runtime::kNoTimestamp);
    out->emitBatch(records);
  }
  out->emitWatermark(runtime::kMaxWatermark);
  return InputStatus::kEndOfInput;
}

}  // namespace eddy::sql
