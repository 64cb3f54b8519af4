#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "eddy/types/column_batch.h"

namespace eddy::sql {

// The bytes in which the join operators keep whole records in state: per field a null byte
// (0 null, 1 not), then a fixed-width value as its bytes in host order, or a string as a
// uint32 length and its bytes. Unlike sortable_codec.h (for keys, which must sort and hash
// as Flink's do) it is not order-preserving, and decoding is a copy per field. Supports the
// types sortable_codec.h supports (isSortableType). Stateless.

// Appends the fields of `row` of `batch` to `out`, RowKind left out.
void encodeRecord(const types::ColumnBatch& batch, size_t row, std::string& out);

// Decodes an encoded record into the columns of `batch` from `first_field` on, without
// ending the row.
void decodeRecordInto(std::string_view encoded, types::ColumnBatch& batch, size_t first_field);

}  // namespace eddy::sql
