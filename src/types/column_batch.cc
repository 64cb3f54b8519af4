#include "eddy/types/column_batch.h"

#include <fmt/format.h>

#include "eddy/common/check.h"

namespace eddy::types {

ColumnBatch::ColumnBatch(LogicalType schema, bool has_rowtime)
    : schema_(std::move(schema)), has_rowtime_(has_rowtime) {
  EDDY_CHECK(schema_.root() == LogicalTypeRoot::ROW);
  for (const RowField& field : schema_.fields()) columns_.emplace_back(field.type);
}

Status ColumnBatch::appendRow(const Row& row, std::optional<int64_t> rowtime) {
  EDDY_CHECK_EQ(rowtime.has_value(), has_rowtime_);
  if (row.getArity() != columns_.size()) {
    return InvalidArgument(fmt::format("row {} has {} fields but the batch has {} columns", row.toString(),
                                       row.getArity(), columns_.size()));
  }
  for (size_t i = 0; i < columns_.size(); ++i) {
    Status status = columns_[i].checkValue(row.getField(i));
    if (!status.ok()) return status.withContext(fmt::format("field '{}'", schema_.fields()[i].name));
  }
  for (size_t i = 0; i < columns_.size(); ++i) EDDY_RETURN_IF_ERROR(columns_[i].appendValue(row.getField(i)));
  row_kinds_.push_back(row.getKind());
  if (rowtime) rowtimes_.push_back(*rowtime);
  return Status::OK();
}

Row ColumnBatch::getRow(size_t i) const {
  EDDY_CHECK_LT(i, size());
  std::vector<Value> fields;
  fields.reserve(columns_.size());
  for (const ColumnVector& column : columns_) fields.push_back(column.getValue(i));
  return Row(row_kinds_[i], std::move(fields));
}

void ColumnBatch::clear() {
  for (ColumnVector& column : columns_) column.clear();
  row_kinds_.clear();
  rowtimes_.clear();
}

void ColumnBatch::reserve(size_t rows) {
  for (ColumnVector& column : columns_) column.reserve(rows);
  row_kinds_.reserve(rows);
  if (has_rowtime_) rowtimes_.reserve(rows);
}

}  // namespace eddy::types
