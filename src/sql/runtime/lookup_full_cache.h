#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "eddy/types/column_batch.h"

namespace eddy::sql {

// `row_type` with every field nullable: the type of the table's rows in a lookup join, so
// that the all-NULL row a LEFT join pads with fits.
types::LogicalType withNullableFields(const types::LogicalType& row_type);

// The rows of a lookup table held in memory and indexed by the lookup key (Flink's
// LookupFullCache, and the map CsvTableSource's lookup function builds when it opens): one
// columnar batch of every row, then one all-NULL row that a LEFT join pads with, and a hash
// index from the encoded key (sortable_codec.h) to the positions of the rows with that key,
// in file order. Rows with a NULL key field are kept but never found (`=` never matches
// NULL). Immutable after construction; one per task.
class LookupFullCache {
 public:
  // REQUIRES: every key field is of a type isSortableType accepts.
  LookupFullCache(types::ColumnBatch rows, std::vector<int> key_fields);

  // The positions in rows() of the rows whose key fields encode to `encoded_key`; empty when
  // none. No allocation.
  std::span<const int32_t> lookup(std::string_view encoded_key) const;

  // The table's rows (with nullable column types) and the padding row after them.
  const types::ColumnBatch& rows() const { return rows_; }
  int32_t nullRow() const { return null_row_; }
  // The number of the table's rows, the padding row not counted.
  size_t size() const { return static_cast<size_t>(null_row_); }

 private:
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
  };
  // Where a key's positions are in positions_.
  struct Range {
    uint32_t begin = 0;
    uint32_t count = 0;
  };

  types::ColumnBatch rows_;
  int32_t null_row_ = 0;
  std::unordered_map<std::string, Range, KeyHash, std::equal_to<>> index_;
  std::vector<int32_t> positions_;
};

}  // namespace eddy::sql
