#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "eddy/common/status.h"
#include "eddy/types/column_vector.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"
#include "eddy/types/row_kind.h"

namespace eddy::types {

// A batch of SQL rows in columnar form (DESIGN.md §3): a schema (a ROW type: field names and
// types), one ColumnVector per field, a RowKind column, an optional event-time (rowtime)
// column of epoch milliseconds, and a size. Operators fill and read the columns directly;
// appendRow/getRow are for tests and connectors. clear() keeps the memory, so a batch that
// is reused allocates nothing once warm. Not thread-safe; a batch moves between threads
// whole.
//
// Filling column by column: append one value to every column, then appendRowKind (and
// appendRowtime when the batch has a rowtime column); size() counts row kinds.
class ColumnBatch {
 public:
  // REQUIRES: schema is a ROW type.
  explicit ColumnBatch(LogicalType schema, bool has_rowtime = false);

  const LogicalType& schema() const { return schema_; }
  size_t size() const { return row_kinds_.size(); }
  size_t columnCount() const { return columns_.size(); }
  ColumnVector& column(size_t i) { return columns_[i]; }
  const ColumnVector& column(size_t i) const { return columns_[i]; }

  const RowKind* rowKinds() const { return row_kinds_.data(); }
  RowKind rowKind(size_t i) const { return row_kinds_[i]; }
  void setRowKind(size_t i, RowKind kind) { row_kinds_[i] = kind; }
  void appendRowKind(RowKind kind) { row_kinds_.push_back(kind); }
  // The row kinds of another batch's rows [0, n), at once.
  void appendRowKinds(const ColumnBatch& other, size_t n) {
    row_kinds_.insert(row_kinds_.end(), other.row_kinds_.begin(), other.row_kinds_.begin() + static_cast<std::ptrdiff_t>(n));
  }

  bool hasRowtime() const { return has_rowtime_; }
  const int64_t* rowtimes() const { return rowtimes_.data(); }
  int64_t rowtime(size_t i) const { return rowtimes_[i]; }
  void appendRowtime(int64_t millis) { rowtimes_.push_back(millis); }

  // Appends a row whose arity and values fit the schema; InvalidArgument naming the field
  // otherwise, leaving the batch unchanged. REQUIRES: rowtime given iff hasRowtime().
  Status appendRow(const Row& row, std::optional<int64_t> rowtime = std::nullopt);
  // The row at `i`, with its RowKind.
  Row getRow(size_t i) const;

  void clear();
  void reserve(size_t rows);

 private:
  LogicalType schema_;
  bool has_rowtime_;
  std::vector<ColumnVector> columns_;
  std::vector<RowKind> row_kinds_;
  std::vector<int64_t> rowtimes_;
};

}  // namespace eddy::types
