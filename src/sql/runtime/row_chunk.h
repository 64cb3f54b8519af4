#pragma once

#include <memory>

#include "eddy/types/column_batch.h"

namespace eddy::sql {

// The record SQL data travels in through the DataStream runtime: one chunk of up to
// kRowChunkSize rows of a changelog in columnar form, each row with its RowKind. Time
// attributes are ordinary TIMESTAMP(3)/TIMESTAMP_LTZ(3) columns; the batch's separate rowtime
// column is not used. A chunk is immutable once emitted: the batch is shared (not copied)
// when the runtime copies the record, e.g. into a network channel, so a consumer that wants
// to change rows builds a new batch.
struct RowChunk {
  std::shared_ptr<const types::ColumnBatch> batch;

  size_t size() const { return batch ? batch->size() : 0; }
};

// How many rows an operator puts into one chunk before emitting it.
inline constexpr size_t kRowChunkSize = 1024;

}  // namespace eddy::sql
