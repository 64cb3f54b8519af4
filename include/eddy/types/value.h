#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "eddy/types/decimal.h"
#include "eddy/types/timestamp_data.h"

namespace eddy::types {

class Row;

// Which alternative a Value holds. One kind serves several logical types, as Flink's
// internal data structures do: STRING for CHAR and VARCHAR, BYTES for BINARY and VARBINARY,
// MAP for MAP and MULTISET (element -> INT count).
enum class ValueKind : uint8_t {
  NULL_VALUE,
  BOOLEAN,
  TINYINT,
  SMALLINT,
  INT,
  BIGINT,
  FLOAT,
  DOUBLE,
  DECIMAL,
  STRING,
  BYTES,
  DATE,                 // days since 1970-01-01
  TIME,                 // milliseconds of the day
  TIMESTAMP,            // TIMESTAMP: a local date-time
  TIMESTAMP_LTZ,        // TIMESTAMP_LTZ: an instant
  INTERVAL_YEAR_MONTH,  // months
  INTERVAL_DAY_TIME,    // milliseconds
  ARRAY,
  MAP,
  ROW,
};

// One field of a Row: null or a value of one SQL type, nested arrays, maps and rows
// included. This is the row-at-a-time form, for tests, connectors and the API boundary;
// operators work on ColumnBatch. A value type; thread-compatible.
class Value {
 public:
  using MapEntries = std::vector<std::pair<Value, Value>>;

  Value() = default;  // null
  Value(bool v) : data_(std::in_place_index<1>, v) {}  // NOLINT: implicit by design, as Row.of(...)
  Value(int8_t v) : data_(std::in_place_index<2>, v) {}  // NOLINT
  Value(int16_t v) : data_(std::in_place_index<3>, v) {}  // NOLINT
  Value(int32_t v) : data_(std::in_place_index<4>, v) {}  // NOLINT
  Value(int64_t v) : data_(std::in_place_index<5>, v) {}  // NOLINT
  Value(float v) : data_(std::in_place_index<6>, v) {}  // NOLINT
  Value(double v) : data_(std::in_place_index<7>, v) {}  // NOLINT
  Value(Decimal v) : data_(std::in_place_index<8>, v) {}  // NOLINT
  Value(std::string v) : data_(std::in_place_index<9>, std::move(v)) {}  // NOLINT
  Value(const char* v) : data_(std::in_place_index<9>, v) {}  // NOLINT

  static Value bytes(std::string v) { return Value(std::in_place_index<10>, std::move(v)); }
  static Value date(int32_t epoch_days) { return Value(std::in_place_index<11>, epoch_days); }
  static Value time(int32_t millis_of_day) { return Value(std::in_place_index<12>, millis_of_day); }
  static Value timestamp(TimestampData v) { return Value(std::in_place_index<13>, v); }
  static Value timestampLtz(TimestampData v) { return Value(std::in_place_index<14>, v); }
  static Value intervalYearMonth(int32_t months) { return Value(std::in_place_index<15>, months); }
  static Value intervalDayTime(int64_t millis) { return Value(std::in_place_index<16>, millis); }
  static Value array(std::vector<Value> elements) { return Value(std::in_place_index<17>, std::move(elements)); }
  // Entries keep their order; for a MULTISET the values are INT counts.
  static Value map(MapEntries entries) { return Value(std::in_place_index<18>, std::move(entries)); }
  static Value row(Row row);

  ValueKind kind() const { return static_cast<ValueKind>(data_.index()); }
  bool isNull() const { return data_.index() == 0; }

  // Getters as RowData's; each REQUIRES the matching kind (std::bad_variant_access otherwise).
  bool getBoolean() const { return std::get<1>(data_); }
  int8_t getByte() const { return std::get<2>(data_); }
  int16_t getShort() const { return std::get<3>(data_); }
  // INT, DATE, TIME and INTERVAL_YEAR_MONTH.
  int32_t getInt() const;
  // BIGINT and INTERVAL_DAY_TIME.
  int64_t getLong() const;
  float getFloat() const { return std::get<6>(data_); }
  double getDouble() const { return std::get<7>(data_); }
  const Decimal& getDecimal() const { return std::get<8>(data_); }
  // STRING and BYTES.
  const std::string& getString() const;
  // TIMESTAMP and TIMESTAMP_LTZ.
  TimestampData getTimestamp() const;
  const std::vector<Value>& getArray() const { return std::get<17>(data_); }
  const MapEntries& getMap() const { return std::get<18>(data_); }
  const Row& getRow() const { return *std::get<19>(data_); }

  // The string of the Java object Flink's Row holds for this value, as RowUtils prints it:
  // "null", "true", "1.5", "abc", "[1, -2]" for bytes, "2024-01-02", "12:34:56",
  // "2024-01-02T12:34:56.789", "[1, 2]", "{a=1}", "+I[1, x]".
  std::string toString() const;
  void appendTo(std::string& out) const;

  friend bool operator==(const Value& a, const Value& b);

 private:
  template <size_t I, typename T>
  Value(std::in_place_index_t<I> index, T&& v) : data_(index, std::forward<T>(v)) {}

  std::variant<std::monostate, bool, int8_t, int16_t, int32_t, int64_t, float, double, Decimal, std::string,
               std::string, int32_t, int32_t, TimestampData, TimestampData, int32_t, int64_t, std::vector<Value>,
               MapEntries, std::shared_ptr<const Row>>
      data_;
};

}  // namespace eddy::types
