#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "eddy/common/check.h"
#include "eddy/common/status.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/pod_buffer.h"
#include "eddy/types/value.h"

namespace eddy::types {

// One column of a ColumnBatch, laid out as Arrow lays it out so that it can be exported
// through the Arrow C data interface: a validity bitmap (bit i set = row i not null, least
// significant bit first) and, by type:
//   fixed width  contiguous values: BOOLEAN, TINYINT as int8; SMALLINT int16; INT, DATE
//                (days), TIME (millis of day), INTERVAL YEAR TO MONTH (months) int32; BIGINT,
//                INTERVAL DAY TO SECOND (millis) int64; FLOAT; DOUBLE; DECIMAL as int128
//                unscaled; TIMESTAMP and TIMESTAMP_LTZ as int64 epoch millis (precision <= 3),
//                micros (<= 6) or nanos (<= 9);
//   CHAR, VARCHAR, BINARY, VARBINARY  int32 offsets (size + 1) into this column's byte arena;
//   ARRAY        offsets into child(0); MULTISET and MAP: offsets into child(0) (elements or
//                keys) and child(1) (INT counts or values); ROW: one child per field.
// Values of null rows are zero (fixed width) or empty. Typed appends and reads are inline
// and allocation-free once capacity is reached; appendValue/getValue are for tests and
// connectors. Not thread-safe.
class ColumnVector {
 public:
  explicit ColumnVector(LogicalType type);

  const LogicalType& type() const { return type_; }
  size_t size() const { return size_; }

  bool isNull(size_t i) const { return (validity_[i >> 6] >> (i & 63) & 1) == 0; }
  const uint64_t* validity() const { return validity_.data(); }

  // Fixed-width values. REQUIRES: T is the storage type of this column's type.
  template <typename T>
  const T* values() const {
    return reinterpret_cast<const T*>(data_.data());
  }
  template <typename T>
  T valueAt(size_t i) const {
    T v;
    std::memcpy(&v, data_.data() + i * sizeof(T), sizeof(T));
    return v;
  }
  template <typename T>
  void append(T value) {
    data_.append(value);
    markValid();
  }
  // Appends `n` non-null values for the caller to write (a kernel's whole output at once);
  // their address, valid until the next append.
  template <typename T>
  T* appendValid(size_t n) {
    T* values = reinterpret_cast<T*>(data_.appendUninitialized(n * sizeof(T)));
    markValidRange(n);
    return values;
  }
  // Whether rows [0, n) are all non-null. REQUIRES: n <= size().
  bool noNullsIn(size_t n) const;

  // Strings and bytes.
  const int32_t* offsets() const { return offsets_.data(); }
  const char* bytes() const { return bytes_.data(); }
  std::string_view stringAt(size_t i) const {
    return std::string_view(bytes_.data() + offsets_[i], static_cast<size_t>(offsets_[i + 1] - offsets_[i]));
  }
  void appendString(std::string_view value) {
    EDDY_CHECK_LE(bytes_.size() + value.size(), static_cast<size_t>(INT32_MAX));
    bytes_.append(value);
    offsets_.push_back(static_cast<int32_t>(bytes_.size()));
    markValid();
  }

  // Nested columns (ARRAY, MULTISET, MAP, ROW).
  const ColumnVector& child(size_t i) const { return children_[i]; }
  ColumnVector& child(size_t i) { return children_[i]; }

  void appendNull();

  // Checks that `value` is null or fits this column's type (InvalidArgument naming both
  // otherwise) without changing the column.
  Status checkValue(const Value& value) const;
  // Appends a value after checkValue.
  Status appendValue(const Value& value);
  Value getValue(size_t i) const;

  // Drops all rows, keeping the memory.
  void clear();
  void reserve(size_t rows);

 private:
  [[gnu::always_inline]] void markValid() { setValidity(true); }
  // Inline: every appended value goes through here.
  [[gnu::always_inline]] void setValidity(bool valid) {
    if ((size_ & 63) == 0) validity_.push_back(0);
    if (valid) validity_[size_ >> 6] |= uint64_t{1} << (size_ & 63);
    ++size_;
  }
  // Appends `n` set validity bits.
  void markValidRange(size_t n);
  void appendChecked(const Value& value);
  void appendDefault();

  LogicalType type_;
  size_t size_ = 0;
  std::vector<uint64_t> validity_;
  // Fixed-width values; 16-byte aligned, enough for int128.
  PodBuffer data_;
  std::vector<int32_t> offsets_;
  std::string bytes_;
  std::vector<ColumnVector> children_;
};

}  // namespace eddy::types
