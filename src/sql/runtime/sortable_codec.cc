#include "sql/runtime/sortable_codec.h"

#include <cstdint>
#include <cstring>

#include "eddy/common/check.h"
#include "eddy/types/key_encoder.h"

namespace eddy::sql {

using types::LogicalTypeRoot;

namespace {

enum class Storage { kInt8, kInt16, kInt32, kInt64, kInt128, kFloat, kDouble, kBytes, kUnsupported };

Storage storageOf(const types::LogicalType& type) {
  switch (type.root()) {
    case LogicalTypeRoot::BOOLEAN:
    case LogicalTypeRoot::TINYINT: return Storage::kInt8;
    case LogicalTypeRoot::SMALLINT: return Storage::kInt16;
    case LogicalTypeRoot::INTEGER:
    case LogicalTypeRoot::DATE:
    case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE:
    case LogicalTypeRoot::INTERVAL_YEAR_MONTH: return Storage::kInt32;
    case LogicalTypeRoot::BIGINT:
    case LogicalTypeRoot::INTERVAL_DAY_TIME:
    case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE:
    case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE: return Storage::kInt64;
    case LogicalTypeRoot::DECIMAL: return Storage::kInt128;
    case LogicalTypeRoot::FLOAT: return Storage::kFloat;
    case LogicalTypeRoot::DOUBLE: return Storage::kDouble;
    case LogicalTypeRoot::CHAR:
    case LogicalTypeRoot::VARCHAR:
    case LogicalTypeRoot::BINARY:
    case LogicalTypeRoot::VARBINARY: return Storage::kBytes;
    default: return Storage::kUnsupported;
  }
}

template <typename U>
U readBigEndian(std::string_view& in) {
  U value = 0;
  for (size_t i = 0; i < sizeof(U); ++i) value = static_cast<U>((value << 8) | static_cast<uint8_t>(in[i]));
  in.remove_prefix(sizeof(U));
  return value;
}

template <typename S>
S readSigned(std::string_view& in) {
  using U = std::make_unsigned_t<S>;
  U bits = readBigEndian<U>(in);
  bits ^= U(1) << (sizeof(S) * 8 - 1);
  return static_cast<S>(bits);
}

void appendInt128(__int128 value, std::string& out) {
  using U = unsigned __int128;
  U bits = static_cast<U>(value) ^ (U(1) << 127);
  types::detail::appendBigEndian(static_cast<uint64_t>(bits >> 64), out);
  types::detail::appendBigEndian(static_cast<uint64_t>(bits), out);
}

template <typename F, typename U>
F readFloating(std::string_view& in) {
  U bits = readBigEndian<U>(in);
  // Undo KeyEncoder's flip: a set top bit was a positive number.
  bits = (bits >> (sizeof(U) * 8 - 1)) ? bits ^ (U(1) << (sizeof(U) * 8 - 1)) : ~bits;
  F value;
  std::memcpy(&value, &bits, sizeof(value));
  return value;
}

}  // namespace

bool isSortableType(const types::LogicalType& type) { return storageOf(type) != Storage::kUnsupported; }

void appendSortable(const types::ColumnVector& column, size_t row, std::string& out) {
  if (column.isNull(row)) {
    out.push_back('\0');
    return;
  }
  out.push_back('\1');
  switch (storageOf(column.type())) {
    case Storage::kInt8: types::KeyEncoder<int8_t>::encode(column.valueAt<int8_t>(row), out); break;
    case Storage::kInt16: types::KeyEncoder<int16_t>::encode(column.valueAt<int16_t>(row), out); break;
    case Storage::kInt32: types::KeyEncoder<int32_t>::encode(column.valueAt<int32_t>(row), out); break;
    case Storage::kInt64: types::KeyEncoder<int64_t>::encode(column.valueAt<int64_t>(row), out); break;
    case Storage::kInt128: appendInt128(column.valueAt<__int128>(row), out); break;
    case Storage::kFloat: types::KeyEncoder<float>::encode(column.valueAt<float>(row), out); break;
    case Storage::kDouble: types::KeyEncoder<double>::encode(column.valueAt<double>(row), out); break;
    case Storage::kBytes: types::StringKeyEncoder::encode(column.stringAt(row), out); break;
    case Storage::kUnsupported: ::eddy::detail::checkFailed(__FILE__, __LINE__, "unsupported key type " + column.type().asSummaryString());
  }
}

namespace {

template <typename T>
void writeFixedWidthSortable(const types::ColumnVector& column, size_t n, unsigned char* out, size_t stride,
                             uint8_t* lengths) {
  const T* values = column.values<T>();
  for (size_t i = 0; i < n; ++i) {
    unsigned char* at = out + i * stride + lengths[i];
    if (column.isNull(i)) {
      at[0] = 0;
      lengths[i] += 1;
      continue;
    }
    at[0] = 1;
    const auto bits = types::KeyEncoder<T>::sortableBits(values[i]);
    for (size_t b = 0; b < sizeof(bits); ++b) at[1 + b] = static_cast<unsigned char>(bits >> (8 * (sizeof(bits) - 1 - b)));
    lengths[i] += 1 + sizeof(bits);
  }
}

}  // namespace

void writeSortableColumn(const types::ColumnVector& column, size_t n, unsigned char* out, size_t stride,
                         uint8_t* lengths) {
  switch (storageOf(column.type())) {
    case Storage::kInt8: return writeFixedWidthSortable<int8_t>(column, n, out, stride, lengths);
    case Storage::kInt16: return writeFixedWidthSortable<int16_t>(column, n, out, stride, lengths);
    case Storage::kInt32: return writeFixedWidthSortable<int32_t>(column, n, out, stride, lengths);
    case Storage::kInt64: return writeFixedWidthSortable<int64_t>(column, n, out, stride, lengths);
    case Storage::kFloat: return writeFixedWidthSortable<float>(column, n, out, stride, lengths);
    case Storage::kDouble: return writeFixedWidthSortable<double>(column, n, out, stride, lengths);
    default: break;
  }
  std::string bytes;
  for (size_t i = 0; i < n; ++i) {
    bytes.clear();
    appendSortable(column, i, bytes);
    std::memcpy(out + i * stride + lengths[i], bytes.data(), bytes.size());
    lengths[i] = static_cast<uint8_t>(lengths[i] + bytes.size());
  }
}

std::optional<size_t> maxSortableSize(const types::LogicalType& type) {
  switch (storageOf(type)) {
    case Storage::kInt8: return 1 + sizeof(int8_t);
    case Storage::kInt16: return 1 + sizeof(int16_t);
    case Storage::kInt32: return 1 + sizeof(int32_t);
    case Storage::kInt64: return 1 + sizeof(int64_t);
    case Storage::kInt128: return 1 + sizeof(__int128);
    case Storage::kFloat: return 1 + sizeof(float);
    case Storage::kDouble: return 1 + sizeof(double);
    case Storage::kBytes:
    case Storage::kUnsupported: return std::nullopt;
  }
  return std::nullopt;
}

void decodeSortable(std::string_view& in, types::ColumnVector& out) {
  const char tag = in.front();
  in.remove_prefix(1);
  if (tag == '\0') {
    out.appendNull();
    return;
  }
  switch (storageOf(out.type())) {
    case Storage::kInt8: out.append(readSigned<int8_t>(in)); break;
    case Storage::kInt16: out.append(readSigned<int16_t>(in)); break;
    case Storage::kInt32: out.append(readSigned<int32_t>(in)); break;
    case Storage::kInt64: out.append(readSigned<int64_t>(in)); break;
    case Storage::kInt128: {
      using U = unsigned __int128;
      U high = readBigEndian<uint64_t>(in);
      U low = readBigEndian<uint64_t>(in);
      U bits = ((high << 64) | low) ^ (U(1) << 127);
      out.append(static_cast<__int128>(bits));
      break;
    }
    case Storage::kFloat: out.append(readFloating<float, uint32_t>(in)); break;
    case Storage::kDouble: out.append(readFloating<double, uint64_t>(in)); break;
    case Storage::kBytes: {
      std::string value;
      size_t i = 0;
      while (true) {
        if (in[i] == '\0') {
          if (in[i + 1] == '\x01') break;
          value.push_back('\0');
          i += 2;
          continue;
        }
        value.push_back(in[i++]);
      }
      in.remove_prefix(i + 2);
      out.appendString(value);
      break;
    }
    case Storage::kUnsupported: ::eddy::detail::checkFailed(__FILE__, __LINE__, "unsupported key type " + out.type().asSummaryString());
  }
}

}  // namespace eddy::sql
