#include "sql/runtime/lookup_full_cache.h"

#include <utility>

#include "eddy/common/check.h"
#include "eddy/types/data_types.h"
#include "sql/runtime/row_selector.h"

namespace eddy::sql {

namespace {

// The same rows with every column type nullable, so that the padding row fits the schema.
types::ColumnBatch withNullableColumns(types::ColumnBatch rows) {
  const types::LogicalType& schema = rows.schema();
  bool all_nullable = true;
  for (size_t i = 0; i < schema.fieldCount(); ++i) all_nullable &= schema.typeAt(i).isNullable();
  if (all_nullable) return rows;
  types::ColumnBatch nullable(withNullableFields(schema));
  nullable.reserve(rows.size() + 1);
  for (size_t r = 0; r < rows.size(); ++r) {
    // A load happens once per task; the row-at-a-time copy keeps this simple.
    const Status appended = nullable.appendRow(rows.getRow(r));
    EDDY_CHECK(appended.ok());
  }
  return nullable;
}

}  // namespace

types::LogicalType withNullableFields(const types::LogicalType& row_type) {
  std::vector<types::RowField> fields;
  for (size_t i = 0; i < row_type.fieldCount(); ++i) {
    fields.push_back(types::DataTypes::FIELD(row_type.fields()[i].name, row_type.typeAt(i).copy(true)));
  }
  return types::DataTypes::ROW(std::move(fields));
}

LookupFullCache::LookupFullCache(types::ColumnBatch rows, std::vector<int> key_fields)
    : rows_(withNullableColumns(std::move(rows))) {
  null_row_ = static_cast<int32_t>(rows_.size());
  std::unordered_map<std::string, std::vector<int32_t>, KeyHash, std::equal_to<>> groups;
  std::string key;
  for (size_t r = 0; r < rows_.size(); ++r) {
    bool has_null = false;
    for (int field : key_fields) has_null |= rows_.column(static_cast<size_t>(field)).isNull(r);
    if (has_null) continue;
    key.clear();
    encodeRowKey(rows_, key_fields, r, key);
    groups[key].push_back(static_cast<int32_t>(r));
  }
  for (auto& [encoded, members] : groups) {
    index_.emplace(encoded, Range{static_cast<uint32_t>(positions_.size()), static_cast<uint32_t>(members.size())});
    positions_.insert(positions_.end(), members.begin(), members.end());
  }
  for (size_t c = 0; c < rows_.columnCount(); ++c) rows_.column(c).appendNull();
  rows_.appendRowKind(types::RowKind::INSERT);
}

std::span<const int32_t> LookupFullCache::lookup(std::string_view encoded_key) const {
  auto it = index_.find(encoded_key);
  if (it == index_.end()) return {};
  return std::span<const int32_t>(positions_.data() + it->second.begin, it->second.count);
}

}  // namespace eddy::sql
