#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/state/java_hash.h"
#include "eddy/state/key_group_range_assignment.h"
#include "eddy/types/column_batch.h"
#include "sql/expression/expression_evaluator.h"

namespace eddy::sql {

// Copies chosen rows of batches of one ROW type into new batches, a column at a time (the
// evaluator's input-reference kernels), with their RowKinds. Immutable after construction;
// shared by the parallel instances of an operator.
class RowSelector {
 public:
  explicit RowSelector(types::LogicalType row_type);

  // A new batch holding rows `rows` of `batch`, in that order. Throws std::runtime_error on
  // an evaluation failure (none is expected for plain copies).
  std::shared_ptr<types::ColumnBatch> select(const types::ColumnBatch& batch, std::span<const int32_t> rows) const;

 private:
  types::LogicalType row_type_;
  std::vector<ExpressionEvaluator> columns_;
};

// The bytes of the key of `row`: the values of `key_fields` in order (sortable_codec.h).
// Appends to `out`.
void encodeRowKey(const types::ColumnBatch& batch, const std::vector<int>& key_fields, size_t row, std::string& out);

// The key group of encoded key bytes, exactly as state::KeyedStateBackendT<std::string>
// computes it in setCurrentKey, so a row routed here never fails the range check. murmurHash
// is never negative, so for a power-of-two max parallelism (the default 128) the remainder
// is a mask, without the division.
inline int keyGroupOfKey(std::string_view key, int max_parallelism) {
  const int32_t hash = state::murmurHash(state::javaHashCode(key));
  return (max_parallelism & (max_parallelism - 1)) == 0 ? hash & (max_parallelism - 1) : hash % max_parallelism;
}

}  // namespace eddy::sql
