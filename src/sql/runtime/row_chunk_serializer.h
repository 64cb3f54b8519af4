#pragma once

#include <memory>

#include "eddy/common/result.h"
#include "eddy/types/column_batch.h"
#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"

namespace eddy::sql {

// The bytes of a ColumnBatch in the in-flight data of unaligned checkpoints (RowChunk's
// TypeSerializer), self-describing so that any edge can read it without knowing its row
// type. Layout, big-endian as Flink's DataOutputView:
//   schema   per type: root byte, nullable flag, int precision, int scale, sub-kind byte
//            (timestamp kind or interval resolution), int child count, then per child of a
//            ROW its name, a description flag (and text) and type, of ARRAY, MULTISET and
//            MAP its type;
//   rows     int count, one RowKind byte per row, a rowtime flag (and a long per row);
//   columns  per column: int size, its validity bitmap as longs (LSB first), then by type
//            the values (nulls' included: zero), or int lengths and the bytes of strings, or
//            int element counts and the child columns of ARRAY, MULTISET and MAP, or the
//            field columns of a ROW.
// Column-wise, so writing a chunk loops over its columns without building rows. Stateless.

void serializeColumnBatch(const types::ColumnBatch& batch, types::DataOutputSerializer& out);

// Corruption if the bytes are truncated or do not describe a valid batch.
Result<std::shared_ptr<types::ColumnBatch>> deserializeColumnBatch(types::DataInputDeserializer& in);

}  // namespace eddy::sql
