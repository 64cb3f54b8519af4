#include "sql/runtime/record_codec.h"

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "sql/expression/vector_ops.h"

namespace eddy::sql {

namespace {

template <typename T>
void appendValue(const types::ColumnVector& column, size_t row, std::string& out) {
  if constexpr (std::is_same_v<T, vector_ops::StringTag>) {
    const std::string_view value = column.stringAt(row);
    const auto size = static_cast<uint32_t>(value.size());
    out.append(reinterpret_cast<const char*>(&size), sizeof(size));
    out.append(value);
  } else {
    const T value = column.valueAt<T>(row);
    out.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
}

template <typename T>
void decodeValue(std::string_view& in, types::ColumnVector& out) {
  if constexpr (std::is_same_v<T, vector_ops::StringTag>) {
    uint32_t size;
    std::memcpy(&size, in.data(), sizeof(size));
    in.remove_prefix(sizeof(size));
    out.appendString(in.substr(0, size));
    in.remove_prefix(size);
  } else {
    T value;
    std::memcpy(&value, in.data(), sizeof(T));
    in.remove_prefix(sizeof(T));
    out.append(value);
  }
}

}  // namespace

void encodeRecord(const types::ColumnBatch& batch, size_t row, std::string& out) {
  for (size_t c = 0; c < batch.columnCount(); ++c) {
    const types::ColumnVector& column = batch.column(c);
    if (column.isNull(row)) {
      out.push_back('\0');
      continue;
    }
    out.push_back('\1');
    vector_ops::dispatchStorage(column.type().root(),
                                [&](auto tag) { appendValue<decltype(tag)>(column, row, out); });
  }
}

void decodeRecordInto(std::string_view encoded, types::ColumnBatch& batch, size_t first_field) {
  for (size_t f = first_field; !encoded.empty(); ++f) {
    types::ColumnVector& column = batch.column(f);
    const bool valid = encoded.front() != '\0';
    encoded.remove_prefix(1);
    if (!valid) {
      column.appendNull();
      continue;
    }
    vector_ops::dispatchStorage(column.type().root(), [&](auto tag) { decodeValue<decltype(tag)>(encoded, column); });
  }
}

}  // namespace eddy::sql
