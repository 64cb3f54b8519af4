#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/result.h"

namespace eddy::types {

// The family of a logical type, as Flink's LogicalTypeRoot (only the roots Eddy runs).
// NULL_TYPE is Flink's NULL root, renamed because NULL is a C macro.
enum class LogicalTypeRoot : uint8_t {
  CHAR,
  VARCHAR,
  BOOLEAN,
  BINARY,
  VARBINARY,
  DECIMAL,
  TINYINT,
  SMALLINT,
  INTEGER,
  BIGINT,
  FLOAT,
  DOUBLE,
  DATE,
  TIME_WITHOUT_TIME_ZONE,
  TIMESTAMP_WITHOUT_TIME_ZONE,
  TIMESTAMP_WITH_LOCAL_TIME_ZONE,
  INTERVAL_YEAR_MONTH,
  INTERVAL_DAY_TIME,
  ARRAY,
  MULTISET,
  MAP,
  ROW,
  NULL_TYPE,
};

// Whether a timestamp is a plain value or a time attribute, as Flink's TimestampKind.
enum class TimestampKind : uint8_t { REGULAR, ROWTIME, PROCTIME };

// As Flink's YearMonthIntervalType.YearMonthResolution.
enum class YearMonthResolution : uint8_t { YEAR, YEAR_TO_MONTH, MONTH };

// As Flink's DayTimeIntervalType.DayTimeResolution, coarse to fine.
enum class DayTimeResolution : uint8_t {
  DAY,
  DAY_TO_HOUR,
  DAY_TO_MINUTE,
  DAY_TO_SECOND,
  HOUR,
  HOUR_TO_MINUTE,
  HOUR_TO_SECOND,
  MINUTE,
  MINUTE_TO_SECOND,
  SECOND,
};

struct RowField;

// A SQL type as Flink's org.apache.flink.table.types.logical.LogicalType: a root, its
// parameters (length, precision, scale, resolution), nullability and, for ARRAY, MULTISET,
// MAP and ROW, its children. A small immutable value (children are shared), compared by
// value, with no virtual calls: code switches on root(). Build one with DataTypes (valid
// parameters are the caller's duty) or LogicalTypeParser (checked). Thread-compatible.
class LogicalType {
 public:
  // Flink's bounds and defaults (CharType, DecimalType, TimestampType, ... constants).
  static constexpr int32_t kMaxLength = 2147483647;
  static constexpr int32_t kMaxDecimalPrecision = 38;
  static constexpr int32_t kDefaultDecimalPrecision = 10;
  static constexpr int32_t kMaxTimePrecision = 9;
  static constexpr int32_t kDefaultTimestampPrecision = 6;
  static constexpr int32_t kDefaultYearPrecision = 2;
  static constexpr int32_t kDefaultDayPrecision = 2;
  static constexpr int32_t kDefaultFractionalPrecision = 6;

  LogicalTypeRoot root() const { return root_; }
  bool isNullable() const { return nullable_; }

  // A copy with the given nullability, as LogicalType#copy(boolean). REQUIRES: not
  // (NULL_TYPE and !nullable).
  LogicalType copy(bool nullable) const;
  LogicalType notNull() const { return copy(false); }
  LogicalType nullable() const { return copy(true); }

  // CHAR, VARCHAR, BINARY, VARBINARY.
  int32_t length() const { return precision_; }
  // DECIMAL precision and scale; TIME, TIMESTAMP, TIMESTAMP_LTZ precision.
  int32_t precision() const { return precision_; }
  int32_t scale() const { return scale_; }
  // TIMESTAMP and TIMESTAMP_LTZ.
  TimestampKind timestampKind() const { return static_cast<TimestampKind>(sub_kind_); }
  // INTERVAL_YEAR_MONTH.
  YearMonthResolution yearMonthResolution() const { return static_cast<YearMonthResolution>(sub_kind_); }
  int32_t yearPrecision() const { return precision_; }
  // INTERVAL_DAY_TIME.
  DayTimeResolution dayTimeResolution() const { return static_cast<DayTimeResolution>(sub_kind_); }
  int32_t dayPrecision() const { return precision_; }
  int32_t fractionalPrecision() const { return scale_; }

  // ARRAY and MULTISET.
  const LogicalType& elementType() const;
  // MAP.
  const LogicalType& keyType() const;
  const LogicalType& valueType() const;
  // ROW.
  const std::vector<RowField>& fields() const;
  size_t fieldCount() const;
  const LogicalType& typeAt(size_t i) const;
  std::vector<std::string> fieldNames() const;
  // The position of the field named `name`, or -1, as RowType#getFieldIndex.
  int fieldIndex(std::string_view name) const;

  // Children in order: element, key and value, or field types.
  std::vector<LogicalType> children() const;

  // A copy of a TIMESTAMP or TIMESTAMP_LTZ marked as a time attribute.
  LogicalType withTimestampKind(TimestampKind kind) const;

  // The string Flink shows to people, e.g. "STRING NOT NULL", "TIMESTAMP_LTZ(3)",
  // "ROW<`a` INT, `b` STRING>" (LogicalType#asSummaryString).
  std::string asSummaryString() const;
  // The string Flink's parser reads back, e.g. "VARCHAR(2147483647) NOT NULL",
  // "TIMESTAMP(3) WITH LOCAL TIME ZONE" (LogicalType#asSerializableString).
  std::string asSerializableString() const;
  std::string toString() const { return asSummaryString(); }

  friend bool operator==(const LogicalType& a, const LogicalType& b);

  // The one way types are built (DataTypes and LogicalTypeParser use it): checks the
  // parameters against Flink's bounds and fails with the message of Flink's
  // ValidationException. `precision` is the length for string types and the year or day
  // precision for intervals; `scale` the fractional precision of day-time intervals;
  // `sub_kind` the TimestampKind or interval resolution; `children` the element (ARRAY,
  // MULTISET), key and value (MAP) or fields (ROW).
  // (An overload rather than a defaulted `children`: RowField is incomplete here, which
  // clang rejects in a default argument.)
  static Result<LogicalType> make(LogicalTypeRoot root, int32_t precision, int32_t scale, uint8_t sub_kind,
                                  std::vector<RowField> children);
  static Result<LogicalType> make(LogicalTypeRoot root, int32_t precision = 0, int32_t scale = 0,
                                  uint8_t sub_kind = 0);

 private:
  LogicalType(LogicalTypeRoot root, int32_t precision, int32_t scale, uint8_t sub_kind,
              std::shared_ptr<const std::vector<RowField>> children)
      : root_(root), precision_(precision), scale_(scale), sub_kind_(sub_kind), children_(std::move(children)) {}

  std::string format(bool summary) const;

  LogicalTypeRoot root_;
  bool nullable_ = true;
  int32_t precision_;
  int32_t scale_;
  uint8_t sub_kind_;
  // Element (ARRAY, MULTISET), key and value (MAP), or fields (ROW); null otherwise.
  std::shared_ptr<const std::vector<RowField>> children_;
};

// A field of a ROW type, as RowType.RowField: a name, a type and an optional description.
struct RowField {
  std::string name;
  LogicalType type;
  std::optional<std::string> description;

  friend bool operator==(const RowField& a, const RowField& b) = default;
};

}  // namespace eddy::types
