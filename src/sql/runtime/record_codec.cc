#include "sql/runtime/record_codec.h"

#include <cstdint>
#include <cstring>

#include "eddy/common/check.h"

namespace eddy::sql {

namespace {

using types::LogicalTypeRoot;

// The bytes of a fixed-width value of `type`, 0 for strings and binary strings.
size_t widthOf(const types::LogicalType& type) {
  switch (type.root()) {
    case LogicalTypeRoot::BOOLEAN:
    case LogicalTypeRoot::TINYINT: return 1;
    case LogicalTypeRoot::SMALLINT: return 2;
    case LogicalTypeRoot::INTEGER:
    case LogicalTypeRoot::DATE:
    case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE:
    case LogicalTypeRoot::INTERVAL_YEAR_MONTH:
    case LogicalTypeRoot::FLOAT: return 4;
    case LogicalTypeRoot::BIGINT:
    case LogicalTypeRoot::INTERVAL_DAY_TIME:
    case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE:
    case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE:
    case LogicalTypeRoot::DOUBLE: return 8;
    case LogicalTypeRoot::DECIMAL: return 16;
    case LogicalTypeRoot::CHAR:
    case LogicalTypeRoot::VARCHAR:
    case LogicalTypeRoot::BINARY:
    case LogicalTypeRoot::VARBINARY: return 0;
    default: ::eddy::detail::checkFailed(__FILE__, __LINE__, "unsupported record type " + type.asSummaryString());
  }
}

template <typename T>
void appendValue(const types::ColumnVector& column, size_t row, std::string& out) {
  const T value = column.valueAt<T>(row);
  out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

template <typename T>
void decodeValue(std::string_view& in, types::ColumnVector& out) {
  T value;
  std::memcpy(&value, in.data(), sizeof(T));
  in.remove_prefix(sizeof(T));
  out.append(value);
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
    switch (widthOf(column.type())) {
      case 1: appendValue<int8_t>(column, row, out); break;
      case 2: appendValue<int16_t>(column, row, out); break;
      case 4: appendValue<int32_t>(column, row, out); break;
      case 8: appendValue<int64_t>(column, row, out); break;
      case 16: appendValue<__int128>(column, row, out); break;
      default: {
        const std::string_view value = column.stringAt(row);
        const auto size = static_cast<uint32_t>(value.size());
        out.append(reinterpret_cast<const char*>(&size), sizeof(size));
        out.append(value);
      }
    }
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
    switch (widthOf(column.type())) {
      case 1: decodeValue<int8_t>(encoded, column); break;
      case 2: decodeValue<int16_t>(encoded, column); break;
      case 4: decodeValue<int32_t>(encoded, column); break;
      case 8: decodeValue<int64_t>(encoded, column); break;
      case 16: decodeValue<__int128>(encoded, column); break;
      default: {
        uint32_t size;
        std::memcpy(&size, encoded.data(), sizeof(size));
        encoded.remove_prefix(sizeof(size));
        column.appendString(encoded.substr(0, size));
        encoded.remove_prefix(size);
      }
    }
  }
}

}  // namespace eddy::sql
