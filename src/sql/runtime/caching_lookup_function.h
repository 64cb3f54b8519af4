#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/types/column_batch.h"
#include "sql/connectors/dynamic_table.h"
#include "sql/runtime/lookup_partial_cache.h"

namespace eddy::sql {

// A LookupFunction with a LookupCache in front of it (Flink's CachingLookupFunction): a key
// is looked up through the function only when the cache does not hold it, and the function's
// rows are cached. Without cache options every call goes to the function. Rows come back
// as a batch of the table's type with every field nullable (withNullableFields). One per
// task, used by the task thread only:
//
//   open → lookup* → close
class CachingLookupFunction {
 public:
  CachingLookupFunction(std::unique_ptr<LookupFunction> function, std::optional<LookupCacheOptions> cache_options,
                        const types::LogicalType& table_type);

  Status open() { return function_->open(); }
  void close() { function_->close(); }

  // The table's rows for the key in fields `key_fields` of row `row` of `rows`, which encodes
  // to `encoded_key`, at `now_ms`. A cache hit allocates nothing. The batch stays valid until
  // the next call. REQUIRES: no key field of the row is NULL. An error of the function or
  // rows that do not fit the table's type fail the lookup.
  Result<const types::ColumnBatch*> lookup(const types::ColumnBatch& rows, const std::vector<int>& key_fields,
                                           size_t row, std::string_view encoded_key, int64_t now_ms);

  // The type of the rows lookup() returns.
  const types::LogicalType& rowType() const { return row_type_; }

 private:
  std::unique_ptr<LookupFunction> function_;
  std::optional<LookupCache> cache_;
  types::LogicalType row_type_;
  // The last rows looked up through the function, kept alive for the caller.
  std::shared_ptr<const types::ColumnBatch> last_;
};

}  // namespace eddy::sql
