#include "sql/runtime/sort_key.h"

#include <algorithm>
#include <cstring>

#include "sql/runtime/sortable_codec.h"
#include "sql/runtime/state_bytes.h"

namespace eddy::sql {

using state_bytes::putString;
using state_bytes::takeString;

void serializeSortedRows(const SortedRows& rows, std::string& out) {
  for (const auto& [sort_key, row] : rows) {
    putString(out, sort_key);
    putString(out, row);
  }
}

void deserializeSortedRows(std::string_view in, SortedRows& rows) {
  rows.clear();
  while (!in.empty()) {
    std::string sort_key = takeString(in);
    rows.emplace_back(std::move(sort_key), takeString(in));
  }
}

size_t insertSorted(SortedRows& rows, const std::string& sort_key, const std::string& row) {
  auto at = std::upper_bound(rows.begin(), rows.end(), sort_key,
                             [](const std::string& key, const auto& entry) { return key < entry.first; });
  const size_t position = static_cast<size_t>(at - rows.begin());
  rows.insert(at, {sort_key, row});
  return position;
}

void appendSortKey(const types::ColumnBatch& batch, const std::vector<SortField>& sort, size_t row, std::string& out) {
  for (const SortField& field : sort) {
    const types::ColumnVector& column = batch.column(static_cast<size_t>(field.field));
    const size_t begin = out.size();
    appendSortable(column, row, out);
    // The codec's encodings are prefix-free, so inverting every byte reverses the order.
    if (!field.ascending) {
      for (size_t i = begin; i < out.size(); ++i) out[i] = static_cast<char>(~static_cast<unsigned char>(out[i]));
    }
    if (column.isNull(row)) {
      out[begin] = field.nulls_first ? '\x00' : '\xFF';
    } else {
      out[begin] = '\x01';
    }
  }
}

}  // namespace eddy::sql
