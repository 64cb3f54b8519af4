#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "eddy/types/column_vector.h"
#include "eddy/types/logical_type.h"

namespace eddy::sql {

// Encodes single column values as bytes that sort as the values do (NULL first), using
// types::KeyEncoder's order-preserving layouts, and decodes them back into a column. Used
// for the keys of keyed SQL operators (group keys, so key groups are computed from bytes)
// and for the ordered multisets of retractable MIN/MAX and the values of DISTINCT. Stateless.

// True for the types the codec handles: booleans, numbers, DECIMAL, strings, binary
// strings, DATE, TIME, TIMESTAMP(_LTZ) and intervals.
bool isSortableType(const types::LogicalType& type);

// Appends the value at `row` of `column`. REQUIRES: isSortableType(column.type()).
void appendSortable(const types::ColumnVector& column, size_t row, std::string& out);

// The most bytes appendSortable writes for a value of `type`: a tag byte and the value's
// fixed width; nullopt for variable-length types.
std::optional<size_t> maxSortableSize(const types::LogicalType& type);

// appendSortable of rows [0, n) of `column`, a column at a time, into records of `stride`
// bytes: row i's bytes go to out + i * stride + lengths[i], and lengths[i] grows by their
// number. REQUIRES: every record has room for them (see maxSortableSize).
void writeSortableColumn(const types::ColumnVector& column, size_t n, unsigned char* out, size_t stride,
                         uint8_t* lengths);

// Reads one value written by appendSortable from the front of `in` (advancing it) and
// appends it to `out`, whose type has the same storage as the encoded column's.
void decodeSortable(std::string_view& in, types::ColumnVector& out);

}  // namespace eddy::sql
