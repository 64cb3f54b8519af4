#include "sql/runtime/window_table_function_operator.h"

#include <stdexcept>
#include <utility>

#include "sql/runtime/window_assigner.h"

namespace eddy::sql {

WindowTableFunctionOperator::WindowTableFunctionOperator(const types::LogicalType& input_type,
                                                         types::LogicalType output_type, GroupWindow window)
    : output_type_(std::move(output_type)), window_(window) {
  for (size_t i = 0; i < input_type.fieldCount(); ++i) {
    columns_.emplace_back(BoundExpr::inputRef(static_cast<int>(i), input_type.typeAt(i), {}));
  }
}

void WindowTableFunctionOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  out_.clear();
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    const types::ColumnVector& time = rows.column(static_cast<size_t>(window_.time_field));
    selection_.clear();
    windows_.clear();
    for (size_t i = 0; i < rows.size(); ++i) {
      if (time.isNull(i)) continue;
      row_windows_.clear();
      assignWindows(window_, time.valueAt<int64_t>(i), row_windows_);
      for (const windowing::TimeWindow& w : row_windows_) {
        selection_.push_back(static_cast<int32_t>(i));
        windows_.push_back(w);
      }
    }
    if (selection_.empty()) continue;
    auto chunk = std::make_shared<types::ColumnBatch>(output_type_);
    chunk->reserve(selection_.size());
    for (size_t c = 0; c < columns_.size(); ++c) {
      Status status = columns_[c].evaluate(rows, selection_, chunk->column(c));
      if (!status.ok()) throw std::runtime_error(status.message());
    }
    const size_t first = columns_.size();
    for (const windowing::TimeWindow& w : windows_) {
      chunk->column(first).append<int64_t>(w.start);
      chunk->column(first + 1).append<int64_t>(w.end);
      chunk->column(first + 2).append<int64_t>(w.maxTimestamp());
    }
    for (int32_t row : selection_) chunk->appendRowKind(rows.rowKind(static_cast<size_t>(row)));
    out_.add(RowChunk{std::move(chunk)}, runtime::kNoTimestamp);
  }
  if (!out_.empty()) typedOutput()->emitBatch(out_);
}

}  // namespace eddy::sql
