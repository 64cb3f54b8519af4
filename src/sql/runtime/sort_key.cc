#include "sql/runtime/sort_key.h"

#include <algorithm>
#include <cstring>

#include "sql/runtime/sortable_codec.h"

namespace eddy::sql {

namespace {

void putString(std::string& out, std::string_view value) {
  const uint32_t size = static_cast<uint32_t>(value.size());
  char bytes[sizeof(size)];
  std::memcpy(bytes, &size, sizeof(size));
  out.append(bytes, sizeof(size));
  out += value;
}

std::string takeString(std::string_view& in) {
  uint32_t size;
  std::memcpy(&size, in.data(), sizeof(size));
  in.remove_prefix(sizeof(size));
  std::string value(in.substr(0, size));
  in.remove_prefix(size);
  return value;
}

}  // namespace

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
