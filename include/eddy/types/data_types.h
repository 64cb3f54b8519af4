#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eddy/types/logical_type.h"

namespace eddy::types {

// Factory functions for logical types, in the spirit of Flink's DataTypes:
// DataTypes::DECIMAL(10, 2), DataTypes::ROW({DataTypes::FIELD("a", DataTypes::INT())}).
// Types are nullable; call notNull() for NOT NULL. Parameters outside Flink's bounds are a
// programming error and abort with Flink's message; parse user input with LogicalTypeParser.
class DataTypes {
 public:
  // One end of an interval's resolution, as DataTypes.Resolution (YEAR(p), SECOND(p), ...).
  struct Resolution {
    enum class Unit : uint8_t { YEAR, MONTH, DAY, HOUR, MINUTE, SECOND };
    Unit unit;
    int32_t precision;  // year or day precision, or fractional precision for SECOND
  };

  static LogicalType CHAR(int32_t length);
  static LogicalType VARCHAR(int32_t length);
  static LogicalType STRING();
  static LogicalType BOOLEAN();
  static LogicalType BINARY(int32_t length);
  static LogicalType VARBINARY(int32_t length);
  static LogicalType BYTES();
  static LogicalType DECIMAL(int32_t precision, int32_t scale);
  static LogicalType TINYINT();
  static LogicalType SMALLINT();
  static LogicalType INT();
  static LogicalType BIGINT();
  static LogicalType FLOAT();
  static LogicalType DOUBLE();
  static LogicalType DATE();
  static LogicalType TIME(int32_t precision = 0);
  static LogicalType TIMESTAMP(int32_t precision = LogicalType::kDefaultTimestampPrecision);
  static LogicalType TIMESTAMP_LTZ(int32_t precision = LogicalType::kDefaultTimestampPrecision);
  static LogicalType TIMESTAMP_WITH_LOCAL_TIME_ZONE(int32_t precision = LogicalType::kDefaultTimestampPrecision);

  static Resolution YEAR(int32_t precision = LogicalType::kDefaultYearPrecision);
  static Resolution MONTH();
  static Resolution DAY(int32_t precision = LogicalType::kDefaultDayPrecision);
  static Resolution HOUR();
  static Resolution MINUTE();
  static Resolution SECOND(int32_t precision = LogicalType::kDefaultFractionalPrecision);
  // INTERVAL(DAY()), INTERVAL(YEAR(), MONTH()), INTERVAL(DAY(), SECOND(3)); other pairs abort.
  static LogicalType INTERVAL(Resolution resolution);
  static LogicalType INTERVAL(Resolution upper, Resolution lower);
  // The interval types by their resolution, with explicit precisions (used by the parser).
  static LogicalType yearMonthInterval(YearMonthResolution resolution, int32_t year_precision);
  static LogicalType dayTimeInterval(DayTimeResolution resolution, int32_t day_precision,
                                     int32_t fractional_precision);

  static LogicalType ARRAY(LogicalType element);
  static LogicalType MULTISET(LogicalType element);
  static LogicalType MAP(LogicalType key, LogicalType value);
  static LogicalType ROW(std::vector<RowField> fields);
  // A row with fields named f0, f1, ... as DataTypes.ROW(DataType...).
  static LogicalType ROW(std::vector<LogicalType> types);
  static LogicalType NULL_TYPE();

  static RowField FIELD(std::string name, LogicalType type);
  static RowField FIELD(std::string name, LogicalType type, std::string description);

};

}  // namespace eddy::types
