#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eddy/types/column_batch.h"
#include "sql/planner/plan_node.h"

namespace eddy::sql {

// Appends the bytes of row `row`'s sort key: per SortField the sortable_codec.h encoding,
// inverted for DESC, with the NULL tag placed first or last as the field asks. Byte order of
// two keys is the order of the rows. Stateless.
void appendSortKey(const types::ColumnBatch& batch, const std::vector<SortField>& sort, size_t row, std::string& out);

// Rows in sort order as Top-N operators keep them in keyed state: (sort key, encoded row).
using SortedRows = std::vector<std::pair<std::string, std::string>>;

// Appends the stored form of `rows` to `out`.
void serializeSortedRows(const SortedRows& rows, std::string& out);
// Replaces `rows` with the rows of a stored form.
void deserializeSortedRows(std::string_view in, SortedRows& rows);

// Inserts (sort_key, row) after the rows with equal sort keys; returns its position.
size_t insertSorted(SortedRows& rows, const std::string& sort_key, const std::string& row);

}  // namespace eddy::sql
