#include "eddy/types/logical_type.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <set>

#include "eddy/common/check.h"

namespace eddy::types {

namespace {

// Flink's EncodingUtils.escapeIdentifier / escapeSingleQuotes.
std::string escape(std::string_view text, char quote) {
  std::string out(1, quote);
  for (char c : text) {
    out.push_back(c);
    if (c == quote) out.push_back(quote);
  }
  out.push_back(quote);
  return out;
}

std::string_view timestampKindName(TimestampKind kind) {
  switch (kind) {
    case TimestampKind::REGULAR: return "REGULAR";
    case TimestampKind::ROWTIME: return "ROWTIME";
    case TimestampKind::PROCTIME: return "PROCTIME";
  }
  return "";
}

std::string yearMonthFormat(YearMonthResolution resolution, int32_t year_precision) {
  switch (resolution) {
    case YearMonthResolution::YEAR: return fmt::format("INTERVAL YEAR({})", year_precision);
    case YearMonthResolution::YEAR_TO_MONTH: return fmt::format("INTERVAL YEAR({}) TO MONTH", year_precision);
    case YearMonthResolution::MONTH: return "INTERVAL MONTH";
  }
  return "";
}

std::string dayTimeFormat(DayTimeResolution resolution, int32_t day, int32_t fractional) {
  switch (resolution) {
    case DayTimeResolution::DAY: return fmt::format("INTERVAL DAY({})", day);
    case DayTimeResolution::DAY_TO_HOUR: return fmt::format("INTERVAL DAY({}) TO HOUR", day);
    case DayTimeResolution::DAY_TO_MINUTE: return fmt::format("INTERVAL DAY({}) TO MINUTE", day);
    case DayTimeResolution::DAY_TO_SECOND: return fmt::format("INTERVAL DAY({}) TO SECOND({})", day, fractional);
    case DayTimeResolution::HOUR: return "INTERVAL HOUR";
    case DayTimeResolution::HOUR_TO_MINUTE: return "INTERVAL HOUR TO MINUTE";
    case DayTimeResolution::HOUR_TO_SECOND: return fmt::format("INTERVAL HOUR TO SECOND({})", fractional);
    case DayTimeResolution::MINUTE: return "INTERVAL MINUTE";
    case DayTimeResolution::MINUTE_TO_SECOND: return fmt::format("INTERVAL MINUTE TO SECOND({})", fractional);
    case DayTimeResolution::SECOND: return fmt::format("INTERVAL SECOND({})", fractional);
  }
  return "";
}

bool needsDefaultDayPrecision(DayTimeResolution r) { return r >= DayTimeResolution::HOUR; }

bool needsDefaultFractionalPrecision(DayTimeResolution r) {
  return r == DayTimeResolution::DAY || r == DayTimeResolution::DAY_TO_HOUR || r == DayTimeResolution::DAY_TO_MINUTE ||
         r == DayTimeResolution::HOUR || r == DayTimeResolution::HOUR_TO_MINUTE || r == DayTimeResolution::MINUTE;
}

Status checkRange(int32_t value, int32_t min, int32_t max, std::string_view what) {
  if (value < min || value > max) {
    return InvalidArgument(fmt::format("{} must be between {} and {} (both inclusive).", what, min, max));
  }
  return Status::OK();
}

Status checkFieldNames(const std::vector<RowField>& fields) {
  std::set<std::string_view> seen;
  std::set<std::string_view> duplicates;
  for (const RowField& field : fields) {
    if (field.name.find_first_not_of(" \t\n\r\f\v") == std::string::npos) {
      return InvalidArgument("Field names must contain at least one non-whitespace character.");
    }
    if (!seen.insert(field.name).second) duplicates.insert(field.name);
  }
  if (!duplicates.empty()) {
    return InvalidArgument(fmt::format("Field names must be unique. Found duplicates: [{}]", fmt::join(duplicates, ", ")));
  }
  return Status::OK();
}

Status validate(LogicalTypeRoot root, int32_t precision, int32_t scale, uint8_t sub_kind,
                const std::vector<RowField>& children) {
  constexpr int32_t kMax = LogicalType::kMaxLength;
  constexpr int32_t kMaxTime = LogicalType::kMaxTimePrecision;
  switch (root) {
    case LogicalTypeRoot::CHAR: return checkRange(precision, 1, kMax, "Character string length");
    case LogicalTypeRoot::VARCHAR: return checkRange(precision, 1, kMax, "Variable character string length");
    case LogicalTypeRoot::BINARY: return checkRange(precision, 1, kMax, "Binary string length");
    case LogicalTypeRoot::VARBINARY: return checkRange(precision, 1, kMax, "Variable binary string length");
    case LogicalTypeRoot::DECIMAL:
      EDDY_RETURN_IF_ERROR(checkRange(precision, 1, LogicalType::kMaxDecimalPrecision, "Decimal precision"));
      if (scale < 0 || scale > precision) {
        return InvalidArgument(
            fmt::format("Decimal scale must be between 0 and the precision {} (both inclusive).", precision));
      }
      return Status::OK();
    case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE: return checkRange(precision, 0, kMaxTime, "Time precision");
    case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE: return checkRange(precision, 0, kMaxTime, "Timestamp precision");
    case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE:
      return checkRange(precision, 0, kMaxTime, "Timestamp with local time zone precision");
    case LogicalTypeRoot::INTERVAL_YEAR_MONTH:
      if (static_cast<YearMonthResolution>(sub_kind) == YearMonthResolution::MONTH &&
          precision != LogicalType::kDefaultYearPrecision) {
        return InvalidArgument(fmt::format("Year precision of month intervals must be equal to the default precision {}.",
                                           LogicalType::kDefaultYearPrecision));
      }
      return checkRange(precision, 1, 4, "Year precision of year-month intervals");
    case LogicalTypeRoot::INTERVAL_DAY_TIME: {
      const auto resolution = static_cast<DayTimeResolution>(sub_kind);
      if (needsDefaultDayPrecision(resolution) && precision != LogicalType::kDefaultDayPrecision) {
        return InvalidArgument(fmt::format("Day precision of sub-day intervals must be equal to the default precision {}.",
                                           LogicalType::kDefaultDayPrecision));
      }
      if (needsDefaultFractionalPrecision(resolution) && scale != LogicalType::kDefaultFractionalPrecision) {
        return InvalidArgument(
            fmt::format("Fractional precision of super-second intervals must be equal to the default precision {}.",
                        LogicalType::kDefaultFractionalPrecision));
      }
      EDDY_RETURN_IF_ERROR(checkRange(precision, 1, 6, "Day precision of day-time intervals"));
      return checkRange(scale, 0, 9, "Fractional precision of day-time intervals");
    }
    case LogicalTypeRoot::ROW: return checkFieldNames(children);
    default: return Status::OK();
  }
}

}  // namespace

Result<LogicalType> LogicalType::make(LogicalTypeRoot root, int32_t precision, int32_t scale, uint8_t sub_kind) {
  return make(root, precision, scale, sub_kind, {});
}

Result<LogicalType> LogicalType::make(LogicalTypeRoot root, int32_t precision, int32_t scale, uint8_t sub_kind,
                                      std::vector<RowField> children) {
  EDDY_RETURN_IF_ERROR(validate(root, precision, scale, sub_kind, children));
  std::shared_ptr<const std::vector<RowField>> shared;
  if (!children.empty() || root == LogicalTypeRoot::ROW) {
    shared = std::make_shared<const std::vector<RowField>>(std::move(children));
  }
  return LogicalType(root, precision, scale, sub_kind, std::move(shared));
}

LogicalType LogicalType::copy(bool nullable) const {
  EDDY_CHECK(nullable || root_ != LogicalTypeRoot::NULL_TYPE);
  LogicalType result = *this;
  result.nullable_ = nullable;
  return result;
}

const LogicalType& LogicalType::elementType() const {
  EDDY_CHECK(root_ == LogicalTypeRoot::ARRAY || root_ == LogicalTypeRoot::MULTISET);
  return (*children_)[0].type;
}

const LogicalType& LogicalType::keyType() const {
  EDDY_CHECK(root_ == LogicalTypeRoot::MAP);
  return (*children_)[0].type;
}

const LogicalType& LogicalType::valueType() const {
  EDDY_CHECK(root_ == LogicalTypeRoot::MAP);
  return (*children_)[1].type;
}

const std::vector<RowField>& LogicalType::fields() const {
  EDDY_CHECK(root_ == LogicalTypeRoot::ROW);
  return *children_;
}

size_t LogicalType::fieldCount() const { return fields().size(); }

const LogicalType& LogicalType::typeAt(size_t i) const {
  EDDY_CHECK_LT(i, fields().size());
  return (*children_)[i].type;
}

std::vector<std::string> LogicalType::fieldNames() const {
  std::vector<std::string> names;
  for (const RowField& field : fields()) names.push_back(field.name);
  return names;
}

int LogicalType::fieldIndex(std::string_view name) const {
  const std::vector<RowField>& all = fields();
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::vector<LogicalType> LogicalType::children() const {
  std::vector<LogicalType> types;
  if (children_) {
    for (const RowField& field : *children_) types.push_back(field.type);
  }
  return types;
}

LogicalType LogicalType::withTimestampKind(TimestampKind kind) const {
  EDDY_CHECK(root_ == LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE ||
             root_ == LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE);
  LogicalType result = *this;
  result.sub_kind_ = static_cast<uint8_t>(kind);
  return result;
}

std::string LogicalType::asSummaryString() const { return format(true); }

std::string LogicalType::asSerializableString() const { return format(false); }

std::string LogicalType::format(bool summary) const {
  auto child = [summary](const LogicalType& type) { return type.format(summary); };
  std::string text;
  switch (root_) {
    case LogicalTypeRoot::CHAR: text = fmt::format("CHAR({})", precision_); break;
    case LogicalTypeRoot::VARCHAR:
      text = summary && precision_ == kMaxLength ? "STRING" : fmt::format("VARCHAR({})", precision_);
      break;
    case LogicalTypeRoot::BOOLEAN: text = "BOOLEAN"; break;
    case LogicalTypeRoot::BINARY: text = fmt::format("BINARY({})", precision_); break;
    case LogicalTypeRoot::VARBINARY:
      text = summary && precision_ == kMaxLength ? "BYTES" : fmt::format("VARBINARY({})", precision_);
      break;
    case LogicalTypeRoot::DECIMAL: text = fmt::format("DECIMAL({}, {})", precision_, scale_); break;
    case LogicalTypeRoot::TINYINT: text = "TINYINT"; break;
    case LogicalTypeRoot::SMALLINT: text = "SMALLINT"; break;
    case LogicalTypeRoot::INTEGER: text = "INT"; break;
    case LogicalTypeRoot::BIGINT: text = "BIGINT"; break;
    case LogicalTypeRoot::FLOAT: text = "FLOAT"; break;
    case LogicalTypeRoot::DOUBLE: text = "DOUBLE"; break;
    case LogicalTypeRoot::DATE: text = "DATE"; break;
    case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE: text = fmt::format("TIME({})", precision_); break;
    case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE: text = fmt::format("TIMESTAMP({})", precision_); break;
    case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE:
      text = summary ? fmt::format("TIMESTAMP_LTZ({})", precision_)
                     : fmt::format("TIMESTAMP({}) WITH LOCAL TIME ZONE", precision_);
      break;
    case LogicalTypeRoot::INTERVAL_YEAR_MONTH: text = yearMonthFormat(yearMonthResolution(), precision_); break;
    case LogicalTypeRoot::INTERVAL_DAY_TIME: text = dayTimeFormat(dayTimeResolution(), precision_, scale_); break;
    case LogicalTypeRoot::ARRAY: text = fmt::format("ARRAY<{}>", child(elementType())); break;
    case LogicalTypeRoot::MULTISET: text = fmt::format("MULTISET<{}>", child(elementType())); break;
    case LogicalTypeRoot::MAP: text = fmt::format("MAP<{}, {}>", child(keyType()), child(valueType())); break;
    case LogicalTypeRoot::ROW: {
      text = "ROW<";
      for (size_t i = 0; i < children_->size(); ++i) {
        const RowField& field = (*children_)[i];
        if (i > 0) text += ", ";
        text += escape(field.name, '`') + " " + child(field.type);
        // A summary hides descriptions, as RowField#asSummaryString.
        if (field.description) text += " " + (summary ? std::string("'...'") : escape(*field.description, '\''));
      }
      text += ">";
      break;
    }
    case LogicalTypeRoot::NULL_TYPE: text = "NULL"; break;
  }
  if (!nullable_) text += " NOT NULL";
  const bool is_timestamp = root_ == LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE ||
                            root_ == LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE;
  if (summary && is_timestamp && timestampKind() != TimestampKind::REGULAR) {
    text += fmt::format(" *{}*", timestampKindName(timestampKind()));
  }
  return text;
}

bool operator==(const LogicalType& a, const LogicalType& b) {
  if (a.root_ != b.root_ || a.nullable_ != b.nullable_ || a.precision_ != b.precision_ || a.scale_ != b.scale_ ||
      a.sub_kind_ != b.sub_kind_) {
    return false;
  }
  if (a.children_ == b.children_) return true;
  if (!a.children_ || !b.children_) return false;
  return *a.children_ == *b.children_;
}

}  // namespace eddy::types
