#include "eddy/types/data_types.h"

#include "eddy/common/check.h"

namespace eddy::types {

namespace {

using Unit = DataTypes::Resolution::Unit;
using Root = LogicalTypeRoot;

LogicalType orAbort(Result<LogicalType> type) {
  if (!type.ok()) ::eddy::detail::checkFailed(__FILE__, __LINE__, type.status().message());
  return std::move(type).value();
}

}  // namespace

LogicalType DataTypes::CHAR(int32_t length) { return orAbort(LogicalType::make(Root::CHAR, length)); }
LogicalType DataTypes::VARCHAR(int32_t length) { return orAbort(LogicalType::make(Root::VARCHAR, length)); }
LogicalType DataTypes::STRING() { return VARCHAR(LogicalType::kMaxLength); }
LogicalType DataTypes::BOOLEAN() { return orAbort(LogicalType::make(Root::BOOLEAN)); }
LogicalType DataTypes::BINARY(int32_t length) { return orAbort(LogicalType::make(Root::BINARY, length)); }
LogicalType DataTypes::VARBINARY(int32_t length) { return orAbort(LogicalType::make(Root::VARBINARY, length)); }
LogicalType DataTypes::BYTES() { return VARBINARY(LogicalType::kMaxLength); }
LogicalType DataTypes::DECIMAL(int32_t precision, int32_t scale) {
  return orAbort(LogicalType::make(Root::DECIMAL, precision, scale));
}
LogicalType DataTypes::TINYINT() { return orAbort(LogicalType::make(Root::TINYINT)); }
LogicalType DataTypes::SMALLINT() { return orAbort(LogicalType::make(Root::SMALLINT)); }
LogicalType DataTypes::INT() { return orAbort(LogicalType::make(Root::INTEGER)); }
LogicalType DataTypes::BIGINT() { return orAbort(LogicalType::make(Root::BIGINT)); }
LogicalType DataTypes::FLOAT() { return orAbort(LogicalType::make(Root::FLOAT)); }
LogicalType DataTypes::DOUBLE() { return orAbort(LogicalType::make(Root::DOUBLE)); }
LogicalType DataTypes::DATE() { return orAbort(LogicalType::make(Root::DATE)); }
LogicalType DataTypes::TIME(int32_t precision) {
  return orAbort(LogicalType::make(Root::TIME_WITHOUT_TIME_ZONE, precision));
}
LogicalType DataTypes::TIMESTAMP(int32_t precision) {
  return orAbort(LogicalType::make(Root::TIMESTAMP_WITHOUT_TIME_ZONE, precision));
}
LogicalType DataTypes::TIMESTAMP_LTZ(int32_t precision) {
  return orAbort(LogicalType::make(Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE, precision));
}
LogicalType DataTypes::TIMESTAMP_WITH_LOCAL_TIME_ZONE(int32_t precision) { return TIMESTAMP_LTZ(precision); }

DataTypes::Resolution DataTypes::YEAR(int32_t precision) { return {Unit::YEAR, precision}; }
DataTypes::Resolution DataTypes::MONTH() { return {Unit::MONTH, LogicalType::kDefaultYearPrecision}; }
DataTypes::Resolution DataTypes::DAY(int32_t precision) { return {Unit::DAY, precision}; }
DataTypes::Resolution DataTypes::HOUR() { return {Unit::HOUR, 0}; }
DataTypes::Resolution DataTypes::MINUTE() { return {Unit::MINUTE, 0}; }
DataTypes::Resolution DataTypes::SECOND(int32_t precision) { return {Unit::SECOND, precision}; }

LogicalType DataTypes::INTERVAL(Resolution resolution) {
  constexpr int32_t kDay = LogicalType::kDefaultDayPrecision;
  constexpr int32_t kFraction = LogicalType::kDefaultFractionalPrecision;
  switch (resolution.unit) {
    case Unit::YEAR: return yearMonthInterval(YearMonthResolution::YEAR, resolution.precision);
    case Unit::MONTH: return yearMonthInterval(YearMonthResolution::MONTH, resolution.precision);
    case Unit::DAY: return dayTimeInterval(DayTimeResolution::DAY, resolution.precision, kFraction);
    case Unit::HOUR: return dayTimeInterval(DayTimeResolution::HOUR, kDay, kFraction);
    case Unit::MINUTE: return dayTimeInterval(DayTimeResolution::MINUTE, kDay, kFraction);
    case Unit::SECOND: return dayTimeInterval(DayTimeResolution::SECOND, kDay, resolution.precision);
  }
  ::eddy::detail::checkFailed(__FILE__, __LINE__, "unknown interval resolution");
}

LogicalType DataTypes::INTERVAL(Resolution upper, Resolution lower) {
  constexpr int32_t kDay = LogicalType::kDefaultDayPrecision;
  constexpr int32_t kFraction = LogicalType::kDefaultFractionalPrecision;
  const Unit from = upper.unit;
  const Unit to = lower.unit;
  if (from == Unit::YEAR && to == Unit::MONTH) {
    return yearMonthInterval(YearMonthResolution::YEAR_TO_MONTH, upper.precision);
  }
  if (from == Unit::DAY && to == Unit::HOUR) return dayTimeInterval(DayTimeResolution::DAY_TO_HOUR, upper.precision, kFraction);
  if (from == Unit::DAY && to == Unit::MINUTE) {
    return dayTimeInterval(DayTimeResolution::DAY_TO_MINUTE, upper.precision, kFraction);
  }
  if (from == Unit::DAY && to == Unit::SECOND) {
    return dayTimeInterval(DayTimeResolution::DAY_TO_SECOND, upper.precision, lower.precision);
  }
  if (from == Unit::HOUR && to == Unit::MINUTE) return dayTimeInterval(DayTimeResolution::HOUR_TO_MINUTE, kDay, kFraction);
  if (from == Unit::HOUR && to == Unit::SECOND) {
    return dayTimeInterval(DayTimeResolution::HOUR_TO_SECOND, kDay, lower.precision);
  }
  if (from == Unit::MINUTE && to == Unit::SECOND) {
    return dayTimeInterval(DayTimeResolution::MINUTE_TO_SECOND, kDay, lower.precision);
  }
  ::eddy::detail::checkFailed(__FILE__, __LINE__, "Unsupported interval definition.");
}

LogicalType DataTypes::yearMonthInterval(YearMonthResolution resolution, int32_t year_precision) {
  return orAbort(LogicalType::make(Root::INTERVAL_YEAR_MONTH, year_precision, 0, static_cast<uint8_t>(resolution)));
}

LogicalType DataTypes::dayTimeInterval(DayTimeResolution resolution, int32_t day_precision,
                                       int32_t fractional_precision) {
  return orAbort(LogicalType::make(Root::INTERVAL_DAY_TIME, day_precision, fractional_precision,
                                   static_cast<uint8_t>(resolution)));
}

LogicalType DataTypes::ARRAY(LogicalType element) {
  return orAbort(LogicalType::make(Root::ARRAY, 0, 0, 0, {RowField{"", std::move(element), std::nullopt}}));
}

LogicalType DataTypes::MULTISET(LogicalType element) {
  return orAbort(LogicalType::make(Root::MULTISET, 0, 0, 0, {RowField{"", std::move(element), std::nullopt}}));
}

LogicalType DataTypes::MAP(LogicalType key, LogicalType value) {
  return orAbort(LogicalType::make(
      Root::MAP, 0, 0, 0,
      {RowField{"", std::move(key), std::nullopt}, RowField{"", std::move(value), std::nullopt}}));
}

LogicalType DataTypes::ROW(std::vector<RowField> fields) {
  return orAbort(LogicalType::make(Root::ROW, 0, 0, 0, std::move(fields)));
}

LogicalType DataTypes::ROW(std::vector<LogicalType> types) {
  std::vector<RowField> fields;
  for (size_t i = 0; i < types.size(); ++i) fields.push_back(FIELD("f" + std::to_string(i), std::move(types[i])));
  return ROW(std::move(fields));
}

LogicalType DataTypes::NULL_TYPE() { return orAbort(LogicalType::make(Root::NULL_TYPE)); }

RowField DataTypes::FIELD(std::string name, LogicalType type) { return RowField{std::move(name), std::move(type), std::nullopt}; }

RowField DataTypes::FIELD(std::string name, LogicalType type, std::string description) {
  return RowField{std::move(name), std::move(type), std::move(description)};
}

}  // namespace eddy::types
