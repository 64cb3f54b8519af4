#include "sql/runtime/caching_lookup_function.h"

#include <utility>

#include "sql/runtime/lookup_full_cache.h"

namespace eddy::sql {

CachingLookupFunction::CachingLookupFunction(std::unique_ptr<LookupFunction> function,
                                             std::optional<LookupCacheOptions> cache_options,
                                             const types::LogicalType& table_type)
    : function_(std::move(function)), row_type_(withNullableFields(table_type)) {
  if (cache_options) cache_.emplace(*cache_options);
}

Result<const types::ColumnBatch*> CachingLookupFunction::lookup(const types::ColumnBatch& rows,
                                                                const std::vector<int>& key_fields, size_t row,
                                                                std::string_view encoded_key, int64_t now_ms) {
  if (cache_) {
    if (const types::ColumnBatch* cached = cache_->getIfPresent(encoded_key, now_ms)) return cached;
  }
  std::vector<types::Value> key_values;
  key_values.reserve(key_fields.size());
  for (int field : key_fields) key_values.push_back(rows.column(static_cast<size_t>(field)).getValue(row));
  EDDY_ASSIGN_OR_RETURN(std::vector<types::Row> found,
                        function_->lookup(types::Row(types::RowKind::INSERT, std::move(key_values))));
  auto batch = std::make_shared<types::ColumnBatch>(row_type_);
  batch->reserve(found.size());
  for (const types::Row& table_row : found) EDDY_RETURN_IF_ERROR(batch->appendRow(table_row));
  last_ = std::move(batch);
  if (cache_) cache_->put(encoded_key, last_, now_ms);
  return last_.get();
}

}  // namespace eddy::sql
