#include "sql/runtime/row_selector.h"

#include <stdexcept>

#include "sql/runtime/sortable_codec.h"

namespace eddy::sql {

RowSelector::RowSelector(types::LogicalType row_type) : row_type_(std::move(row_type)) {
  for (size_t i = 0; i < row_type_.fieldCount(); ++i) {
    columns_.emplace_back(BoundExpr::inputRef(static_cast<int>(i), row_type_.typeAt(i), {}));
  }
}

std::shared_ptr<types::ColumnBatch> RowSelector::select(const types::ColumnBatch& batch,
                                                        std::span<const int32_t> rows) const {
  auto out = std::make_shared<types::ColumnBatch>(row_type_);
  out->reserve(rows.size());
  for (size_t c = 0; c < columns_.size(); ++c) {
    Status status = columns_[c].evaluate(batch, rows, out->column(c));
    if (!status.ok()) throw std::runtime_error(status.message());
  }
  for (int32_t row : rows) out->appendRowKind(batch.rowKind(static_cast<size_t>(row)));
  return out;
}

void encodeRowKey(const types::ColumnBatch& batch, const std::vector<int>& key_fields, size_t row, std::string& out) {
  for (int field : key_fields) appendSortable(batch.column(static_cast<size_t>(field)), row, out);
}

}  // namespace eddy::sql
