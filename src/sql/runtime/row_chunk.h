#pragma once

#include <memory>

#include "eddy/common/status.h"
#include "eddy/types/column_batch.h"
#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"

namespace eddy::sql {

// The record SQL data travels in through the DataStream runtime: one chunk of up to
// kRowChunkSize rows of a changelog in columnar form, each row with its RowKind. Time
// attributes are ordinary TIMESTAMP(3)/TIMESTAMP_LTZ(3) columns; the batch's separate rowtime
// column is not used. A chunk is immutable once emitted: the batch is shared (not copied)
// when the runtime copies the record, e.g. into a network channel, so a consumer that wants
// to change rows builds a new batch.
//
// Its TypeSerializer (the members below, defined in row_chunk_serializer.cc) is
// self-describing: each chunk carries its row type, so every edge of RowChunk gets a
// BatchSerializer and SQL tasks take unaligned checkpoints, whatever the edge's row type.
struct RowChunk {
  std::shared_ptr<const types::ColumnBatch> batch;

  size_t size() const { return batch ? batch->size() : 0; }

  // The chunk as serializeColumnBatch writes it, after a presence flag (a chunk without a
  // batch is empty).
  void serialize(types::DataOutputSerializer& out) const;
  // Corruption if the bytes are truncated or do not describe a valid chunk.
  Status deserialize(types::DataInputDeserializer& in);
};

// How many rows an operator puts into one chunk before emitting it.
inline constexpr size_t kRowChunkSize = 1024;

}  // namespace eddy::sql
