#pragma once

#include <cstddef>
#include <string_view>

#include "sql/runtime/chunk_builder.h"

namespace eddy::sql {

// The output rows of the time-bounded joins (interval and window joins), built from records
// as record_codec.h encodes them: the left record's fields, then the right's. Stateless.

// +I[left, right].
inline void emitJoinedRow(ChunkBuilder& builder, std::string_view left, std::string_view right, size_t left_fields,
                          runtime::Output<RowChunk>* output) {
  builder.decodeRecordInto(left, 0);
  builder.decodeRecordInto(right, left_fields);
  builder.endRow(types::RowKind::INSERT, output);
}

// +I[record, nulls] for a left record, +I[nulls, record] for a right one.
inline void emitPaddedRow(ChunkBuilder& builder, std::string_view record, bool record_is_left, size_t left_fields,
                          size_t output_fields, runtime::Output<RowChunk>* output) {
  types::ColumnBatch& out = builder.batch();
  if (record_is_left) {
    builder.decodeRecordInto(record, 0);
    for (size_t f = left_fields; f < output_fields; ++f) out.column(f).appendNull();
  } else {
    for (size_t f = 0; f < left_fields; ++f) out.column(f).appendNull();
    builder.decodeRecordInto(record, left_fields);
  }
  builder.endRow(types::RowKind::INSERT, output);
}

}  // namespace eddy::sql
