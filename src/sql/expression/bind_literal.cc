// Literals and their types, as Calcite's SqlLiteral: 12 is INT, 12.50 DECIMAL(4, 2),
// 1.5E3 DOUBLE, 'ab' CHAR(2), TIMESTAMP '2024-01-01 10:00:00.5' TIMESTAMP(1), all NOT NULL.
#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cstdlib>

#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/expression/temporal.h"
#include "sql/expression/validation_error.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;
using types::Value;

namespace {

int codePoints(std::string_view text) {
  int count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

Result<BoundExprPtr> exactNumeric(const Expr& expr) {
  const std::string& text = expr.text;
  const size_t dot = text.find('.');
  if (dot == std::string::npos || dot + 1 == text.size()) {
    const std::string_view digits = std::string_view(text).substr(0, dot);
    int64_t value = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error == std::errc() && end == digits.data() + digits.size()) {
      if (value <= INT32_MAX) return BoundExpr::literal(Value(static_cast<int32_t>(value)), DataTypes::INT().notNull(), expr.position);
      return BoundExpr::literal(Value(value), DataTypes::BIGINT().notNull(), expr.position);
    }
    const int precision = static_cast<int>(digits.size());
    if (precision > LogicalType::kMaxDecimalPrecision) {
      return validationError(expr.position, fmt::format("Numeric literal '{}' out of range", text));
    }
    EDDY_ASSIGN_OR_RETURN(types::Decimal decimal, types::Decimal::fromString(digits, precision, 0));
    return BoundExpr::literal(Value(decimal), DataTypes::DECIMAL(precision, 0).notNull(), expr.position);
  }
  const int scale = static_cast<int>(text.size() - dot - 1);
  const int precision = static_cast<int>(text.size() - 1);
  if (precision > LogicalType::kMaxDecimalPrecision) {
    return validationError(expr.position, fmt::format("Numeric literal '{}' out of range", text));
  }
  EDDY_ASSIGN_OR_RETURN(types::Decimal decimal, types::Decimal::fromString(text, precision, scale));
  return BoundExpr::literal(Value(decimal), DataTypes::DECIMAL(precision, scale).notNull(), expr.position);
}

Result<BoundExprPtr> binaryString(const Expr& expr) {
  if (expr.text.size() % 2 != 0) {
    return validationError(expr.position, "Binary literal string must contain an even number of hexits");
  }
  std::string bytes;
  for (size_t i = 0; i < expr.text.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(expr.text.substr(i, 2), nullptr, 16)));
  }
  const int length = std::max<int>(static_cast<int>(bytes.size()), 1);
  return BoundExpr::literal(Value::bytes(std::move(bytes)), DataTypes::BINARY(length).notNull(), expr.position);
}

// INTERVAL '1-2' YEAR TO MONTH, INTERVAL '3 04:05:06.789' DAY TO SECOND, INTERVAL '90' MINUTE.
Result<BoundExprPtr> interval(const Expr& expr) {
  const IntervalQualifier& q = *expr.interval;
  std::string_view text = expr.text;
  int sign = expr.negated ? -1 : 1;
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    if (text.front() == '-') sign = -sign;
    text.remove_prefix(1);
  }
  std::vector<int64_t> fields;
  std::vector<size_t> widths;
  size_t i = 0;
  while (i < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    int64_t value = 0;
    const size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) value = value * 10 + (text[i++] - '0');
    fields.push_back(value);
    widths.push_back(i - start);
  }
  const std::string unit = q.end_unit.empty() ? q.start_unit : q.start_unit + " TO " + q.end_unit;
  auto illegal = [&] {
    return validationError(expr.position, fmt::format("Illegal interval literal format '{}' for INTERVAL {}", expr.text, unit));
  };
  if (fields.empty()) return illegal();
  if (q.start_unit == "YEAR" || q.start_unit == "MONTH" || q.start_unit == "QUARTER") {
    int64_t months = 0;
    types::YearMonthResolution resolution = types::YearMonthResolution::MONTH;
    if (q.start_unit == "YEAR" && q.end_unit == "MONTH") {
      if (fields.size() != 2) return illegal();
      months = fields[0] * 12 + fields[1];
      resolution = types::YearMonthResolution::YEAR_TO_MONTH;
    } else if (fields.size() == 1) {
      months = fields[0] * (q.start_unit == "YEAR" ? 12 : q.start_unit == "QUARTER" ? 3 : 1);
      if (q.start_unit == "YEAR") resolution = types::YearMonthResolution::YEAR;
    } else {
      return illegal();
    }
    const int precision = std::max(q.start_precision, 2);
    return BoundExpr::literal(Value::intervalYearMonth(static_cast<int32_t>(sign * months)),
                              DataTypes::yearMonthInterval(resolution, std::min(precision, 4)).notNull(), expr.position);
  }
  // Day-time: the fields from the start unit down, then an optional fraction of a second.
  static constexpr std::string_view kUnits[] = {"DAY", "HOUR", "MINUTE", "SECOND"};
  static constexpr int64_t kMillis[] = {temporal::kMillisPerDay, temporal::kMillisPerHour, temporal::kMillisPerMinute,
                                        temporal::kMillisPerSecond};
  const std::string_view start = q.start_unit == "WEEK" ? "DAY" : std::string_view(q.start_unit);
  const std::string_view end = q.end_unit.empty() ? start : std::string_view(q.end_unit);
  size_t first = 0;
  size_t last = 0;
  for (size_t u = 0; u < 4; ++u) {
    if (kUnits[u] == start) first = u;
    if (kUnits[u] == end) last = u;
  }
  const size_t units = last - first + 1;
  const bool has_fraction = end == "SECOND" && fields.size() == units + 1;
  if (fields.size() != units && !has_fraction) return illegal();
  int64_t millis = 0;
  for (size_t u = 0; u < units; ++u) millis += fields[u] * kMillis[first + u];
  if (q.start_unit == "WEEK") millis *= 7;
  if (has_fraction) {
    int64_t fraction = fields[units];
    for (size_t w = widths[units]; w < 3; ++w) fraction *= 10;
    for (size_t w = widths[units]; w > 3; --w) fraction /= 10;
    millis += fraction;
  }
  static constexpr types::DayTimeResolution kSingle[] = {types::DayTimeResolution::DAY, types::DayTimeResolution::HOUR,
                                                         types::DayTimeResolution::MINUTE,
                                                         types::DayTimeResolution::SECOND};
  types::DayTimeResolution resolution = kSingle[first];
  if (units > 1) {
    using R = types::DayTimeResolution;
    static constexpr R kRanges[3][4] = {{R::DAY, R::DAY_TO_HOUR, R::DAY_TO_MINUTE, R::DAY_TO_SECOND},
                                        {R::HOUR, R::HOUR, R::HOUR_TO_MINUTE, R::HOUR_TO_SECOND},
                                        {R::MINUTE, R::MINUTE, R::MINUTE, R::MINUTE_TO_SECOND}};
    resolution = kRanges[first][last];
  }
  const int day_precision = std::min(std::max(q.start_precision, 2), 6);
  // Flink requires the default fractional precision unless the interval ends in SECOND.
  const int fractional = end == "SECOND" ? 3 : types::LogicalType::kDefaultFractionalPrecision;
  return BoundExpr::literal(Value::intervalDayTime(sign * millis),
                            DataTypes::dayTimeInterval(resolution, day_precision, fractional).notNull(), expr.position);
}

}  // namespace

Result<BoundExprPtr> ExpressionBinder::bindLiteral(const Expr& expr) const {
  switch (expr.literal_kind) {
    case LiteralKind::kExactNumeric: return exactNumeric(expr);
    case LiteralKind::kApproxNumeric:
      return BoundExpr::literal(Value(std::strtod(expr.text.c_str(), nullptr)), DataTypes::DOUBLE().notNull(),
                                expr.position);
    case LiteralKind::kString: {
      // Flink types '' as CHAR(0), which Eddy's LogicalType cannot hold; VARCHAR(1) keeps
      // the same value without padding.
      const int length = codePoints(expr.text);
      LogicalType type = length == 0 ? DataTypes::VARCHAR(1) : DataTypes::CHAR(length);
      return BoundExpr::literal(Value(expr.text), type.notNull(), expr.position);
    }
    case LiteralKind::kBinaryString: return binaryString(expr);
    case LiteralKind::kBoolean:
      return BoundExpr::literal(Value(expr.text == "TRUE"), DataTypes::BOOLEAN().notNull(), expr.position);
    case LiteralKind::kUnknown: return BoundExpr::literal(Value(), DataTypes::BOOLEAN(), expr.position);
    case LiteralKind::kNull: return BoundExpr::literal(Value(), DataTypes::NULL_TYPE(), expr.position);
    case LiteralKind::kDate: {
      std::optional<int32_t> days = temporal::parseDate(expr.text);
      if (!days) return validationError(expr.position, fmt::format("Illegal DATE literal '{}': not in format 'yyyy-MM-dd'", expr.text));
      return BoundExpr::literal(Value::date(*days), DataTypes::DATE().notNull(), expr.position);
    }
    case LiteralKind::kTime: {
      std::optional<int32_t> millis = temporal::parseTime(expr.text);
      if (!millis) return validationError(expr.position, fmt::format("Illegal TIME literal '{}': not in format 'HH:mm:ss'", expr.text));
      const int precision = std::min(temporal::fractionDigits(expr.text), 3);
      return BoundExpr::literal(Value::time(*millis), DataTypes::TIME(precision).notNull(), expr.position);
    }
    case LiteralKind::kTimestamp: {
      std::optional<types::TimestampData> ts = temporal::parseTimestamp(expr.text);
      if (!ts) {
        return validationError(expr.position,
                               fmt::format("Illegal TIMESTAMP literal '{}': not in format 'yyyy-MM-dd HH:mm:ss'", expr.text));
      }
      const int precision = temporal::fractionDigits(expr.text);
      return BoundExpr::literal(Value::timestamp(*ts), DataTypes::TIMESTAMP(precision).notNull(), expr.position);
    }
    case LiteralKind::kInterval: return interval(expr);
  }
  return Internal("unknown literal kind");
}

}  // namespace eddy::sql
