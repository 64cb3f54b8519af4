#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eddy/state/typed_keyed_state_backend.h"
#include "eddy/types/column_batch.h"
#include "sql/runtime/mini_batch_bundle.h"

namespace eddy::sql {

// The rows of a mini-batch bundle per key, for the operators that buffer input rows rather
// than accumulators (MiniBatchGroupAggregateOperator, MiniBatchDeduplicateOperator): a row
// is a reference into the chunk it arrived in (the chunk's index in chunks() in the high 32
// bits, the row below), and the chunks stay alive until the bundle is cleared. Saved into
// the operator state as one element per key, each row as its RowKind (1 byte), the length of
// its record (4 bytes) and the record (record_codec.h). Used by one operator instance.
class MiniBatchRowBundle {
 public:
  using RowRef = uint64_t;

  explicit MiniBatchRowBundle(types::LogicalType row_type) : row_type_(std::move(row_type)) {}

  // The rows of `key` so far, after making `chunk` the current chunk (the reference of its
  // row `row` is ref(row)).
  std::vector<RowRef>& rowsOf(const std::shared_ptr<const types::ColumnBatch>& chunk, std::string_view key) {
    if (chunks_.empty() || chunks_.back() != chunk) chunks_.push_back(chunk);
    return bundle_.get(key);
  }
  // The reference of row `row` of the current chunk.
  RowRef ref(size_t row) const { return (static_cast<RowRef>(chunks_.size() - 1) << 32) | row; }
  const types::ColumnBatch& chunkOf(RowRef ref) const { return *chunks_[ref >> 32]; }
  static size_t rowOf(RowRef ref) { return ref & 0xffffffffu; }

  std::vector<std::pair<std::string, std::vector<RowRef>>>& entries() { return bundle_.entries(); }
  void clear() {
    bundle_.clear();
    chunks_.clear();
  }

  // The bundle's elements for the operator state.
  void save(std::vector<std::string>& elements);
  // Takes the saved elements whose keys are in `backend`'s key groups (every instance reads
  // the union), their rows into one chunk of their own.
  void restore(const std::vector<std::string>& saved, const state::KeyedStateBackendT<std::string>& backend);

 private:
  types::LogicalType row_type_;
  std::vector<std::shared_ptr<const types::ColumnBatch>> chunks_;
  MiniBatchBundle<std::vector<RowRef>> bundle_;
  std::string record_;
  std::string key_;
};

}  // namespace eddy::sql
